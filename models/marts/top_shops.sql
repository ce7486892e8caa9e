-- Every (canonical) shop with sales, ranked by revenue (rank 1 = highest; ties by shop_id).

with by_shop as (

    select
        shop_id,
        sum(revenue) as revenue,
        {{ int_sum('units') }} as units,
        {{ int_sum('transactions') }} as transactions
    from {{ ref('int_sales_monthly') }}
    group by 1

),

shops as (

    select shop_id, shop_name_en, city_en, shop_type from {{ ref('dim_shops') }}

)

select
    row_number() over (order by b.revenue desc, b.shop_id) as rank,
    b.shop_id,
    s.shop_name_en,
    s.city_en,
    s.shop_type,
    {{ money('b.revenue') }} as revenue,
    b.units,
    b.transactions,
    {{ money('100 * b.revenue / sum(b.revenue) over ()') }} as revenue_share_pct
from by_shop as b
left join shops as s
    on b.shop_id = s.shop_id
order by rank
