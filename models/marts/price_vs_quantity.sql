-- One row per item with sales: its average selling price against the units it sold.

with by_item as (

    select
        item_id,
        sum(revenue) as revenue,
        {{ int_sum('units') }} as units,
        sum(sold_revenue) as sold_revenue,
        sum(sold_units) as sold_units,
        count(distinct shop_id) as shops
    from {{ ref('int_sales_monthly') }}
    group by 1

)

select
    b.item_id,
    i.item_name,
    i.category_id,
    i.category_name_en,
    i.family_en,
    -- revenue of the units sold (returns excluded) per unit sold; null for an item with returns only
    case when b.sold_units > 0 then {{ money('b.sold_revenue / b.sold_units') }} end as avg_price,
    b.units,
    {{ money('b.revenue') }} as revenue,
    b.shops
from by_item as b
left join {{ ref('dim_items') }} as i
    on b.item_id = i.item_id
order by b.item_id
