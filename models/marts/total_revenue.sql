-- One row: the headline KPIs over the whole period.

select
    {{ money_sum('revenue') }} as revenue,
    {{ int_sum('item_cnt_day') }} as units,
    count(*) as transactions,
    count(distinct shop_id) as shops,
    count(distinct item_id) as items,
    min(sale_date) as first_date,
    max(sale_date) as last_date,
    {{ int_sum('case when is_return then -item_cnt_day else 0 end') }} as return_units
from {{ ref('stg_sales') }}
