/**
 * Rows written verbatim at every scale: the known anomalies of DATASET.md §3 and the first rows
 * of the real file (§1). Values marked "invented" have no published date/shop/item; they are
 * placed where DATASET.md says such rows live (shop 12 hosts most outliers).
 */

/** One fixed row of sales_train.csv. */
export interface PinnedRow {
  readonly date: string;
  readonly shop: number;
  readonly item: number;
  readonly price: number;
  readonly count: number;
  /** Why the row exists (DATASET.md reference). */
  readonly note: string;
}

/** The first five rows of sales_train.csv, verbatim (DATASET.md §1). Written first in month 0. */
export const PROLOGUE_ROWS: readonly PinnedRow[] = [
  { date: '02.01.2013', shop: 59, item: 22154, price: 999, count: 1, note: '§1 first row' },
  { date: '03.01.2013', shop: 25, item: 2552, price: 899, count: 1, note: '§1 second row' },
  { date: '05.01.2013', shop: 25, item: 2552, price: 899, count: -1, note: '§1 third row (a return)' },
  { date: '06.01.2013', shop: 25, item: 2554, price: 1709.05, count: 1, note: '§1 fourth row' },
  { date: '15.01.2013', shop: 25, item: 2555, price: 1099, count: 1, note: '§1 fifth row' },
];

/** Anomaly rows, inserted into their (shop, item) block of their month. */
export const ANOMALY_ROWS: readonly PinnedRow[] = [
  { date: '15.05.2013', shop: 32, item: 2973, price: -1, count: 1, note: '§3 the only negative price (row 484683)' },
  { date: '13.12.2013', shop: 12, item: 6066, price: 307_980, count: 1, note: '§3 max price, the item\'s only row' },
  { date: '17.09.2013', shop: 12, item: 11365, price: 59_200, count: 1, note: '§3 EMS delivery at 59,200' },
  { date: '28.10.2015', shop: 12, item: 11373, price: 1971 / 2169, count: 2169, note: '§3 max count; price ≈0.908714 = 1971/2169' },
  { date: '15.01.2015', shop: 12, item: 20949, price: 4, count: 1000, note: '§3 second-largest count (bag)' },
  { date: '15.09.2015', shop: 12, item: 11373, price: 600 / 669, count: 669, note: '§3 third-largest count; date/item invented' },
  { date: '14.04.2015', shop: 12, item: 3731, price: 1904.55, count: 624, note: '§3 GTA V PC launch day' },
  { date: '19.05.2015', shop: 12, item: 11373, price: 490 / 539, count: 539, note: '§3 Boxberry 539; price invented' },
  { date: '19.05.2015', shop: 12, item: 11370, price: 300 / 343, count: 343, note: '§3 delivery 343; price invented' },
  { date: '30.12.2013', shop: 25, item: 20949, price: 5, count: 501, note: '§3 bag 501 at shop 25; date invented' },
  { date: '31.12.2013', shop: 24, item: 20949, price: 5, count: 405, note: '§3 bag 405 at shop 24; date invented' },
  { date: '29.12.2014', shop: 12, item: 20949, price: 4, count: 500, note: '§3 bag 500 at shop 12; date invented' },
  { date: '12.02.2014', shop: 25, item: 20949, price: 5, count: -22, note: '§3 min count -22; date/shop/item invented' },
  { date: '17.04.2015', shop: 9, item: 3732, price: 1499, count: -1, note: '§3 shop 9: one -1 return in Apr 2015; item invented' },
  { date: '08.09.2015', shop: 27, item: 2808, price: 399, count: -1, note: '§3 shop 27: last month is a -1 return; item invented' },
];

/** All fixed rows. */
export const PINNED_ROWS: readonly PinnedRow[] = [...PROLOGUE_ROWS, ...ANOMALY_ROWS];

/** Exact duplicate rows in the real file (DATASET.md §2); their contents are unknown. */
export const DUPLICATE_ROWS = 6;

/** Return rows (negative item_cnt_day) in the real file, pinned ones included (DATASET.md §2). */
export const RETURN_ROWS = 7_356;

/** General daily counts stay below the smallest pinned outlier so the outliers stay the top. */
export const MAX_GENERAL_DAILY_COUNT = 300;

/** Month (date_block_num) of a `dd.mm.yyyy` date. */
export function monthOfDate(date: string): number {
  const [, mm, yyyy] = date.split('.').map(Number);
  return (yyyy - 2013) * 12 + mm - 1;
}
