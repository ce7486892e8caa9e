-- The compact month x (canonical) shop x category cube the dashboard filters in the browser.
-- Sparse: only combinations with at least one sales row.

select
    month_start,
    date_block_num,
    shop_id,
    category_id,
    round(sum(revenue), 2) as revenue,
    cast(sum(units) as bigint) as units,
    cast(sum(transactions) as bigint) as transactions,
    cast(sum(return_units) as bigint) as return_units
from "main_intermediate"."int_sales_monthly"
group by 1, 2, 3, 4
order by 1, 3, 4
