-- No sale falls outside the period of the data (vars first_date .. last_date).

select sale_id, sale_date
from {{ ref('stg_sales') }}
where sale_date is null
    or sale_date < cast('{{ var("first_date") }}' as date)
    or sale_date > cast('{{ var("last_date") }}' as date)
