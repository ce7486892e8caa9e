-- drop stale staged table
drop table if exists "snapshots"."s__strata_tmp";
-- create staged snapshot
create or replace table "snapshots"."s__strata_tmp" as (
select sbq.*, md5(cast(concat(coalesce(cast(sbq."id" as varchar), ''), '|', coalesce(cast(sbq."day" as varchar), ''), '|', '2024-05-01 12:00:00.000') as varchar)) as "dbt_scd_id", cast('2024-05-01 12:00:00.000' as timestamp) as "dbt_updated_at", cast('2024-05-01 12:00:00.000' as timestamp) as "dbt_valid_from", nullif(cast('2024-05-01 12:00:00.000' as timestamp), cast('2024-05-01 12:00:00.000' as timestamp)) as "dbt_valid_to" from (select id, name, updated_at from src
) as sbq
);
-- atomic
-- swap
alter table "snapshots"."s__strata_tmp" rename to "s";
-- end atomic
