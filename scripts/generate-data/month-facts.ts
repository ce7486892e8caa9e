/**
 * Monthly targets of the generator, from DATASET.md §2 and §2.1 (the real monthly aggregate).
 * Month 34 (2015-11) is not in the real data; it is extrapolated (see {@link extrapolateNovember}).
 */

/** One month of the real monthly aggregate (DATASET.md §2.1). */
export interface MonthFact {
  /** Sum of item_cnt_day. */
  readonly units: number;
  /** Distinct (shop, item) pairs with at least one row. */
  readonly pairs: number;
  /** Shops with at least one row. */
  readonly shops: number;
  /** Distinct items sold. */
  readonly items: number;
  /** Items first sold this month. */
  readonly newItems: number;
}

/** A month's targets as used by the generator (full scale). */
export interface MonthTarget extends MonthFact {
  /** Daily rows in sales_train for this month. */
  readonly rows: number;
}

/** Rows of sales_train.csv (DATASET.md §2). */
export const TRAIN_ROWS = 2_935_849;
/** Rows of month 33, derived from the first month-33 row index 2,882,335 (DATASET.md §2). */
export const LAST_MONTH_ROWS = 53_514;
/** Items in the test set of the competition: what month 34 is expected to sell (DATASET.md §2). */
const NOVEMBER_ITEMS = 5_100;
/** Items that never sold in months 0..33; they appear in the test set, so they debut in month 34. */
const NEVER_SOLD_ITEMS = 363;

// [units, pairs, shops with sales, distinct items, items first sold] per date_block_num 0..33.
const MONTH_TABLE: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [131_479, 63_224, 45, 8_115, 8_115], [128_090, 59_935, 46, 8_168, 1_237],
  [147_142, 63_977, 46, 8_302, 798], [107_190, 54_638, 46, 8_145, 628],
  [106_970, 53_296, 45, 8_339, 682], [125_381, 56_196, 46, 8_478, 531],
  [116_966, 58_035, 46, 8_405, 447], [125_291, 58_022, 45, 8_031, 470],
  [133_332, 51_575, 45, 7_876, 384], [127_541, 51_090, 46, 8_039, 654],
  [130_009, 51_460, 45, 8_089, 489], [183_342, 66_276, 46, 8_474, 536],
  [116_899, 53_320, 46, 7_551, 207], [109_687, 47_704, 46, 7_134, 339],
  [115_297, 49_291, 48, 7_142, 310], [96_556, 44_740, 49, 6_774, 319],
  [97_790, 45_766, 49, 6_685, 262], [97_429, 46_481, 49, 6_681, 253],
  [91_280, 45_756, 50, 6_611, 316], [102_721, 46_439, 51, 6_363, 250],
  [99_208, 40_423, 50, 6_071, 330], [107_422, 42_595, 52, 6_334, 558],
  [117_845, 45_755, 50, 6_322, 460], [168_755, 59_275, 50, 6_605, 472],
  [110_971, 46_775, 50, 6_139, 197], [84_198, 41_390, 47, 6_053, 225],
  [82_014, 40_464, 46, 6_082, 336], [77_827, 32_875, 47, 5_476, 262],
  [72_295, 32_220, 44, 5_283, 225], [64_114, 31_909, 43, 5_216, 250],
  [63_187, 33_527, 43, 5_323, 206], [66_079, 33_486, 42, 5_108, 282],
  [72_843, 29_678, 43, 5_085, 302], [71_056, 31_531, 44, 5_413, 475],
];

/** The real months 0..33. */
export const MONTH_FACTS: readonly MonthFact[] = MONTH_TABLE.map(([units, pairs, shops, items, newItems]) => ({
  units,
  pairs,
  shops,
  items,
  newItems,
}));

/**
 * Continues the trend into 2015-11: units and pairs grow from October as they did in 2014
 * (Oct -> Nov), the item count is the test set's 5,100 items, and the 363 items never sold
 * in train debut, as they do in the competition's test month.
 */
function extrapolateNovember(): MonthFact {
  const [octLast, novLast, oct] = [MONTH_FACTS[21], MONTH_FACTS[22], MONTH_FACTS[33]];
  return {
    units: Math.round((oct.units * novLast.units) / octLast.units),
    pairs: Math.round((oct.pairs * novLast.pairs) / octLast.pairs),
    shops: 42,
    items: NOVEMBER_ITEMS,
    newItems: NEVER_SOLD_ITEMS,
  };
}

/**
 * Builds the full-scale targets for months 0..34. Rows per month are not published (DATASET.md
 * §7): month 33 keeps its derived 53,514 rows and the other months share the remaining rows in
 * proportion to sqrt(pairs × units), summing to exactly 2,935,849. Rows in proportion to pairs
 * alone would ask July 2015 for 0.97 rows per unit, more than its units can fill; the geometric
 * mean keeps every month near the overall 1.24 units per row and still puts the known row
 * indices of §2 (484683 in May 2013, 1163158 in Dec 2013, 2326930 in Jan 2015) in their months.
 */
export function buildMonthTargets(): MonthTarget[] {
  const weighMonth = (month: MonthFact): number => Math.sqrt(month.pairs * month.units);
  const earlier = MONTH_FACTS.slice(0, 33);
  const perWeight = (TRAIN_ROWS - LAST_MONTH_ROWS) / earlier.reduce((sum, month) => sum + weighMonth(month), 0);
  const rows = earlier.map((month) => Math.round(weighMonth(month) * perWeight));
  // Put the rounding remainder on the biggest month so the total is exact.
  const remainder = TRAIN_ROWS - LAST_MONTH_ROWS - rows.reduce((a, b) => a + b, 0);
  rows[11] += remainder;
  rows.push(LAST_MONTH_ROWS);
  const november = extrapolateNovember();
  rows.push(Math.round((weighMonth(november) * LAST_MONTH_ROWS) / weighMonth(MONTH_FACTS[33])));
  return [...MONTH_FACTS, november].map((month, index) => ({ ...month, rows: rows[index] }));
}
