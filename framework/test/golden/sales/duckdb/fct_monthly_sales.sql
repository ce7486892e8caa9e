-- One row per calendar month of the period (from var first_date's month through the month of the
-- latest sale, or var last_date when set; see the sales_months macro), zeros for a month without
-- sales.

with months as (

    select
        cast(cast(date_trunc('month', cast('2013-01-01' as date)) as date) + interval (n) month as date) as month_start,
        n as date_block_num
    from (
        select hundreds.d * 100 + tens.d * 10 + ones.d as n
        from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as hundreds(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as tens(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as ones(d)
    ) as numbers
    where n <= date_diff('month', cast(date_trunc('month', cast('2013-01-01' as date)) as date), (select max(month_start) from "main_intermediate"."int_sales_monthly"))

),

monthly as (

    select
        month_start,
        cast(sum(units) as bigint) as units,
        sum(revenue) as revenue,
        cast(sum(transactions) as bigint) as transactions,
        cast(sum(return_units) as bigint) as return_units,
        count(distinct shop_id) as active_shops,
        count(distinct item_id) as distinct_items
    from "main_intermediate"."int_sales_monthly"
    group by 1

)

select
    m.month_start,
    m.date_block_num,
    coalesce(s.units, 0) as units,
    round(coalesce(s.revenue, 0), 2) as revenue,
    coalesce(s.transactions, 0) as transactions,
    coalesce(s.return_units, 0) as return_units,
    coalesce(s.active_shops, 0) as active_shops,
    coalesce(s.distinct_items, 0) as distinct_items
from months as m
left join monthly as s
    on m.month_start = s.month_start
order by m.month_start
