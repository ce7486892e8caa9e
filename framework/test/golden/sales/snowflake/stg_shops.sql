-- One row per raw shop id (all 60), with its English name, city, type and the canonical shop id
-- it is merged into (itself unless listed in the shop_merges seed; see the `shop_merging` docs).

with source as (

    select
        cast(shop_id as INTEGER) as shop_id,
        shop_name as shop_name_ru
    from "ANALYTICS"."RAW"."SHOPS"

),

translations as (

    select * from "ANALYTICS"."ANALYTICS_SEEDS"."SHOP_TRANSLATIONS"

),

merges as (

    select shop_id, canonical_shop_id, merge_reason from "ANALYTICS"."ANALYTICS_SEEDS"."SHOP_MERGES"

)

select
    s.shop_id,
    s.shop_name_ru,
    t.shop_name_en,
    t.city_ru,
    t.city_en,
    t.shop_type,
    t.is_franchise,
    coalesce(m.canonical_shop_id, s.shop_id) as canonical_shop_id,
    m.canonical_shop_id is null as is_canonical,
    m.merge_reason
from source as s
left join translations as t
    on s.shop_id = t.shop_id
left join merges as m
    on s.shop_id = m.shop_id
