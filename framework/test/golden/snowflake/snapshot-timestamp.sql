-- drop stale staged table
DROP TABLE IF EXISTS "SNAPSHOTS"."S__STRATA_TMP";
-- create staged snapshot
CREATE OR REPLACE TABLE "SNAPSHOTS"."S__STRATA_TMP" AS (
select sbq.*, MD5(CAST(CONCAT(coalesce(cast(sbq."ID" as VARCHAR), ''), '|', coalesce(cast(sbq."UPDATED_AT" as VARCHAR), '')) AS VARCHAR)) as "DBT_SCD_ID", sbq."UPDATED_AT" as "DBT_UPDATED_AT", sbq."UPDATED_AT" as "DBT_VALID_FROM", nullif(sbq."UPDATED_AT", sbq."UPDATED_AT") as "DBT_VALID_TO" from (select id, name, updated_at from src
) as sbq
);
-- atomic
-- swap
ALTER TABLE "SNAPSHOTS"."S__STRATA_TMP" RENAME TO "SNAPSHOTS"."S";
-- end atomic
-- drop stale staged select
DROP TABLE IF EXISTS "SNAPSHOTS"."S__STRATA_SOURCE";
-- stage select
CREATE OR REPLACE TRANSIENT TABLE "SNAPSHOTS"."S__STRATA_SOURCE" AS (
select id, name, updated_at from src
);
-- add column
ALTER TABLE "SNAPSHOTS"."S" ADD COLUMN "TIER" VARCHAR;
-- atomic (dml)
-- close changed rows
update "SNAPSHOTS"."S"
set "DBT_VALID_TO" = s."UPDATED_AT"
from "SNAPSHOTS"."S__STRATA_SOURCE" as s
where s."ID" = "SNAPSHOTS"."S"."ID"
  and "SNAPSHOTS"."S"."DBT_VALID_TO" is null
  and ("SNAPSHOTS"."S"."DBT_VALID_FROM" < s."UPDATED_AT");
-- close deleted rows
update "SNAPSHOTS"."S"
set "DBT_VALID_TO" = cast('2024-05-01 12:00:00.000' as TIMESTAMP_NTZ)
where "SNAPSHOTS"."S"."DBT_VALID_TO" is null
  and not exists (select 1 from "SNAPSHOTS"."S__STRATA_SOURCE" as s where s."ID" = "SNAPSHOTS"."S"."ID");
-- insert new versions
insert into "SNAPSHOTS"."S" ("ID", "NAME", "UPDATED_AT", "TIER", "DBT_SCD_ID", "DBT_UPDATED_AT", "DBT_VALID_FROM", "DBT_VALID_TO")
select s."ID", s."NAME", s."UPDATED_AT", s."TIER", MD5(CAST(CONCAT(coalesce(cast(s."ID" as VARCHAR), ''), '|', coalesce(cast(s."UPDATED_AT" as VARCHAR), '')) AS VARCHAR)), s."UPDATED_AT", s."UPDATED_AT", null
from "SNAPSHOTS"."S__STRATA_SOURCE" as s
where not exists (select 1 from "SNAPSHOTS"."S" as t where t."ID" = s."ID" and t."DBT_VALID_TO" is null);
-- end atomic
-- drop staged select
DROP TABLE IF EXISTS "SNAPSHOTS"."S__STRATA_SOURCE";
