{#
  One row per calendar month from the month of start_date to the month of end_date (inclusive):
  month_start (DATE) and date_block_num (0 = the first month). Portable: a VALUES digit table and
  the cross-database dateadd/datediff macros, no warehouse-specific generator function.
  Covers up to 1,000 months.

  Usage: select * from ({{ month_spine(var('first_date'), var('last_date')) }}) as months
#}

{% macro month_spine(start_date, end_date) -%}
    {%- set start_month = date_trunc('month', "cast('" ~ start_date ~ "' as date)") -%}
    {%- set end_month = "cast('" ~ end_date ~ "' as date)" -%}
    select
        {{ dateadd('month', 'n', start_month) }} as month_start,
        n as date_block_num
    from (
        select hundreds.d * 100 + tens.d * 10 + ones.d as n
        from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as hundreds(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as tens(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as ones(d)
    ) as numbers
    where n <= {{ datediff('month', start_month, end_month) }}
{%- endmacro %}
