{#
  One row per calendar month from the month of start_date to the month of end_date (inclusive):
  month_start (DATE) and date_block_num (0 = the first month). Portable: a VALUES digit table and
  the cross-database dateadd/datediff macros, no warehouse-specific generator function.
  Covers up to 1,000 months.

  Usage: select * from ({{ month_spine(var('first_date'), var('last_date')) }}) as months
  month_spine_until takes the end as a SQL expression of a date instead of a literal, e.g.
  "(select max(month_start) from ...)".
#}

{% macro month_spine(start_date, end_date) -%}
    {{ month_spine_until(start_date, "cast('" ~ end_date ~ "' as date)") }}
{%- endmacro %}

{% macro month_spine_until(start_date, end_date_sql) -%}
    {%- set start_month = date_trunc('month', "cast('" ~ start_date ~ "' as date)") -%}
    select
        {{ dateadd('month', 'n', start_month) }} as month_start,
        n as date_block_num
    from (
        select hundreds.d * 100 + tens.d * 10 + ones.d as n
        from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as hundreds(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as tens(d)
        cross join (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as ones(d)
    ) as numbers
    where n <= {{ datediff('month', start_month, end_date_sql) }}
{%- endmacro %}

{#
  The months of the sales period, one row each (month_start, date_block_num): from the month of
  var first_date through the month of var last_date when that var is set, otherwise through the
  month of the latest sale in int_sales_monthly, so a month delivered later (a new raw file)
  extends the period without a config change.
#}
{% macro sales_months() -%}
    {%- if var('last_date', none) -%}
        {{ month_spine(var('first_date'), var('last_date')) }}
    {%- else -%}
        {{ month_spine_until(var('first_date'), '(select max(month_start) from ' ~ ref('int_sales_monthly') ~ ')') }}
    {%- endif -%}
{%- endmacro %}
