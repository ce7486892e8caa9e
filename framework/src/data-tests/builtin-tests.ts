/**
 * The four generic tests of dbt, written as test macros with dbt's argument names. A project
 * may override any of them by defining a test of the same name in its macro paths.
 */
export const BUILTIN_TEST_MACROS = `
{% test not_null(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
{% endtest %}

{% test unique(model, column_name) %}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endtest %}

{% test accepted_values(model, column_name, values, quote=true) %}
with all_values as (
    select {{ column_name }} as value_field, count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
)
select * from all_values
where value_field not in (
    {%- for value in values -%}
    {%- if quote -%}'{{ value | replace("'", "''") }}'{%- else -%}{{ value }}{%- endif -%}
    {%- if not loop.last %}, {% endif -%}
    {%- endfor -%}
)
{% endtest %}

{% test relationships(model, column_name, to, field) %}
with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),
parent as (
    select {{ field }} as to_field
    from {{ to }}
)
select from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}
`;
