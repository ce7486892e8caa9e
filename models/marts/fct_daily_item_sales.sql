-- One row per day, (canonical) shop and item with at least one sales row: the daily grain of the
-- sales (item_cnt_day summed over the prices an item sold at that day), about one row per staged
-- sale.
--
-- Incremental (see the `incremental_sales` docs block): the first build and --full-refresh
-- aggregate every staged row; later builds aggregate only the months after the last one here
-- (the month a new raw file brought), replacing whole months (delete+insert by date_block_num),
-- so the result is the same as a full refresh, row for row.

{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='date_block_num'
) }}

select
    sale_date,
    shop_id,
    item_id,
    month_start,
    date_block_num,
    {{ int_sum('item_cnt_day') }} as units,
    {{ money_sum('revenue') }} as revenue,
    count(*) as transactions,
    {{ int_sum('case when is_return then -item_cnt_day else 0 end') }} as return_units
from {{ ref('stg_sales') }}
{% if is_incremental() %}
where date_block_num > (
    select coalesce(max(date_block_num), -1) - {{ var('incremental_lookback_months', 0) }}
    from {{ this }}
)
{% endif %}
group by 1, 2, 3, 4, 5
