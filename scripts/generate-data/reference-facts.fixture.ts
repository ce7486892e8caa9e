/**
 * Reference figures of the real "Predict Future Sales" data that the generator's tests compare
 * against. Every number is copied from /work/shared/DATASET.md (section in the comment) and kept
 * apart from the generator's own tables so that a transcription slip on either side shows up.
 */

/** §2: rows of sales_train.csv. */
export const TRAIN_ROWS = 2_935_849;
/** §2: shops in shops.csv. */
export const SHOP_COUNT = 60;
/** §2: items in items.csv. */
export const ITEM_COUNT = 22_170;
/** §2: categories in item_categories.csv. */
export const CATEGORY_COUNT = 84;
/** §1: byte size of the real shops.csv (exact names + minimal quoting reproduce it). */
export const SHOPS_CSV_BYTES = 2_977;
/** §1: byte size of the real item_categories.csv. */
export const ITEM_CATEGORIES_CSV_BYTES = 3_573;
/** §2: exact duplicate rows. */
export const DUPLICATE_ROWS = 6;
/** §2: rows with a negative item_cnt_day. */
export const RETURN_ROWS = 7_356;
/** §2 describe(): the lowest item_cnt_day. */
export const MIN_COUNT = -22;

/** §2.1: units sold per date_block_num 0..33. */
export const MONTHLY_UNITS: readonly number[] = [
  131_479, 128_090, 147_142, 107_190, 106_970, 125_381, 116_966, 125_291, 133_332, 127_541, 130_009, 183_342,
  116_899, 109_687, 115_297, 96_556, 97_790, 97_429, 91_280, 102_721, 99_208, 107_422, 117_845, 168_755,
  110_971, 84_198, 82_014, 77_827, 72_295, 64_114, 63_187, 66_079, 72_843, 71_056,
];

/** §2.1: shops with sales per date_block_num 0..33. */
export const MONTHLY_SHOPS: readonly number[] = [
  45, 46, 46, 46, 45, 46, 46, 45, 45, 46, 45, 46, 46, 46, 48, 49, 49, 49, 50, 51, 50, 52, 50, 50, 50, 47, 46, 47, 44, 43, 43, 42, 43, 44,
];

/** §5: items per category, ids 0..83. */
export const CATEGORY_ITEMS: readonly number[] = [
  4, 2, 75, 34, 15, 29, 40, 24, 9, 12, 1, 41, 20, 6, 18, 37, 20, 7, 6, 628, 175, 125, 79, 501, 123, 140, 3, 8, 240, 46, 756, 1125,
  6, 18, 8, 4, 6, 1780, 310, 7, 5035, 332, 12, 471, 161, 195, 12, 151, 5, 167, 2, 1, 3, 3, 90, 2365, 397, 427, 790, 294, 52, 598,
  295, 366, 290, 163, 178, 394, 27, 317, 228, 6, 666, 36, 8, 277, 333, 220, 278, 1, 6, 7, 8, 15,
];

/** §4 first/last date_block_num with sales and months active, plus §3's irregular shops. */
export const SHOP_WINDOWS: ReadonlyArray<readonly [first: number, last: number, months: number]> = [
  [0, 1, 2], [0, 1, 2], [0, 33, 34], [0, 33, 34], [0, 33, 34], [1, 33, 33], [0, 33, 34], [0, 33, 34], [0, 3, 4], [9, 33, 4],
  [0, 33, 33], [25, 25, 1], [0, 33, 34], [0, 19, 20], [0, 33, 34], [0, 33, 34], [0, 33, 34], [5, 24, 20], [0, 33, 34], [0, 33, 34],
  [21, 33, 2], [0, 33, 34], [0, 33, 34], [0, 3, 4], [0, 33, 34], [0, 33, 34], [0, 33, 34], [0, 32, 32], [0, 33, 34], [0, 28, 29],
  [0, 25, 26], [0, 33, 34], [0, 6, 7], [19, 27, 9], [18, 33, 16], [0, 33, 34], [33, 33, 1], [0, 33, 34], [0, 33, 34], [14, 33, 20],
  [14, 24, 11], [0, 33, 34], [0, 33, 34], [0, 24, 25], [0, 33, 34], [0, 33, 34], [0, 33, 34], [0, 33, 34], [15, 33, 19], [11, 33, 23],
  [0, 33, 34], [0, 32, 33], [0, 33, 34], [0, 33, 34], [0, 27, 28], [4, 33, 30], [0, 33, 34], [2, 33, 32], [2, 33, 32], [0, 33, 34],
];

