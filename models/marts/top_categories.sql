-- Every category with sales, ranked by revenue (rank 1 = highest; ties by category_id).

with by_category as (

    select
        category_id,
        sum(revenue) as revenue,
        {{ int_sum('units') }} as units,
        count(distinct item_id) as items_sold
    from {{ ref('int_sales_monthly') }}
    group by 1

)

select
    row_number() over (order by b.revenue desc, b.category_id) as rank,
    b.category_id,
    c.category_name_en,
    c.family_en,
    c.subtype_en,
    {{ money('b.revenue') }} as revenue,
    b.units,
    b.items_sold,
    {{ money('100 * b.revenue / sum(b.revenue) over ()') }} as revenue_share_pct
from by_category as b
left join {{ ref('dim_categories') }} as c
    on b.category_id = c.category_id
order by rank
