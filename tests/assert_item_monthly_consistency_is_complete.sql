-- The heatmap grid is complete (every top item in every month of the period) and each item's
-- units over the grid add up to its total units.

with grid as (

    select
        count(distinct item_id) as n_items,
        count(distinct month_start) as n_months,
        count(*) as n_cells
    from {{ ref('item_monthly_consistency') }}

),

months as (

    select count(*) as n_months from {{ ref('fct_monthly_sales') }}

),

item_totals as (

    select c.item_id, sum(c.units) as grid_units, max(p.units) as total_units
    from {{ ref('item_monthly_consistency') }} as c
    left join {{ ref('price_vs_quantity') }} as p
        on c.item_id = p.item_id
    group by 1

)

select 'grid is not items x months' as problem, cast(null as {{ type_int() }}) as item_id
from grid as g
cross join months as m
where g.n_months <> m.n_months
    or g.n_cells <> g.n_items * m.n_months

union all

select 'grid units differ from the item total', item_id
from item_totals
where total_units is null or grid_units <> total_units
