-- One row per calendar month of the period (from var first_date's month through the month of the
-- latest sale, or var last_date when set; see the sales_months macro), zeros for a month without
-- sales.

with months as (

    {{ sales_months() }}

),

monthly as (

    select
        month_start,
        {{ int_sum('units') }} as units,
        sum(revenue) as revenue,
        {{ int_sum('transactions') }} as transactions,
        {{ int_sum('return_units') }} as return_units,
        count(distinct shop_id) as active_shops,
        count(distinct item_id) as distinct_items
    from {{ ref('int_sales_monthly') }}
    group by 1

)

select
    m.month_start,
    m.date_block_num,
    coalesce(s.units, 0) as units,
    {{ money('coalesce(s.revenue, 0)') }} as revenue,
    coalesce(s.transactions, 0) as transactions,
    coalesce(s.return_units, 0) as return_units,
    coalesce(s.active_shops, 0) as active_shops,
    coalesce(s.distinct_items, 0) as distinct_items
from months as m
left join monthly as s
    on m.month_start = s.month_start
order by m.month_start
