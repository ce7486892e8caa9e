-- No sale falls outside the period of the data: none before var first_date, none after var
-- last_date when that var pins the end of the period (by default the period runs through the
-- latest month with sales, so a new monthly file extends it), and none dated in the future.

select sale_id, sale_date
from {{ ref('stg_sales') }}
where sale_date is null
    or sale_date < cast('{{ var("first_date") }}' as date)
    {% if var('last_date', none) -%}
    or sale_date > cast('{{ var("last_date") }}' as date)
    {% endif -%}
    or sale_date > current_date
