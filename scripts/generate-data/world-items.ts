/**
 * Per-item traits drawn once per seed: when an item first sells, how popular it is, how fast
 * its sales fade, and its price levels. Sales months read these; they never change them.
 */
import { ANCHORS, SOFT_ANCHORS } from './anchors.js';
import { ANOMALY_ROWS, monthOfDate } from './anomalies.js';
import type { CatalogueItem } from './catalogue.js';
import { CATEGORIES } from './categories.js';
import { CATEGORY_PROFILES } from './category-profiles.js';
import { MONTH_FACTS } from './month-facts.js';
import { drawBasePrice, roundToRetailPrice } from './prices.js';
import type { Random } from './random.js';

/** Release month meaning "sold only through pinned rows". */
export const NEVER = -1;
/** The simulated month; items that never sold in train debut here (as in the real test set). */
export const DEBUT_MONTH = 34;
/** Month of the 0.5-rub promo rows of the soft-anchor games (DATASET.md §3: July 2014). */
export const PROMO_MONTH = 18;

/** Upper bound of an ordinary item's popularity draw. */
const MAX_POPULARITY = 10;

/** Traits of all items, indexed by item_id. */
export interface ItemTraits {
  readonly category: Uint8Array;
  /** First month with sales, {@link DEBUT_MONTH} for items unsold in train, {@link NEVER}. */
  readonly release: Int16Array;
  /** Months an item was already on sale before month 0 (back catalogue). */
  readonly ageOffset: Float32Array;
  readonly popularity: Float64Array;
  /** Months for the item's sales to halve. */
  readonly halfLife: Float32Array;
  /** Shelf price before, between and after two markdowns. */
  readonly priceLevels: Float64Array;
  /** Months of the two markdowns (99 = none). */
  readonly markdownAt: Int16Array;
}

/** Splits `total` into integers proportional to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w * total) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((value, i) => [value - Math.floor(value), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

/**
 * Release months: the count of items first sold each month matches DATASET.md §2.1 exactly,
 * categories with a life-cycle window (§5) release inside it, and each category keeps exactly
 * (items - items with sales) items unsold until month 34.
 */
function assignReleases(catalogue: readonly CatalogueItem[], rng: Random): Int16Array {
  const release = new Int16Array(catalogue.length).fill(NEVER);
  const fixed = new Map<number, number>();
  for (const anchor of ANCHORS) if (anchor.release !== undefined) fixed.set(anchor.id, anchor.release);
  for (const soft of SOFT_ANCHORS) fixed.set(soft.id, PROMO_MONTH);
  const open = MONTH_FACTS.map((month) => month.newItems);
  for (const [id, month] of fixed) (release[id] = month), open[month]--;
  // Items sold only through pinned rows (6066) are first sold in their pinned row's month.
  const pinnedOnly = new Set(ANCHORS.filter((anchor) => anchor.pinnedOnly).map((anchor) => anchor.id));
  for (const row of ANOMALY_ROWS) if (pinnedOnly.has(row.item)) open[monthOfDate(row.date)]--;

  // Anchors without a known release draw one like other items but are never left unsold.
  const anchorIds = new Set(ANCHORS.map((anchor) => anchor.id));
  const free: number[][] = CATEGORIES.map(() => []);
  const freeAnchors: number[][] = CATEGORIES.map(() => []);
  catalogue.forEach((item, id) => {
    if (fixed.has(id) || pinnedOnly.has(id)) return;
    (anchorIds.has(id) ? freeAnchors : free)[item.category].push(id);
  });
  const rest: number[] = [];
  CATEGORIES.forEach((category, c) => {
    const unsoldIds = rng.shuffle(free[c]);
    const ids = unsoldIds.splice(category.items - category.soldItems);
    for (const id of unsoldIds) release[id] = DEBUT_MONTH;
    ids.push(...freeAnchors[c]);
    const { from, to } = CATEGORY_PROFILES[c];
    if (from === 0 && to >= 33) return void rest.push(...ids);
    const weights = open.map((slots, m) => (m >= from && m <= to ? Math.max(slots, 0) + 1 : 0));
    const counts = apportion(ids.length, weights);
    let k = 0;
    counts.forEach((count, m) => {
      for (let j = 0; j < count; j++) release[ids[k++]] = m;
      open[m] -= count;
    });
  });
  const counts = apportion(rest.length, open.map((slots) => Math.max(slots, 0)));
  rng.shuffle(rest);
  let k = 0;
  counts.forEach((count, m) => {
    for (let j = 0; j < count; j++) release[rest[k++]] = m;
  });
  return release;
}

/** Typical half-life in months per naming family: games fade fast, gifts barely. */
function medianHalfLife(style: string): number {
  if (/^(game|console|accessory|gamePc)/.test(style)) return 4;
  if (/^(dvd|bluray|movie|cd|mp3|vinyl|music)/.test(style)) return 8;
  return 16;
}

/** Draws the traits of every item. */
export function drawItemTraits(catalogue: readonly CatalogueItem[], rng: Random): ItemTraits {
  const n = catalogue.length;
  const traits: ItemTraits = {
    category: Uint8Array.from(catalogue, (item) => item.category),
    release: assignReleases(catalogue, rng),
    ageOffset: new Float32Array(n),
    popularity: new Float64Array(n),
    halfLife: new Float32Array(n),
    priceLevels: new Float64Array(n * 3),
    markdownAt: new Int16Array(n * 2).fill(99),
  };
  const anchors = new Map(ANCHORS.map((anchor) => [anchor.id, anchor]));
  for (let id = 0; id < n; id++) {
    const profile = CATEGORY_PROFILES[catalogue[id].category];
    const anchor = anchors.get(id);
    const start = traits.release[id];
    traits.ageOffset[id] = start === 0 && !anchor?.star ? -12 * Math.log(1 - rng.float()) : 0;
    // Clipped so that no ordinary item outsells the named best sellers of DATASET.md §2.
    traits.popularity[id] = Math.min(MAX_POPULARITY, rng.logNormal(1, 1.3)) * (anchor?.boost ?? 1);
    traits.halfLife[id] = Math.max(1, rng.logNormal(medianHalfLife(profile.style), 0.5));
    const base = anchor?.price ?? drawBasePrice(profile.price, rng);
    traits.priceLevels[id * 3] = base;
    let level = base;
    let month = Math.max(start, 0) + (start === 0 ? rng.int(30) : 2);
    for (let k = 0; k < 2; k++) {
      const marked = !anchor?.star && rng.chance(k === 0 ? 0.55 : 0.3) && base >= 50;
      if (marked) {
        month += 1 + Math.floor(-6 * Math.log(1 - rng.float()));
        level = Math.min(level, roundToRetailPrice(level * (0.65 + 0.25 * rng.float()), rng));
        traits.markdownAt[id * 2 + k] = month;
      }
      traits.priceLevels[id * 3 + k + 1] = level;
    }
  }
  return traits;
}

/** Shelf price of an item in a month (before shop and row variation). */
export function shelfPrice(traits: ItemTraits, item: number, month: number): number {
  const level = month >= traits.markdownAt[item * 2 + 1] ? 2 : month >= traits.markdownAt[item * 2] ? 1 : 0;
  return traits.priceLevels[item * 3 + level];
}
