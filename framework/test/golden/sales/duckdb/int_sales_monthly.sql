-- The monthly grain every item-level mart starts from: one row per month, (canonical) shop and
-- item with at least one staged sales row. Money is NOT rounded here, so marts built from it
-- reconcile with stg_sales up to their own rounding only.

with sales as (

    select * from "main_staging"."stg_sales"

),

items as (

    select item_id, category_id from "main_staging"."stg_items"

)

select
    s.month_start,
    s.date_block_num,
    s.shop_id,
    s.item_id,
    i.category_id,
    sum(s.item_cnt_day) as units,
    sum(s.revenue) as revenue,
    count(*) as transactions,
    sum(case when s.is_return then -s.item_cnt_day else 0 end) as return_units,
    sum(case when s.is_return then 0 else s.item_cnt_day end) as sold_units,
    sum(case when s.is_return then 0 else s.revenue end) as sold_revenue
from sales as s
left join items as i
    on s.item_id = i.item_id
group by 1, 2, 3, 4, 5
