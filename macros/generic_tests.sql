{#
  Custom generic tests used by the schema YAML files. Each returns the failing rows.
#}

{# The combination of the given columns is unique (the grain of a model with a composite key). #}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as n_rows
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{# No value of the column is negative (nulls are left to not_null). #}
{% test non_negative(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} < 0
{% endtest %}

{# The model has between min_rows and max_rows rows (either bound may be omitted). #}
{% test row_count_between(model, min_rows=none, max_rows=none) %}
    select n_rows
    from (select count(*) as n_rows from {{ model }}) as counted
    where 1 = 0
    {%- if min_rows != none %} or n_rows < {{ min_rows }}{% endif %}
    {%- if max_rows != none %} or n_rows > {{ max_rows }}{% endif %}
{% endtest %}

{# Ranks are 1..N without gaps: the largest rank equals the row count and the smallest is 1. #}
{% test dense_ranks(model, column_name) %}
    select min_rank, max_rank, n_rows
    from (
        select
            min({{ column_name }}) as min_rank,
            max({{ column_name }}) as max_rank,
            count(*) as n_rows,
            count(distinct {{ column_name }}) as n_ranks
        from {{ model }}
    ) as ranks
    where n_rows > 0
      and (min_rank <> 1 or max_rank <> n_rows or n_ranks <> n_rows)
{% endtest %}
