-- atomic
alter table "main_marts"."m" add column "added" DATE;
alter table "main_marts"."m" drop column "old";
alter table "main_marts"."m" alter column "v" set data type DOUBLE;
merge into "main_marts"."m" as "dbt_internal_dest"
using "main_marts"."m__strata_delta" as "dbt_internal_source"
on "dbt_internal_source"."id" = "dbt_internal_dest"."id"
when matched then update set "v" = "dbt_internal_source"."v", "added" = "dbt_internal_source"."added"
when not matched then insert ("id", "v", "added") values ("dbt_internal_source"."id", "dbt_internal_source"."v", "dbt_internal_source"."added");
-- end atomic
-- drop delta
drop table if exists "main_marts"."m__strata_delta";
