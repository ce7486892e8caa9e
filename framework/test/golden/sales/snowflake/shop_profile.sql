-- One row per (canonical) shop with sales: assortment breadth, prices and how steady its monthly
-- revenue is.

with monthly as (

    select * from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"

),

by_shop as (

    select
        shop_id,
        count(distinct category_id) as category_count,
        count(distinct item_id) as item_count,
        sum(revenue) as revenue,
        cast(sum(units) as BIGINT) as units,
        sum(sold_revenue) as sold_revenue,
        sum(sold_units) as sold_units,
        count(distinct month_start) as months_active
    from monthly
    group by 1

),

shop_months as (

    select shop_id, month_start, sum(revenue) as revenue
    from monthly
    group by 1, 2

),

variability as (

    select
        shop_id,
        avg(revenue) as avg_monthly_revenue,
        stddev_samp(revenue) as monthly_revenue_stddev
    from shop_months
    group by 1

)

select
    b.shop_id,
    s.shop_name_en,
    s.city_en,
    s.shop_type,
    b.category_count,
    b.item_count,
    -- average selling price: revenue of the units sold (returns excluded) per unit sold
    case when b.sold_units > 0 then round(b.sold_revenue / b.sold_units, 2) end as avg_price,
    round(b.revenue / b.item_count, 2) as revenue_per_item,
    round(b.revenue, 2) as revenue,
    b.units,
    b.months_active,
    round(v.avg_monthly_revenue, 2) as avg_monthly_revenue,
    -- over the months with sales; null for a shop active in a single month
    round(v.monthly_revenue_stddev, 2) as monthly_revenue_stddev
from by_shop as b
left join "ANALYTICS"."ANALYTICS_MARTS"."DIM_SHOPS" as s
    on b.shop_id = s.shop_id
left join variability as v
    on b.shop_id = v.shop_id
order by b.shop_id
