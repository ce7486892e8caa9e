-- One row per (canonical) shop and category with sales over the whole period (sparse: pairs
-- without sales are absent).

with by_pair as (

    select
        shop_id,
        category_id,
        sum(revenue) as revenue,
        cast(sum(units) as bigint) as units
    from "main_intermediate"."int_sales_monthly"
    group by 1, 2

)

select
    b.shop_id,
    s.shop_name_en,
    b.category_id,
    c.category_name_en,
    c.family_en,
    round(b.revenue, 2) as revenue,
    b.units
from by_pair as b
left join "main_marts"."dim_shops" as s
    on b.shop_id = s.shop_id
left join "main_marts"."dim_categories" as c
    on b.category_id = c.category_id
order by b.shop_id, b.category_id
