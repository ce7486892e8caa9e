-- Every shop of the raw file has a translation row with the exact same Russian name and an
-- English name, city and type, and the seed has no shop the raw file lacks.

with raw_shops as (

    select shop_id, shop_name from {{ source('raw', 'shops') }}

),

translations as (

    select * from {{ ref('shop_translations') }}

)

select
    coalesce(r.shop_id, t.shop_id) as shop_id,
    r.shop_name as raw_shop_name,
    t.shop_name_ru as seed_shop_name,
    case
        when t.shop_id is null then 'shop missing from shop_translations'
        when r.shop_id is null then 'seed shop not in the raw file'
        when r.shop_name <> t.shop_name_ru then 'Russian name differs from shops.csv'
        else 'English name, city or type missing'
    end as problem
from raw_shops as r
full outer join translations as t
    on r.shop_id = t.shop_id
where r.shop_id is null
    or t.shop_id is null
    or r.shop_name <> t.shop_name_ru
    or t.shop_name_en is null
    or t.city_en is null
    or t.shop_type is null
