/**
 * Full-scale unit budgets: how many units each shop, category and best seller gets per month.
 * Both matrices are fitted with IPF so that the monthly curve (DATASET.md §2.1) and the shop and
 * category totals (§4, §5) hold at once. Pinned rows and best sellers are taken out first.
 */
import { ANCHORS } from './anchors.js';
import { PINNED_ROWS, monthOfDate } from './anomalies.js';
import { CATEGORIES } from './categories.js';
import { CATEGORY_PROFILES } from './category-profiles.js';
import { fitMatrix } from './ipf.js';
import type { MonthTarget } from './month-facts.js';
import { ONLINE_SHOP, SHOPS } from './shops.js';
import type { ItemTraits } from './world-items.js';

/** Unit budgets at full scale, months 0..34. */
export interface Budgets {
  /** [month][shop]: the shop's share of the month's units (0 where the shop does not sell). */
  readonly shopShare: Float64Array[];
  /** [month][category]: units of ordinary items (stars and pinned rows excluded). */
  readonly categoryUnits: Float64Array[];
  /** Best seller item_id -> units per month. */
  readonly starUnits: ReadonlyMap<number, Float64Array>;
}

const TRAIN_MONTHS = 34;
/** Delivery items (DATASET.md §3: category 9, shop 12 only). */
export const DELIVERY_CATEGORY = 9;

function sumPinned(select: (month: number, item: number) => boolean): number {
  return PINNED_ROWS.filter((row) => select(monthOfDate(row.date), row.item)).reduce((sum, row) => sum + row.count, 0);
}

/** Shop shares: IPF over months 0..33; month 34 keeps month 33's shares (shop 36 at the median). */
function fitShopShares(targets: readonly MonthTarget[]): Float64Array[] {
  const months = targets.slice(0, TRAIN_MONTHS);
  const prior = months.map((_, m) => SHOPS.map((shop) => (shop.salesMonths.has(m) ? 1 : 0)));
  // Delivery items sell only at the online store, on top of its share of ordinary items.
  const shopTotals = SHOPS.map((shop) => shop.units - (shop.id === ONLINE_SHOP ? CATEGORIES[DELIVERY_CATEGORY].units : 0));
  const ratio = shopTotals.reduce((a, b) => a + b, 0) / months.reduce((sum, month) => sum + month.units, 0);
  const fitted = fitMatrix(prior, months.map((month) => month.units * ratio), shopTotals);
  const shares = fitted.map((row, m) => Float64Array.from(row, (units) => units / (months[m].units * ratio)));
  const last = shares[TRAIN_MONTHS - 1];
  const continuing = SHOPS.map((shop) => (shop.salesMonths.has(TRAIN_MONTHS) ? last[shop.id] : 0));
  const sorted = continuing.filter((share) => share > 0).sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  // Shop 36 opened in month 33 with a part month; give it a typical shop's share afterwards.
  const next = continuing.map((share, s) => (SHOPS[s].salesMonths.has(TRAIN_MONTHS) && !SHOPS[s].salesMonths.has(TRAIN_MONTHS - 1) ? median : share));
  const total = next.reduce((a, b) => a + b, 0);
  shares.push(Float64Array.from(next, (share) => share / total));
  return shares;
}

/** Monthly units of each best seller: steady share of the month, or a launch that fades. */
function planStars(targets: readonly MonthTarget[]): Map<number, Float64Array> {
  const stars = new Map<number, Float64Array>();
  for (const anchor of ANCHORS) {
    if (!anchor.star) continue;
    const { units, launch, halfLife } = anchor.star;
    const shape = targets.map((month, m) => (m < launch ? 0 : month.units * (halfLife ? 0.5 ** ((m - launch) / halfLife) : 1)));
    const trainShape = shape.slice(0, TRAIN_MONTHS).reduce((a, b) => a + b, 0);
    const remaining = units - sumPinned((_, item) => item === anchor.id);
    stars.set(anchor.id, Float64Array.from(shape, (value) => (value * remaining) / trainShape));
  }
  return stars;
}

/** First month in which each category has an item on sale. */
function findFirstReleases(traits: ItemTraits): number[] {
  const first = CATEGORIES.map(() => Infinity);
  traits.release.forEach((month, item) => {
    if (month >= 0) first[traits.category[item]] = Math.min(first[traits.category[item]], month);
  });
  return first;
}

/** Category budgets: IPF of (category x month) with life-cycle windows, trends and December gifts. */
function fitCategoryUnits(targets: readonly MonthTarget[], traits: ItemTraits, stars: ReadonlyMap<number, Float64Array>, calendarMonth: Uint8Array): Float64Array[] {
  const firstRelease = findFirstReleases(traits);
  const sumStarUnits = (c: number, m: number): number => {
    let sum = 0;
    for (const [item, units] of stars) if (traits.category[item] === c) sum += units[m];
    return sum;
  };
  const computePrior = (c: number, m: number): number => {
    const profile = CATEGORY_PROFILES[c];
    if (m < profile.from || m > profile.to || m < firstRelease[c]) return 0;
    return Math.exp(profile.trend * m) * (profile.gift && calendarMonth[m] === 12 ? 1.8 : 1);
  };
  const months = [...Array(TRAIN_MONTHS).keys()];
  const rowTotals = CATEGORIES.map((category, c) =>
    Math.max(0, category.units - months.reduce((sum, m) => sum + sumStarUnits(c, m), 0) - sumPinned((_, item) => traits.category[item] === c)),
  );
  const sumStarsOfMonth = (m: number): number => [...stars.values()].reduce((sum, units) => sum + units[m], 0);
  const colTotals = months.map((m) => targets[m].units - sumStarsOfMonth(m) - sumPinned((month) => month === m));
  const prior = CATEGORIES.map((_, c) => months.map((m) => computePrior(c, m)));
  const fitted = fitMatrix(prior, rowTotals, colTotals);
  const byMonth = months.map((m) => Float64Array.from(CATEGORIES, (_, c) => fitted[c][m]));
  // Month 34 continues each category's fitted level along its own trend.
  const next = Float64Array.from(CATEGORIES, (_, c) => {
    const before = computePrior(c, TRAIN_MONTHS - 1);
    return before > 0 ? (fitted[c][TRAIN_MONTHS - 1] * computePrior(c, TRAIN_MONTHS)) / before : 0;
  });
  const scale = (targets[TRAIN_MONTHS].units - sumStarsOfMonth(TRAIN_MONTHS)) / next.reduce((a, b) => a + b, 0);
  byMonth.push(next.map((units) => units * scale));
  return byMonth;
}

/** Computes all budgets for months 0..34 at full scale. */
export function planBudgets(targets: readonly MonthTarget[], traits: ItemTraits, calendarMonth: Uint8Array): Budgets {
  const starUnits = planStars(targets);
  return {
    shopShare: fitShopShares(targets),
    categoryUnits: fitCategoryUnits(targets, traits, starUnits, calendarMonth),
    starUnits,
  };
}
