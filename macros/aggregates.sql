{#
  Aggregates the marts share, so every mart types its measures the same way on both warehouses.

  int_sum: a sum of whole numbers (units, row counts) as BIGINT. DuckDB would return HUGEINT for
  sum(bigint) and DOUBLE for sum(item_cnt_day); both are awkward for the dashboard.
  money_sum / money: revenue in rubles rounded to 2 decimals (a DOUBLE, not a DECIMAL, so JSON
  consumers get numbers).
#}

{% macro int_sum(expr) -%}
    cast(sum({{ expr }}) as {{ type_bigint() }})
{%- endmacro %}

{% macro money_sum(expr) -%}
    round(sum({{ expr }}), 2)
{%- endmacro %}

{% macro money(expr) -%}
    round({{ expr }}, 2)
{%- endmacro %}
