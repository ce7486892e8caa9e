-- drop stale staged table
drop table if exists "main_marts"."m__strata_tmp";
-- create staged table
create or replace table "main_marts"."m__strata_tmp" as (
select 1 as id
);
-- atomic
alter table "main_marts"."m__strata_tmp" rename to "m";
-- end atomic
