-- The compact month x (canonical) shop x category cube the dashboard filters in the browser.
-- Sparse: only combinations with at least one sales row.

select
    month_start,
    date_block_num,
    shop_id,
    category_id,
    round(sum(revenue), 2) as revenue,
    cast(sum(units) as BIGINT) as units,
    cast(sum(transactions) as BIGINT) as transactions,
    cast(sum(return_units) as BIGINT) as return_units
from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"
group by 1, 2, 3, 4
order by 1, 3, 4
