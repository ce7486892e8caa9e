-- Staging accounts for every raw sales row: the raw row count, the raw units and the raw revenue
-- of the rows with a valid price equal those of stg_sales weighted by raw_row_count (the number
-- of identical raw rows each staged row collapses). Exact for counts and units; revenue to a
-- float tolerance.

with raw_totals as (

    select
        count(*) as row_count,
        sum(item_cnt_day) as units,
        sum(case when item_price > 0 then item_price * item_cnt_day else 0 end) as valid_price_revenue
    from {{ source('raw', 'sales_train') }}

),

staged_totals as (

    select
        sum(raw_row_count) as row_count,
        sum(item_cnt_day * raw_row_count) as units,
        sum(case when is_price_imputed then 0 else revenue * raw_row_count end) as valid_price_revenue
    from {{ ref('stg_sales') }}

)

select
    r.row_count as raw_rows,
    s.row_count as staged_raw_rows,
    r.units as raw_units,
    s.units as staged_units,
    r.valid_price_revenue as raw_revenue,
    s.valid_price_revenue as staged_revenue
from raw_totals as r
cross join staged_totals as s
where r.row_count <> s.row_count
    or r.units <> s.units
    or abs(r.valid_price_revenue - s.valid_price_revenue) > 0.01 + 1e-9 * abs(r.valid_price_revenue)
