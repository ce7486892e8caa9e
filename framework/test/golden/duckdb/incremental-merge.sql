-- drop stale delta
drop table if exists "main_marts"."m__strata_delta";
-- create delta
create or replace table "main_marts"."m__strata_delta" as (
select 1 as id
);
-- atomic
delete from "main_marts"."m" where exists (select 1 from "main_marts"."m__strata_delta" where "main_marts"."m__strata_delta"."id" = "main_marts"."m"."id" and "main_marts"."m__strata_delta"."day" = "main_marts"."m"."day");
insert into "main_marts"."m" ("id", "day", "v") select "id", "day", "v" from "main_marts"."m__strata_delta";
-- end atomic
-- drop delta
drop table if exists "main_marts"."m__strata_delta";
