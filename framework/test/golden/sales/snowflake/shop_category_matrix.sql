-- One row per (canonical) shop and category with sales over the whole period (sparse: pairs
-- without sales are absent).

with by_pair as (

    select
        shop_id,
        category_id,
        sum(revenue) as revenue,
        cast(sum(units) as BIGINT) as units
    from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"
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
left join "ANALYTICS"."ANALYTICS_MARTS"."DIM_SHOPS" as s
    on b.shop_id = s.shop_id
left join "ANALYTICS"."ANALYTICS_MARTS"."DIM_CATEGORIES" as c
    on b.category_id = c.category_id
order by b.shop_id, b.category_id
