-- The top items by units (var consistency_items_n, 50 by default; ties by item_id) crossed with
-- every month of the period, zeros where the item did not sell: the item x month heatmap.

with monthly as (

    select * from "main_intermediate"."int_sales_monthly"

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
    where units_rank <= 50

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

item_months as (

    select item_id, month_start, cast(sum(units) as bigint) as units, sum(revenue) as revenue
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
    round(coalesce(im.revenue, 0), 2) as revenue
from top_items as t
cross join months as m
left join item_months as im
    on t.item_id = im.item_id
    and m.month_start = im.month_start
left join "main_marts"."dim_items" as i
    on t.item_id = i.item_id
order by t.units_rank, m.month_start
