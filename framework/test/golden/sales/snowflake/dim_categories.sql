-- One row per item category: Russian original, English name, family and subtype.

with categories as (

    select * from "ANALYTICS"."ANALYTICS_STAGING"."STG_CATEGORIES"

),

item_counts as (

    select category_id, count(*) as item_count
    from "ANALYTICS"."ANALYTICS_STAGING"."STG_ITEMS"
    group by 1

)

select
    c.category_id,
    c.category_name_ru,
    c.category_name_en,
    c.family_en,
    c.subtype_en,
    c.family_ru,
    c.subtype_ru,
    coalesce(n.item_count, 0) as item_count
from categories as c
left join item_counts as n
    on c.category_id = n.category_id
order by c.category_id
