/**
 * Completes a month's pairs into a row layout: every selling shop gets at least one pair, pinned
 * rows join their (shop, item) block, ordinary returns are attached (a few as return-only
 * pairs), each pair gets its number of daily rows so the month has exactly its row target, and
 * the month's duplicate rows are marked.
 */
import { MAX_GENERAL_DAILY_COUNT } from './anomalies.js';
import { CATEGORY_PROFILES } from './category-profiles.js';
import type { MonthPairs } from './month-pairs.js';
import type { MonthPlan, PinnedRowAt } from './month-plan.js';
import type { Random } from './random.js';
import type { ShopPools } from './shop-choice.js';
import { listSellingShops } from './shops.js';
import type { ItemTraits } from './world-items.js';

/** The month's pairs with everything needed to write their rows. */
export interface MonthLayout {
  readonly pairs: MonthPairs;
  /** Ordinary positive rows per pair. */
  readonly rows: Int32Array;
  /** Size of the pair's ordinary return row (0 = none). */
  readonly returnSize: Int32Array;
  /** 1 = write the pair's first row twice (an exact duplicate). */
  readonly duplicate: Uint8Array;
  /** Pinned rows by pair index. */
  readonly pinned: ReadonlyMap<number, readonly PinnedRowAt[]>;
}

/** Shops with more returns than usual (DATASET.md §3: shops 9 and 33). */
const SHOP_RETURNS: ReadonlyMap<number, number> = new Map([[9, 1.75], [33, 2.1]]);
/** Share of returns with no sale of the item at that shop in the same month (915 of 7,356 cells). */
const RETURN_ONLY_SHARE = 0.12;
const ROWS_EXPONENT = 0.6;

/** A number that identifies a (shop, item) pair within a month. */
function makePairKey(shop: number, item: number): number {
  return shop * 65536 + item;
}

function addPair(pairs: MonthPairs, keys: Map<number, number>, shop: number, item: number, units: number): number {
  pairs.shop.push(shop);
  pairs.item.push(item);
  pairs.units.push(units);
  keys.set(makePairKey(shop, item), pairs.shop.length - 1);
  return pairs.shop.length - 1;
}

/**
 * Adds a one-unit pair for each selling shop that got none (small scales, tiny shops), so the
 * shops' activity months are exact at every scale. The item is one of the month's sold items
 * the shop may sell, else any released item it may sell (shop 55 sells only digital ones).
 */
function fillEmptyShops(pairs: MonthPairs, keys: Map<number, number>, plan: MonthPlan, pools: ShopPools, traits: ItemTraits, rng: Random): void {
  const present = new Set(pairs.shop);
  const sold = pairs.item.length;
  const canSell = (shop: number, item: number): boolean =>
    traits.release[item] >= 0 && traits.release[item] <= plan.month && pools[traits.category[item]].shops.includes(shop) && !keys.has(makePairKey(shop, item));
  for (const shop of listSellingShops(plan.month)) {
    for (let tries = 0; !present.has(shop) && tries < 20_000; tries++) {
      const item = tries < 2000 && sold > 0 ? pairs.item[rng.int(sold)] : rng.int(traits.release.length);
      if (canSell(shop, item)) addPair(pairs, keys, shop, item, 1), present.add(shop);
    }
    if (!present.has(shop)) throw new Error(`no item for shop ${shop} in month ${plan.month}`);
  }
}

function drawReturnSize(rng: Random): number {
  const roll = rng.float();
  return roll < 0.93 ? 1 : roll < 0.98 ? 2 : roll < 0.992 ? 3 : rng.intBetween(4, 8);
}

