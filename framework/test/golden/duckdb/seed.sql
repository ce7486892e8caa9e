-- drop stale staged table
drop table if exists "main_seeds"."s__strata_tmp";
-- load csv: id integer, name varchar -> main_seeds.s__strata_tmp
-- atomic
drop table if exists "main_seeds"."s";
alter table "main_seeds"."s__strata_tmp" rename to "s";
-- end atomic
