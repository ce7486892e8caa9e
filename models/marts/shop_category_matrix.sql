-- One row per (canonical) shop and category with sales over the whole period (sparse: pairs
-- without sales are absent).

with by_pair as (

    select
        shop_id,
        category_id,
        sum(revenue) as revenue,
        {{ int_sum('units') }} as units
    from {{ ref('int_sales_monthly') }}
    group by 1, 2

)

select
    b.shop_id,
    s.shop_name_en,
    b.category_id,
    c.category_name_en,
    c.family_en,
    {{ money('b.revenue') }} as revenue,
    b.units
from by_pair as b
left join {{ ref('dim_shops') }} as s
    on b.shop_id = s.shop_id
left join {{ ref('dim_categories') }} as c
    on b.category_id = c.category_id
order by b.shop_id, b.category_id
