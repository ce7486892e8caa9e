-- date_block_num is the month number counted from the first month of the period: 0 = the month
-- of var first_date. A mismatch means a misparsed date or a corrupt row.

select sale_id, sale_date, date_block_num
from {{ ref('stg_sales') }}
where date_block_num <> {{ datediff('month', "cast('" ~ var('first_date') ~ "' as date)", 'sale_date') }}
