-- drop stale staged table
drop table if exists "snapshots"."s__strata_tmp";
-- create staged snapshot
create or replace table "snapshots"."s__strata_tmp" as (
select sbq.*, md5(cast(concat(coalesce(cast(sbq."id" as varchar), ''), '|', coalesce(cast(sbq."updated_at" as varchar), '')) as varchar)) as "dbt_scd_id", sbq."updated_at" as "dbt_updated_at", sbq."updated_at" as "dbt_valid_from", nullif(sbq."updated_at", sbq."updated_at") as "dbt_valid_to" from (select id, name, updated_at from src
) as sbq
);
-- atomic
-- swap
alter table "snapshots"."s__strata_tmp" rename to "s";
-- end atomic
