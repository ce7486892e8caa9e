-- The top items by revenue (var top_items_n, 100 by default; rank 1 = highest, ties by item_id).

with by_item as (

    select
        item_id,
        sum(revenue) as revenue,
        cast(sum(units) as bigint) as units,
        cast(sum(transactions) as bigint) as transactions
    from "main_intermediate"."int_sales_monthly"
    group by 1

),

ranked as (

    select
        row_number() over (order by revenue desc, item_id) as rank,
        item_id,
        revenue,
        units,
        transactions
    from by_item

)

select
    r.rank,
    r.item_id,
    i.item_name,
    i.category_id,
    i.category_name_en,
    i.family_en,
    round(r.revenue, 2) as revenue,
    r.units,
    r.transactions
from ranked as r
left join "main_marts"."dim_items" as i
    on r.item_id = i.item_id
where r.rank <= 100
order by r.rank
