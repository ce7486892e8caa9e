-- The top items by units (var consistency_items_n, 50 by default; ties by item_id) crossed with
-- every month of the period, zeros where the item did not sell: the item x month heatmap.

with monthly as (

    select * from {{ ref('int_sales_monthly') }}

),

top_items as (

    select item_id, units_rank
    from (
        select
            item_id,
            row_number() over (order by sum(units) desc, item_id) as units_rank
        from monthly
        group by 1
    ) as ranked
    where units_rank <= {{ var('consistency_items_n', 50) }}

),

months as (

    {{ sales_months() }}

),

item_months as (

    select item_id, month_start, {{ int_sum('units') }} as units, sum(revenue) as revenue
    from monthly
    group by 1, 2

)

select
    t.item_id,
    i.item_name,
    m.month_start,
    m.date_block_num,
    t.units_rank,
    coalesce(im.units, 0) as units,
    {{ money('coalesce(im.revenue, 0)') }} as revenue
from top_items as t
cross join months as m
left join item_months as im
    on t.item_id = im.item_id
    and m.month_start = im.month_start
left join {{ ref('dim_items') }} as i
    on t.item_id = i.item_id
order by t.units_rank, m.month_start
