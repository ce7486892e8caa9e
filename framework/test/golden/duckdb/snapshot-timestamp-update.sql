-- drop stale staged select
drop table if exists "snapshots"."s__strata_source";
-- stage select
create or replace table "snapshots"."s__strata_source" as (
select id, name, updated_at from src
);
-- atomic
-- add column
alter table "snapshots"."s" add column "tier" VARCHAR;
-- close changed rows
update "snapshots"."s"
set "dbt_valid_to" = s."updated_at"
from "snapshots"."s__strata_source" as s
where s."id" = "snapshots"."s"."id"
  and "snapshots"."s"."dbt_valid_to" is null
  and ("snapshots"."s"."dbt_valid_from" < s."updated_at");
-- close deleted rows
update "snapshots"."s"
set "dbt_valid_to" = cast('2024-05-01 12:00:00.000' as timestamp)
where "snapshots"."s"."dbt_valid_to" is null
  and not exists (select 1 from "snapshots"."s__strata_source" as s where s."id" = "snapshots"."s"."id");
-- insert new versions
insert into "snapshots"."s" ("id", "name", "updated_at", "tier", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to")
select s."id", s."name", s."updated_at", s."tier", md5(cast(concat(coalesce(cast(s."id" as varchar), ''), '|', coalesce(cast(s."updated_at" as varchar), '')) as varchar)), s."updated_at", s."updated_at", null
from "snapshots"."s__strata_source" as s
where not exists (select 1 from "snapshots"."s" as t where t."id" = s."id" and t."dbt_valid_to" is null);
-- end atomic
-- drop staged select
drop table if exists "snapshots"."s__strata_source";
