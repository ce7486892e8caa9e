-- One row per item with sales: its average selling price against the units it sold.

with by_item as (

    select
        item_id,
        sum(revenue) as revenue,
        cast(sum(units) as BIGINT) as units,
        sum(sold_revenue) as sold_revenue,
        sum(sold_units) as sold_units,
        count(distinct shop_id) as shops
    from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"
    group by 1

)

select
    b.item_id,
    i.item_name,
    i.category_id,
    i.category_name_en,
    i.family_en,
    -- revenue of the units sold (returns excluded) per unit sold; null for an item with returns only
    case when b.sold_units > 0 then round(b.sold_revenue / b.sold_units, 2) end as avg_price,
    b.units,
    round(b.revenue, 2) as revenue,
    b.shops
from by_item as b
left join "ANALYTICS"."ANALYTICS_MARTS"."DIM_ITEMS" as i
    on b.item_id = i.item_id
order by b.item_id
