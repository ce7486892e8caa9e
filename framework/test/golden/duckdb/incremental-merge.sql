-- drop stale delta
drop table if exists "main_marts"."m__strata_delta";
-- create delta
create or replace table "main_marts"."m__strata_delta" as (
select 1 as id
);
-- atomic
merge into "main_marts"."m" as "dbt_internal_dest"
using "main_marts"."m__strata_delta" as "dbt_internal_source"
on "dbt_internal_source"."id" = "dbt_internal_dest"."id" and "dbt_internal_source"."day" = "dbt_internal_dest"."day"
when matched then update set "v" = "dbt_internal_source"."v"
when not matched then insert ("id", "day", "v") values ("dbt_internal_source"."id", "dbt_internal_source"."day", "dbt_internal_source"."v");
-- end atomic
-- drop delta
drop table if exists "main_marts"."m__strata_delta";
