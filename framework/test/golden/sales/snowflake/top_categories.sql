-- Every category with sales, ranked by revenue (rank 1 = highest; ties by category_id).

with by_category as (

    select
        category_id,
        sum(revenue) as revenue,
        cast(sum(units) as BIGINT) as units,
        count(distinct item_id) as items_sold
    from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"
    group by 1

)

select
    row_number() over (order by b.revenue desc, b.category_id) as rank,
    b.category_id,
    c.category_name_en,
    c.family_en,
    c.subtype_en,
    round(b.revenue, 2) as revenue,
    b.units,
    b.items_sold,
    round(100 * b.revenue / sum(b.revenue) over (), 2) as revenue_share_pct
from by_category as b
left join "ANALYTICS"."ANALYTICS_MARTS"."DIM_CATEGORIES" as c
    on b.category_id = c.category_id
order by rank
