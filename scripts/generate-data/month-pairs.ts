/**
 * Spreads each sold item's units over shops: an item with u units reaches k ≈ a·u^0.75 shops
 * (a calibrated so the month has its DATASET.md §2.1 number of shop-item pairs), the shops are
 * drawn by size, and the units beyond one per shop follow the shops' sizes too.
 */
import { PROLOGUE_ROWS } from './anomalies.js';
import type { MonthItems } from './month-items.js';
import type { MonthPlan } from './month-plan.js';
import type { Random } from './random.js';
import type { ShopChooser, ShopPools } from './shop-choice.js';
import type { World } from './world.js';

/** The month's (shop, item) pairs with their units. */
export interface MonthPairs {
  readonly shop: number[];
  readonly item: number[];
  readonly units: number[];
}

const REACH_EXPONENT = 0.45;

/** Solves Σ clip(a·q, 1, cap) = target for a (bisection; the sum grows with a). */
function solveReach(q: Float64Array, caps: Int32Array, target: number): number {
  const sumReach = (a: number): number => {
    let sum = 0;
    for (let i = 0; i < q.length; i++) sum += Math.min(caps[i], Math.max(1, a * q[i]));
    return sum;
  };
  let low = 0;
  let high = 1;
  while (sumReach(high) < target && high < 1e6) high *= 2;
  for (let iteration = 0; iteration < 40; iteration++) {
    const mid = (low + high) / 2;
    if (sumReach(mid) < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Rounds reaches stochastically, then nudges random items so the sum is exactly `target`. */
function roundReaches(q: Float64Array, caps: Int32Array, a: number, target: number, rng: Random): Int32Array {
  const k = Int32Array.from(q, (value, i) => Math.min(caps[i], Math.max(1, rng.roundStochastic(a * value))));
  let diff = target - k.reduce((s, v) => s + v, 0);
  for (let tries = 0; diff !== 0 && tries < 50 * q.length; tries++) {
    const i = rng.int(q.length);
    if (diff > 0 && k[i] < caps[i]) (k[i]++, diff--);
    else if (diff < 0 && k[i] > 1) (k[i]--, diff++);
  }
  return k;
}

/** Pairs blocked in month 0 because the prologue rows already hold them. */
function findBlocked(plan: MonthPlan): Map<number, Set<number>> {
  const blocked = new Map<number, Set<number>>();
  if (!plan.prologue) return blocked;
  for (const row of PROLOGUE_ROWS) blocked.set(row.item, (blocked.get(row.item) ?? new Set()).add(row.shop));
  return blocked;
}

/** Spreads the month's items over shops. */
export function spreadOverShops(sold: MonthItems, plan: MonthPlan, pools: ShopPools, chooser: ShopChooser, world: World, rng: Random): MonthPairs {
  const { isStar } = world;
  const categoryOf = world.traits.category;
  const n = sold.items.length;
  const q = Float64Array.from(sold.units, (u) => u ** REACH_EXPONENT);
  const caps = Int32Array.from(sold.items, (item, i) => Math.max(1, Math.min(sold.units[i], pools[categoryOf[item]].maxReach)));
  const target = Math.min(plan.pairs, caps.reduce((s, v) => s + v, 0));
  const reach = roundReaches(q, caps, solveReach(q, caps, Math.max(n, target)), Math.max(n, target), rng);
  const blocked = findBlocked(plan);
  const pairs: MonthPairs = { shop: [], item: [], units: [] };
  const chosen = new Int32Array(64);
  for (let i = 0; i < n; i++) {
    const item = sold.items[i];
    const pool = pools[categoryOf[item]];
    if (pool.shops.length === 0) continue;
    // Best sellers are everywhere; only ordinary items stick to their shops.
    chooser.prepare(pool, item, !isStar[item]);
    const count = chooser.choose(reach[i], rng, chosen, blocked.get(item));
    if (count === 0) continue;
    const units = new Array<number>(count).fill(1);
    chooser.split(chosen, count, sold.units[i] - count, rng, units);
    for (let j = 0; j < count; j++) {
      pairs.shop.push(pool.shops[chosen[j]]);
      pairs.item.push(item);
      pairs.units.push(units[j]);
    }
  }
  return pairs;
}
