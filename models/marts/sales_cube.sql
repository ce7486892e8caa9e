-- The compact month x (canonical) shop x category cube the dashboard filters in the browser.
-- Sparse: only combinations with at least one sales row.

select
    month_start,
    date_block_num,
    shop_id,
    category_id,
    {{ money_sum('revenue') }} as revenue,
    {{ int_sum('units') }} as units,
    {{ int_sum('transactions') }} as transactions,
    {{ int_sum('return_units') }} as return_units
from {{ ref('int_sales_monthly') }}
group by 1, 2, 3, 4
order by 1, 3, 4
