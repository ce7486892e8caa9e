

with source as (

    select
        cast(item_category_id as INTEGER) as category_id,
        item_category_name as category_name_ru
    from "ANALYTICS"."RAW"."ITEM_CATEGORIES"

),

split as (

    select
        category_id,
        category_name_ru,
        case
            when position(' - ' in category_name_ru) > 0 then 'dash'
            when position(' (' in category_name_ru) > 0 and category_name_ru like '%)' then 'parenthesis'
            else 'none'
        end as name_form,
        case
            when position(' - ' in category_name_ru) > 0
                then substr(category_name_ru, 1, position(' - ' in category_name_ru) - 1)
            when position(' (' in category_name_ru) > 0 and category_name_ru like '%)'
                then substr(category_name_ru, 1, position(' (' in category_name_ru) - 1)
            else category_name_ru
        end as family_ru,
        case
            when position(' - ' in category_name_ru) > 0
                then substr(category_name_ru, position(' - ' in category_name_ru) + 3)
            when position(' (' in category_name_ru) > 0 and category_name_ru like '%)'
                then substr(
                    category_name_ru,
                    position(' (' in category_name_ru) + 2,
                    length(category_name_ru) - position(' (' in category_name_ru) - 2
                )
        end as subtype_ru
    from source

),

families as (

    select family_ru, family_en from "ANALYTICS"."ANALYTICS_SEEDS"."CATEGORY_FAMILIES"

),

subtypes as (

    select subtype_ru, subtype_en from "ANALYTICS"."ANALYTICS_SEEDS"."CATEGORY_SUBTYPES"

),

translated as (

    select
        s.category_id,
        s.category_name_ru,
        s.name_form,
        s.family_ru,
        s.subtype_ru,
        f.family_en,
        case when s.subtype_ru is null then 'General' else st.subtype_en end as subtype_en
    from split as s
    left join families as f
        on s.family_ru = f.family_ru
    left join subtypes as st
        on s.subtype_ru = st.subtype_ru

)

select
    category_id,
    category_name_ru,
    -- the English name mirrors the Russian form: "Family - Subtype", "Family (Subtype)" or "Family"
    case name_form
        when 'dash' then family_en || ' - ' || subtype_en
        when 'parenthesis' then family_en || ' (' || subtype_en || ')'
        else family_en
    end as category_name_en,
    family_ru,
    subtype_ru,
    family_en,
    subtype_en
from translated
