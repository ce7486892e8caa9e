-- One row per item of the catalogue, typed and renamed. Names are kept exactly as in the file
-- (including the legacy padding of some DVD titles); they are Russian product names, not translated.

select
    cast(item_id as INTEGER) as item_id,
    item_name,
    cast(item_category_id as INTEGER) as category_id
from "ANALYTICS"."RAW"."ITEMS"
