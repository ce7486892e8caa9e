-- Every mart that covers all sales has the same net revenue, units and (where it has them)
-- transactions as stg_sales. Units and transactions must match exactly; revenue may differ by
-- the rounding of each mart row to 2 decimals (var rounding_tolerance_per_row) plus float noise.

{% set marts = [
    ['int_sales_monthly', true],
    ['fct_daily_sales', true],
    ['fct_daily_item_sales', true],
    ['fct_monthly_sales', true],
    ['total_revenue', true],
    ['sales_cube', true],
    ['top_shops', true],
    ['revenue_by_month', false],
    ['top_categories', false],
    ['shop_category_matrix', false],
    ['shop_profile', false],
    ['seasonality_by_category', false],
    ['new_vs_old_items', false],
    ['price_vs_quantity', false]
] %}

with staging as (

    select
        sum(revenue) as revenue,
        sum(item_cnt_day) as units,
        count(*) as transactions
    from {{ ref('stg_sales') }}

),

marts as (

    {% for mart, has_transactions in marts %}
    select
        '{{ mart }}' as mart,
        count(*) as mart_rows,
        sum(revenue) as revenue,
        sum(units) as units,
        {% if has_transactions %}sum(transactions){% else %}cast(null as {{ type_bigint() }}){% endif %} as transactions
    from {{ ref(mart) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    m.mart,
    m.revenue as mart_revenue,
    s.revenue as staging_revenue,
    m.units as mart_units,
    s.units as staging_units,
    m.transactions as mart_transactions,
    s.transactions as staging_transactions
from marts as m
cross join staging as s
where m.units is null
    or m.units <> s.units
    or m.transactions <> s.transactions
    or abs(m.revenue - s.revenue)
        > {{ var('rounding_tolerance_per_row', 0.005) }} * m.mart_rows + 0.01 + 1e-9 * abs(s.revenue)
