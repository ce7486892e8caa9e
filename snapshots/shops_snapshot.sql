{% snapshot shops_snapshot %}
{{
    config(
        schema='snapshots',
        unique_key='shop_id',
        strategy='check',
        check_cols=['shop_name_ru', 'shop_name_en', 'city_en', 'shop_type', 'is_franchise', 'canonical_shop_id'],
        invalidate_hard_deletes=True
    )
}}
-- One version per change of a shop's names, city, type, franchise flag or merge target.
select
    shop_id,
    shop_name_ru,
    shop_name_en,
    city_ru,
    city_en,
    shop_type,
    is_franchise,
    canonical_shop_id
from {{ ref('stg_shops') }}
{% endsnapshot %}
