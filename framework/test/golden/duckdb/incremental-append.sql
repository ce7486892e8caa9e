-- drop stale delta
drop table if exists "main_marts"."m__strata_delta";
-- create delta
create or replace table "main_marts"."m__strata_delta" as (
select 1 as id
);
-- atomic
insert into "main_marts"."m" ("id", "v") select "id", "v" from "main_marts"."m__strata_delta";
-- end atomic
-- drop delta
drop table if exists "main_marts"."m__strata_delta";
