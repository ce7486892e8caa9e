-- One row per day and (canonical) shop with at least one sales row.
--
-- Incremental (see the `incremental_sales` docs block): the first build and --full-refresh
-- aggregate every staged row; later builds aggregate only the months after the last one here
-- (the month a new raw file brought), replacing whole months (delete+insert by date_block_num),
-- so the result is the same as a full refresh, row for row.



select
    sale_date,
    shop_id,
    month_start,
    date_block_num,
    cast(sum(item_cnt_day) as bigint) as units,
    round(sum(revenue), 2) as revenue,
    count(*) as transactions,
    cast(sum(case when is_return then -item_cnt_day else 0 end) as bigint) as return_units
from "main_staging"."stg_sales"

group by 1, 2, 3, 4
order by 1, 2
