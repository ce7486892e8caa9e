/**
 * Which shops may sell an item in a month, and weighted choice of k distinct shops.
 *
 * Shop 55 (digital warehouse) sells only digital categories and sells most of them; delivery
 * items (category 9) exist only at the online store, shop 12 (DATASET.md §3 "Special shops").
 */
import { CATEGORY_PROFILES } from './category-profiles.js';
import { DELIVERY_CATEGORY } from './world-budgets.js';
import type { Random } from './random.js';
import { DIGITAL_SHOP, ONLINE_SHOP, SHOPS } from './shops.js';

/** Weight of an ordinary shop for a digital item relative to its size (shop 55 gets ~90%). */
const DIGITAL_ELSEWHERE = 0.003;

/** The shops an item class can sell at in one month. */
export interface ShopPool {
  readonly shops: Int32Array;
  /** Weight of being chosen at all: size^0.8 × class factor. */
  readonly presence: Float64Array;
  /** Weight of the units beyond one: size^1.3 × class factor. */
  readonly volume: Float64Array;
  /** Most shops one item of the class reaches in a month. */
  readonly maxReach: number;
}

/** Pools of one month per category (categories of the same class share a pool object). */
export type ShopPools = readonly ShopPool[];

/** Small shops carry fewer distinct items than their units suggest, big shops more units per item. */
const PRESENCE_POWER = 0.8;
const VOLUME_POWER = 1.2;

function makePool(entries: Array<readonly [shop: number, size: number, factor: number]>, maxReach = Infinity): ShopPool {
  const kept = entries.filter(([, size]) => size > 0);
  return {
    shops: Int32Array.from(kept, ([shop]) => shop),
    presence: Float64Array.from(kept, ([, size, factor]) => size ** PRESENCE_POWER * factor),
    volume: Float64Array.from(kept, ([, size, factor]) => size ** VOLUME_POWER * factor),
    maxReach: Math.min(maxReach, kept.length),
  };
}

/** Builds the month's pools from the shops' unit shares. */
export function buildShopPools(shopShare: Float64Array): ShopPools {
  const selling = SHOPS.filter((shop) => shopShare[shop.id] > 0).map((shop) => shop.id);
  const ordinary = makePool(selling.filter((s) => s !== DIGITAL_SHOP).map((s) => [s, shopShare[s], 1]));
  // A digital item is a download key: the warehouse sells it, a store now and then.
  const digital = makePool(selling.map((s) => [s, shopShare[s], s === DIGITAL_SHOP ? 1 : DIGITAL_ELSEWHERE]), 1);
  const online = selling.includes(ONLINE_SHOP) ? makePool([[ONLINE_SHOP, 1, 1]], 1) : ordinary;
  return CATEGORY_PROFILES.map((profile, c) => (c === DELIVERY_CATEGORY ? online : profile.digital ? digital : ordinary));
}

/** Index of the first of the first `n` cumulative weights above x. */
function search(cumulative: Float64Array, n: number, x: number): number {
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid] > x) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Sharpness of the item-shop affinity: how strongly an item sticks to "its" shops. */
const AFFINITY_POWER = 1.2;

/**
 * Stable affinity of every (item, shop), drawn once per seed: an item keeps selling at the same
 * shops month after month (DATASET.md §2.1: a shop-item pair is active 3.79 months on average)
 * without months sharing state. Index item * 60 + shop.
 */
export function drawShopAffinity(itemCount: number, rng: Random): Float32Array {
  const affinity = new Float32Array(itemCount * SHOPS.length);
  for (let i = 0; i < affinity.length; i++) affinity[i] = (-Math.log(1 - rng.float())) ** AFFINITY_POWER;
  return affinity;
}

/** Chooses the shops of one item and splits its units over them (scratch space reused). */
export class ShopChooser {
  private readonly presence = new Float64Array(64);
  private readonly cumulative = new Float64Array(64);
  private pool: ShopPool | undefined;

  constructor(private readonly affinity: Float32Array) {}

  /**
   * Prepares the weights of `item` over `pool`. Affinity decides where an item is present;
   * volume follows shop size only, so a shop's total stays near its DATASET.md §4 units.
   * Best sellers (`sticky` false) are everywhere in proportion to shop size.
   */
  prepare(pool: ShopPool, item: number, sticky: boolean): void {
    this.pool = pool;
    const base = item * SHOPS.length;
    let sum = 0;
    for (let j = 0; j < pool.shops.length; j++) {
      this.presence[j] = sticky ? pool.presence[j] * this.affinity[base + pool.shops[j]] : pool.presence[j];
      this.cumulative[j] = sum += this.presence[j];
    }
  }

  /**
   * Chooses up to k distinct pool indices (weighted, skipping `blocked` shops) into `out`;
   * returns how many. Rejection sampling when k is small against the pool, else
   * Efraimidis-Spirakis keys.
   */
  choose(k: number, rng: Random, out: Int32Array, blocked?: ReadonlySet<number>): number {
    const pool = this.pool as ShopPool;
    const n = pool.shops.length;
    if (k * 3 <= n) {
      let count = 0;
      for (let tries = 0; count < k && tries < k * 50; tries++) {
        const index = search(this.cumulative, n, rng.float() * this.cumulative[n - 1]);
        if (blocked?.has(pool.shops[index])) continue;
        let seen = false;
        for (let j = 0; j < count; j++) seen ||= out[j] === index;
        if (!seen) out[count++] = index;
      }
      return count;
    }
    const keys: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      if (!blocked?.has(pool.shops[i])) keys.push([-Math.log(1 - rng.float()) / this.presence[i], i]);
    }
    keys.sort((a, b) => a[0] - b[0]);
    const count = Math.min(k, keys.length);
    for (let j = 0; j < count; j++) out[j] = keys[j][1];
    return count;
  }

  /** Adds `extra` units over the chosen shops by volume weight (sequential binomials). */
  split(chosen: Int32Array, count: number, extra: number, rng: Random, into: number[]): void {
    const volume = (this.pool as ShopPool).volume;
    let weightLeft = 0;
    for (let j = 0; j < count; j++) weightLeft += volume[chosen[j]];
    let left = extra;
    for (let j = 0; j < count && left > 0; j++) {
      const weight = volume[chosen[j]];
      const give = j === count - 1 ? left : rng.binomial(left, weight / weightLeft);
      into[j] += give;
      left -= give;
      weightLeft -= weight;
    }
  }

}
