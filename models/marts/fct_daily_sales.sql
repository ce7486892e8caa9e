-- One row per day and (canonical) shop with at least one sales row.

select
    sale_date,
    shop_id,
    month_start,
    date_block_num,
    {{ int_sum('item_cnt_day') }} as units,
    {{ money_sum('revenue') }} as revenue,
    count(*) as transactions,
    {{ int_sum('case when is_return then -item_cnt_day else 0 end') }} as return_units
from {{ ref('stg_sales') }}
group by 1, 2, 3, 4
order by 1, 2
