-- One row per month: revenue, units and the change against the previous month.

with monthly as (

    select month_start, revenue, units
    from "ANALYTICS"."ANALYTICS_MARTS"."FCT_MONTHLY_SALES"

),

with_previous as (

    select
        month_start,
        revenue,
        units,
        lag(revenue) over (order by month_start) as prev_revenue
    from monthly

)

select
    month_start,
    revenue,
    units,
    prev_revenue,
    -- null for the first month and after a month without revenue
    case
        when prev_revenue is null or prev_revenue = 0 then null
        else round(100 * (revenue - prev_revenue) / prev_revenue, 2)
    end as mom_change_pct
from with_previous
order by month_start
