-- The per-month marts agree with staging month by month, and the per-shop marts shop by shop
-- (a total that reconciles could still hide sales booked to the wrong month or shop).

with staging_by_month as (

    select month_start, sum(revenue) as revenue, sum(item_cnt_day) as units
    from {{ ref('stg_sales') }}
    group by 1

),

staging_by_shop as (

    select shop_id, sum(revenue) as revenue, sum(item_cnt_day) as units
    from {{ ref('stg_sales') }}
    group by 1

),

cube_by_month as (

    select month_start, sum(revenue) as revenue, sum(units) as units, count(*) as mart_rows
    from {{ ref('sales_cube') }}
    group by 1

),

checks as (

    select 'fct_monthly_sales' as mart, cast(m.month_start as {{ type_string() }}) as grain_key,
        m.revenue as mart_revenue, m.units as mart_units, 1 as mart_rows,
        coalesce(s.revenue, 0) as staging_revenue, coalesce(s.units, 0) as staging_units
    from {{ ref('fct_monthly_sales') }} as m
    left join staging_by_month as s on m.month_start = s.month_start

    union all

    select 'revenue_by_month', cast(m.month_start as {{ type_string() }}),
        m.revenue, m.units, 1, coalesce(s.revenue, 0), coalesce(s.units, 0)
    from {{ ref('revenue_by_month') }} as m
    left join staging_by_month as s on m.month_start = s.month_start

    union all

    select 'sales_cube', cast(s.month_start as {{ type_string() }}),
        coalesce(c.revenue, 0), coalesce(c.units, 0), coalesce(c.mart_rows, 0), s.revenue, s.units
    from staging_by_month as s
    left join cube_by_month as c on s.month_start = c.month_start

    union all

    select 'top_shops', cast(s.shop_id as {{ type_string() }}),
        coalesce(t.revenue, 0), coalesce(t.units, 0), 1, s.revenue, s.units
    from staging_by_shop as s
    left join {{ ref('top_shops') }} as t on s.shop_id = t.shop_id

    union all

    select 'shop_profile', cast(s.shop_id as {{ type_string() }}),
        coalesce(p.revenue, 0), coalesce(p.units, 0), 1, s.revenue, s.units
    from staging_by_shop as s
    left join {{ ref('shop_profile') }} as p on s.shop_id = p.shop_id

)

select *
from checks
where mart_units <> staging_units
    or abs(mart_revenue - staging_revenue)
        > {{ var('rounding_tolerance_per_row', 0.005) }} * mart_rows + 0.01 + 1e-9 * abs(staging_revenue)
