-- One row per month and item age: 'new' = items whose first sale in the data is in that month,
-- 'old' = items that sold before. The first month of the data counts every item as new (the data
-- has no history before it). Both ages are present for every month, zeros where empty.

with monthly as (

    select * from "main_intermediate"."int_sales_monthly"

),

first_months as (

    select item_id, min(month_start) as first_month
    from monthly
    group by 1

),

item_months as (

    select
        m.month_start,
        m.item_id,
        case when m.month_start = f.first_month then 'new' else 'old' end as item_age,
        sum(m.revenue) as revenue,
        sum(m.units) as units
    from monthly as m
    inner join first_months as f
        on m.item_id = f.item_id
    group by 1, 2, 3

),

months as (

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

ages as (

    select 'new' as item_age
    union all
    select 'old' as item_age

),

by_month_age as (

    select
        month_start,
        item_age,
        sum(revenue) as revenue,
        sum(units) as units,
        count(*) as items
    from item_months
    group by 1, 2

)

select
    m.month_start,
    a.item_age,
    round(coalesce(b.revenue, 0), 2) as revenue,
    cast(coalesce(b.units, 0) as bigint) as units,
    coalesce(b.items, 0) as items
from months as m
cross join ages as a
left join by_month_age as b
    on m.month_start = b.month_start
    and a.item_age = b.item_age
order by m.month_start, a.item_age
