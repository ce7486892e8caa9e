-- atomic
drop table if exists "main_marts"."m";
create or replace view "main_marts"."m" as (
select 1 as id
);
-- end atomic
