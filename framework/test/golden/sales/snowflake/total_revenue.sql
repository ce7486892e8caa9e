-- One row: the headline KPIs over the whole period.

select
    round(sum(revenue), 2) as revenue,
    cast(sum(item_cnt_day) as BIGINT) as units,
    count(*) as transactions,
    count(distinct shop_id) as shops,
    count(distinct item_id) as items,
    min(sale_date) as first_date,
    max(sale_date) as last_date,
    cast(sum(case when is_return then -item_cnt_day else 0 end) as BIGINT) as return_units
from "ANALYTICS"."ANALYTICS_STAGING"."STG_SALES"
