-- One row: the headline KPIs over the whole period.

select
    round(sum(revenue), 2) as revenue,
    cast(sum(item_cnt_day) as bigint) as units,
    count(*) as transactions,
    count(distinct shop_id) as shops,
    count(distinct item_id) as items,
    min(sale_date) as first_date,
    max(sale_date) as last_date,
    cast(sum(case when is_return then -item_cnt_day else 0 end) as bigint) as return_units
from "main_staging"."stg_sales"