/** Attaches ordinary returns to pairs (weighted by units and return propensity) or as new pairs. */
function placeReturns(pairs: MonthPairs, keys: Map<number, number>, plan: MonthPlan, pools: ShopPools, categoryOf: Uint8Array, rng: Random): Int32Array {
  const sizes: number[] = [];
  const count = pairs.shop.length;
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    // sqrt: small blocks get returns too, so some cells net out to zero (2,583 in the real data).
    total += Math.sqrt(pairs.units[i]) * (SHOP_RETURNS.get(pairs.shop[i]) ?? 1) * CATEGORY_PROFILES[categoryOf[pairs.item[i]]].returns;
    cumulative[i] = total;
  }
  const returnOnly = Math.round(plan.returns * RETURN_ONLY_SHARE);
  let attached = 0;
  for (let tries = 0; attached < plan.returns - returnOnly && total > 0 && tries < plan.returns * 20; tries++) {
    const x = rng.float() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > x) high = mid;
      else low = mid + 1;
    }
    if (sizes[low] || pairs.units[low] === 0) continue;
    sizes[low] = drawReturnSize(rng);
    attached++;
  }
  for (let made = 0, tries = 0; made < plan.returns - attached && count > 0 && tries < plan.returns * 50; tries++) {
    const seller = rng.int(count);
    const [shop, item] = [pairs.shop[seller], pairs.item[rng.int(count)]];
    // Only shops with ordinary sales this month take returns (not the pinned return-only shops).
    if (pairs.units[seller] === 0 || !pools[categoryOf[item]].shops.includes(shop) || keys.has(makePairKey(shop, item))) continue;
    sizes[addPair(pairs, keys, shop, item, 0)] = drawReturnSize(rng);
    made++;
  }
  return Int32Array.from({ length: pairs.shop.length }, (_, i) => sizes[i] ?? 0);
}

/** Daily rows per pair: clip(b·u^0.6) with b calibrated so the month has `target` rows exactly. */
function planRows(units: readonly number[], days: number, target: number, rng: Random): Int32Array {
  const n = units.length;
  const q = Float64Array.from(units, (u) => u ** ROWS_EXPONENT);
  const low = Int32Array.from(units, (u) => (u === 0 ? 0 : Math.max(1, Math.ceil(u / MAX_GENERAL_DAILY_COUNT))));
  const high = Int32Array.from(units, (u) => Math.min(u, days));
  const sumRows = (b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.min(high[i], Math.max(low[i], b * q[i]));
    return sum;
  };
  const wanted = Math.min(Math.max(target, sumRows(0)), sumRows(1e9));
  let [lo, hi] = [0, 1];
  while (sumRows(hi) < wanted && hi < 1e9) hi *= 2;
  for (let iteration = 0; iteration < 40; iteration++) {
    const mid = (lo + hi) / 2;
    if (sumRows(mid) < wanted) lo = mid;
    else hi = mid;
  }
  const rows = Int32Array.from(q, (value, i) => Math.min(high[i], Math.max(low[i], rng.roundStochastic(hi * value))));
  let diff = wanted - rows.reduce((s, v) => s + v, 0);
  for (let tries = 0; diff !== 0 && tries < n * 50; tries++) {
    const i = rng.int(n);
    if (diff > 0 && rows[i] < high[i]) (rows[i]++, diff--);
    else if (diff < 0 && rows[i] > low[i]) (rows[i]--, diff++);
  }
  return rows;
}

/** Builds the month's layout. */
export function layoutMonth(pairs: MonthPairs, plan: MonthPlan, days: number, pools: ShopPools, traits: ItemTraits, rng: Random): MonthLayout {
  const categoryOf = traits.category;
  const keys = new Map<number, number>();
  pairs.shop.forEach((shop, i) => keys.set(makePairKey(shop, pairs.item[i]), i));
  fillEmptyShops(pairs, keys, plan, pools, traits, rng);
  const pinned = new Map<number, PinnedRowAt[]>();
  for (const row of plan.pinned) {
    const index = keys.get(makePairKey(row.shop, row.item)) ?? addPair(pairs, keys, row.shop, row.item, 0);
    pinned.set(index, [...(pinned.get(index) ?? []), row]);
  }
  const returnSize = placeReturns(pairs, keys, plan, pools, categoryOf, rng);
  const rows = planRows(pairs.units, days, plan.rows, rng);
  const duplicate = new Uint8Array(pairs.shop.length);
  for (let made = 0, tries = 0; made < plan.duplicates && tries < 10_000; tries++) {
    const i = rng.int(pairs.shop.length);
    if (rows[i] > 0 && !duplicate[i]) (duplicate[i] = 1), made++;
  }
  return { pairs, rows, returnSize, duplicate, pinned };
}
