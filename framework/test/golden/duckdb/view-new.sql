-- create view
create or replace view "main_marts"."m" as (
select 1 as id
);
