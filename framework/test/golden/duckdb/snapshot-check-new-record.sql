-- atomic
-- add column
alter table "snapshots"."s" add column "dbt_is_deleted" varchar;
-- close changed rows
update "snapshots"."s"
set "dbt_valid_to" = cast('2024-05-01 12:00:00.000' as timestamp)
from "snapshots"."s__strata_source" as s
where s."id" = "snapshots"."s"."id" and s."day" = "snapshots"."s"."day"
  and "snapshots"."s"."dbt_valid_to" is null
  and ("snapshots"."s"."name" is distinct from s."name"
    or coalesce("snapshots"."s"."dbt_is_deleted", 'False') = 'True');
-- record deleted rows
insert into "snapshots"."s" ("id", "day", "name", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_is_deleted")
select t."id", t."day", t."name", md5(cast(concat(coalesce(cast(t."id" as varchar), ''), '|', coalesce(cast(t."day" as varchar), ''), '|', '2024-05-01 12:00:00.000') as varchar)), cast('2024-05-01 12:00:00.000' as timestamp), cast('2024-05-01 12:00:00.000' as timestamp), null, 'True'
from "snapshots"."s" as t
where t."dbt_valid_to" is null
  and not coalesce(t."dbt_is_deleted", 'False') = 'True'
  and not exists (select 1 from "snapshots"."s__strata_source" as s where s."id" = t."id" and s."day" = t."day");
-- close deleted rows
update "snapshots"."s"
set "dbt_valid_to" = cast('2024-05-01 12:00:00.000' as timestamp)
where "snapshots"."s"."dbt_valid_to" is null
  and not coalesce("snapshots"."s"."dbt_is_deleted", 'False') = 'True'
  and not exists (select 1 from "snapshots"."s__strata_source" as s where s."id" = "snapshots"."s"."id" and s."day" = "snapshots"."s"."day");
-- insert new versions
insert into "snapshots"."s" ("id", "day", "name", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_is_deleted")
select s."id", s."day", s."name", md5(cast(concat(coalesce(cast(s."id" as varchar), ''), '|', coalesce(cast(s."day" as varchar), ''), '|', '2024-05-01 12:00:00.000') as varchar)), cast('2024-05-01 12:00:00.000' as timestamp), cast('2024-05-01 12:00:00.000' as timestamp), null, 'False'
from "snapshots"."s__strata_source" as s
where not exists (select 1 from "snapshots"."s" as t where t."id" = s."id" and t."day" = s."day" and t."dbt_valid_to" is null);
-- end atomic
-- drop staged select
drop table if exists "snapshots"."s__strata_source";
