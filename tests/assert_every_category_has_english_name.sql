-- Every category of the raw file has an English family, subtype and name: the family and subtype
-- split out of its Russian name are all in the translation seeds.

with raw_categories as (

    select item_category_id as category_id, item_category_name from {{ source('raw', 'item_categories') }}

),

staged as (

    select * from {{ ref('stg_categories') }}

)

select
    r.category_id,
    r.item_category_name,
    s.family_ru,
    s.subtype_ru,
    s.family_en,
    s.subtype_en,
    s.category_name_en
from raw_categories as r
left join staged as s
    on r.category_id = s.category_id
where s.category_id is null
    or s.family_en is null
    or s.subtype_en is null
    or s.category_name_en is null
