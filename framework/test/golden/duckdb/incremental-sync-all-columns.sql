-- atomic
alter table "main_marts"."m" add column "added" DATE;
alter table "main_marts"."m" drop column "old";
alter table "main_marts"."m" alter column "v" set data type DOUBLE;
delete from "main_marts"."m" where exists (select 1 from "main_marts"."m__strata_delta" where "main_marts"."m__strata_delta"."id" = "main_marts"."m"."id");
insert into "main_marts"."m" ("id", "v", "added") select "id", "v", "added" from "main_marts"."m__strata_delta";
-- end atomic
-- drop delta
drop table if exists "main_marts"."m__strata_delta";
