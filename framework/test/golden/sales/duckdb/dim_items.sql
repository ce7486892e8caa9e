-- One row per item of the catalogue (all of them, sold or not), with its category names and the
-- first and last month it sold in.

with items as (

    select * from "main_staging"."stg_items"

),

categories as (

    select category_id, category_name_en, family_en from "main_staging"."stg_categories"

),

activity as (

    select
        item_id,
        min(month_start) as first_sale_month,
        max(month_start) as last_sale_month
    from "main_intermediate"."int_sales_monthly"
    group by 1

)

select
    i.item_id,
    i.item_name,
    i.category_id,
    c.category_name_en,
    c.family_en,
    a.first_sale_month,
    a.last_sale_month
from items as i
left join categories as c
    on i.category_id = c.category_id
left join activity as a
    on i.item_id = a.item_id
order by i.item_id
