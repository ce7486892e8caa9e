-- One row per canonical shop (the 60 raw ids minus the 3 merged duplicates = 57), with its
-- English name, city, type and active period. Sales of a merged id count under its canonical id.

with shops as (

    select * from "ANALYTICS"."ANALYTICS_STAGING"."STG_SHOPS"

),

activity as (

    select
        shop_id,
        min(month_start) as first_month,
        max(month_start) as last_month,
        count(distinct month_start) as months_active
    from "ANALYTICS"."ANALYTICS_INTERMEDIATE"."INT_SALES_MONTHLY"
    group by 1

),

aliases as (

    select
        canonical_shop_id,
        LISTAGG(cast(shop_id as VARCHAR), ',') WITHIN GROUP (ORDER BY shop_id) as merged_shop_ids
    from shops
    where not is_canonical
    group by 1

)

select
    s.shop_id,
    s.shop_name_ru,
    s.shop_name_en,
    s.city_ru,
    s.city_en,
    s.shop_type,
    s.is_franchise,
    a.first_month,
    a.last_month,
    coalesce(a.months_active, 0) as months_active,
    al.merged_shop_ids
from shops as s
left join activity as a
    on s.shop_id = a.shop_id
left join aliases as al
    on s.shop_id = al.canonical_shop_id
where s.is_canonical
order by s.shop_id
