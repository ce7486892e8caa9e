-- Every (canonical) shop with sales, ranked by revenue (rank 1 = highest; ties by shop_id).

with by_shop as (

    select
        shop_id,
        sum(revenue) as revenue,
        cast(sum(units) as BIGINT) as units,
        cast(sum(transactions) as BIGINT) as transactions
    from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"
    group by 1

),

shops as (

    select shop_id, shop_name_en, city_en, shop_type from "ANALYTICS"."ANALYTICS_MARTS"."DIM_SHOPS"

)

select
    row_number() over (order by b.revenue desc, b.shop_id) as rank,
    b.shop_id,
    s.shop_name_en,
    s.city_en,
    s.shop_type,
    round(b.revenue, 2) as revenue,
    b.units,
    b.transactions,
    round(100 * b.revenue / sum(b.revenue) over (), 2) as revenue_share_pct
from by_shop as b
left join shops as s
    on b.shop_id = s.shop_id
order by rank
