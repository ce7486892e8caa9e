-- The top items by revenue (var top_items_n, 100 by default; rank 1 = highest, ties by item_id).

with by_item as (

    select
        item_id,
        sum(revenue) as revenue,
        {{ int_sum('units') }} as units,
        {{ int_sum('transactions') }} as transactions
    from {{ ref('int_sales_monthly') }}
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
    {{ money('r.revenue') }} as revenue,
    r.units,
    r.transactions
from ranked as r
left join {{ ref('dim_items') }} as i
    on r.item_id = i.item_id
where r.rank <= {{ var('top_items_n', 100) }}
order by r.rank
