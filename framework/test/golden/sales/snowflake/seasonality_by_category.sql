-- One row per category family and month of the year (1-12), every combination present (zeros
-- where a family had no sales). avg_monthly_revenue divides by how many times that month of the
-- year occurs in the period (3 for January-October, 2 for November-December on the full data).

with monthly as (

    select
        c.family_en,
        s.month_start,
        sum(s.revenue) as revenue,
        sum(s.units) as units
    from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY" as s
    inner join "ANALYTICS"."ANALYTICS_MARTS"."DIM_CATEGORIES" as c
        on s.category_id = c.category_id
    group by 1, 2

),

months as (

    select
        DATEADD(month, n, DATE_TRUNC('month', cast('2013-01-01' as date))) as month_start,
        n as date_block_num
    from (
        select hundreds.d * 100 + tens.d * 10 + ones.d as n
        from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as hundreds(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as tens(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as ones(d)
    ) as numbers
    where n <= DATEDIFF(month, DATE_TRUNC('month', cast('2013-01-01' as date)), (select max(month_start) from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"))

),

months_of_year as (

    select extract(month from month_start) as month_of_year, count(*) as months_in_period
    from months
    group by 1

),

families as (

    select distinct family_en from "ANALYTICS"."ANALYTICS_MARTS"."DIM_CATEGORIES"

),

by_family_month as (

    select
        family_en,
        extract(month from month_start) as month_of_year,
        sum(revenue) as revenue,
        sum(units) as units
    from monthly
    group by 1, 2

)

select
    f.family_en,
    cast(y.month_of_year as INTEGER) as month_of_year,
    round(coalesce(b.revenue, 0), 2) as revenue,
    cast(coalesce(b.units, 0) as BIGINT) as units,
    round(coalesce(b.revenue, 0) / y.months_in_period, 2) as avg_monthly_revenue
from families as f
cross join months_of_year as y
left join by_family_month as b
    on f.family_en = b.family_en
    and y.month_of_year = b.month_of_year
order by f.family_en, y.month_of_year