/** §3: shops whose active months are irregular, exactly. */
export const IRREGULAR_SHOPS: ReadonlyMap<number, readonly number[]> = new Map([
  [9, [9, 21, 27, 33]],
  [11, [25]],
  [20, [21, 33]],
  [36, [33]],
  [0, [0, 1]],
  [1, [0, 1]],
]);

/** §2: the 42 shops of the test set (they sell in 2015-11). */
export const TEST_SHOPS: readonly number[] = [
  2, 3, 4, 5, 6, 7, 10, 12, 14, 15, 16, 18, 19, 21, 22, 24, 25, 26, 28, 31, 34, 35, 36, 37, 38, 39, 41, 42, 44, 45, 46, 47, 48, 49,
  50, 52, 53, 55, 56, 57, 58, 59,
];

/** A row as [date, date_block_num, shop_id, item_id, item_price, item_cnt_day] text. */
export type RowText = readonly [string, string, string, string, string, string];

/** §3: the only row with a non-positive price. */
export const NEGATIVE_PRICE_ROW: RowText = ['15.05.2013', '4', '32', '2973', '-1.0', '1.0'];
/** §3: the 307,980-rub row, item 6066's only row. */
export const MAX_PRICE_ROW: RowText = ['13.12.2013', '11', '12', '6066', '307980.0', '1.0'];
/** §3: 28.10.2015, shop 12, item 11373, 2,169 units at ≈0.908714. */
export const MAX_COUNT = { date: '28.10.2015', shop: '12', item: '11373', count: '2169.0', price: 0.908714 } as const;
/** §3: the 1,000-bag day. */
export const BAG_DAY_ROW: RowText = ['15.01.2015', '24', '12', '20949', '4.0', '1000.0'];

/** §1: the first five rows of sales_train.csv. */
export const FIRST_ROWS: readonly string[] = [
  '02.01.2013,0,59,22154,999.0,1.0',
  '03.01.2013,0,25,2552,899.0,1.0',
  '05.01.2013,0,25,2552,899.0,-1.0',
  '06.01.2013,0,25,2554,1709.05,1.0',
  '15.01.2013,0,25,2555,1099.0,1.0',
];

/** §2, §3, §5: named items at their ids. */
export const NAMED_ITEMS: ReadonlyArray<readonly [id: number, category: number, name: string | RegExp]> = [
  [20949, 71, 'Фирменный пакет майка 1С Интерес белый (34*42) 45 мкм'],
  [2808, 30, /^Diablo III/],
  [3732, 19, /^Grand Theft Auto V \[PS3/],
  [3734, 23, /^Grand Theft Auto V \[Xbox 360/],
  [17717, 79, 'Прием денежных средств для 1С-Онлайн'],
  [5822, 35, /PSN|Playstation Store/i],
  [6066, 75, 'Radmin 3  - 522 лиц.'],
  [6675, 12, /^Sony PlayStation 4/],
  [11365, 9, 'Доставка (EMS)'],
  [11373, 9, 'Доставка до пункта выдачи (Boxberry)'],
  [2973, 19, 'DmC Devil May Cry [PS3]'],
  [0, 40, '! ВО ВЛАСТИ НАВАЖДЕНИЯ (ПЛАСТ.)         D'],
];

/** §2: the bag's share of all units and its price. */
export const BAG = { item: '20949', share: 0.051, minPrice: 4, maxPrice: 5 } as const;
