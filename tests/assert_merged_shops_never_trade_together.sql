{{ config(severity='warn') }}
-- The evidence for merging a duplicate shop id into its canonical id is that the two never sell
-- in the same month (0/57, 1/58, 11/10 on the real data). A month where both sell would mean the
-- merge adds two real shops together. Warn only: the merge is a documented choice.

with merges as (

    select shop_id, canonical_shop_id from {{ ref('shop_merges') }}

),

shop_months as (

    select distinct source_shop_id, month_start
    from {{ ref('stg_sales') }}

)

select
    m.shop_id as merged_shop_id,
    m.canonical_shop_id,
    dup.month_start
from merges as m
inner join shop_months as dup
    on dup.source_shop_id = m.shop_id
inner join shop_months as canon
    on canon.source_shop_id = m.canonical_shop_id
    and canon.month_start = dup.month_start
