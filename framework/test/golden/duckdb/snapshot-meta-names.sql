-- drop stale staged table
drop table if exists "snapshots"."s__strata_tmp";
-- create staged snapshot
create or replace table "snapshots"."s__strata_tmp" as (
select sbq.*, md5(cast(concat(coalesce(cast(sbq."id" as varchar), ''), '|', coalesce(cast(sbq."updated_at" as varchar), '')) as varchar)) as "dbt_scd_id", sbq."updated_at" as "dbt_updated_at", sbq."updated_at" as "valid_from", coalesce(nullif(sbq."updated_at", sbq."updated_at"), cast('9999-12-31' as timestamp)) as "valid_to" from (select id, name, updated_at from src
) as sbq
);
-- atomic
-- swap
alter table "snapshots"."s__strata_tmp" rename to "s";
-- end atomic
-- atomic (dml)
-- close changed rows
update "snapshots"."s"
set "valid_to" = s."updated_at"
from "snapshots"."s__strata_source" as s
where s."id" = "snapshots"."s"."id"
  and ("snapshots"."s"."valid_to" is null or "snapshots"."s"."valid_to" = cast('9999-12-31' as timestamp))
  and ("snapshots"."s"."valid_from" < s."updated_at");
-- insert new versions
insert into "snapshots"."s" ("id", "name", "updated_at", "dbt_scd_id", "dbt_updated_at", "valid_from", "valid_to")
select s."id", s."name", s."updated_at", md5(cast(concat(coalesce(cast(s."id" as varchar), ''), '|', coalesce(cast(s."updated_at" as varchar), '')) as varchar)), s."updated_at", s."updated_at", cast('9999-12-31' as timestamp)
from "snapshots"."s__strata_source" as s
where not exists (select 1 from "snapshots"."s" as t where t."id" = s."id" and (t."valid_to" is null or t."valid_to" = cast('9999-12-31' as timestamp)));
-- end atomic
-- drop staged select
drop table if exists "snapshots"."s__strata_source";
