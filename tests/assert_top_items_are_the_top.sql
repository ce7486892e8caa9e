-- top_items holds exactly min(var top_items_n, items with sales) items, and no item left out of
-- it has more revenue than the last item in it.

with ranked as (

    select count(*) as n_items, min(revenue) as min_revenue
    from {{ ref('top_items') }}

),

all_items as (

    select item_id, revenue from {{ ref('price_vs_quantity') }}

),

counts as (

    select count(*) as items_with_sales from all_items

)

select 'wrong number of items' as problem, r.n_items as value
from ranked as r
cross join counts as c
where r.n_items <> case when c.items_with_sales < {{ var('top_items_n', 100) }}
                        then c.items_with_sales else {{ var('top_items_n', 100) }} end

union all

select 'item outside the top has more revenue', a.item_id
from all_items as a
cross join ranked as r
where a.revenue > r.min_revenue
    and a.item_id not in (select item_id from {{ ref('top_items') }})
