/**
 * Which items sell in a month and how many units each. An item's expected units are its
 * category's budget shared by popularity x age decay; the number of distinct items matches the
 * month's figure of DATASET.md §2.1 by calibrating how "spread" the sales are (κ below), and
 * every item released this month sells in it, so "items first sold" matches too.
 */
import { ANCHORS } from './anchors.js';
import type { MonthPlan } from './month-plan.js';
import type { Random } from './random.js';
import type { World } from './world.js';

/** Items sold in a month with their units. */
export interface MonthItems {
  readonly items: number[];
  readonly units: number[];
}

const PINNED_ONLY: ReadonlySet<number> = new Set(ANCHORS.filter((anchor) => anchor.pinnedOnly).map((anchor) => anchor.id));

/** Finds κ with Σ (1 - exp(-κ e)) = target by bisection in log space. */
function solveSpread(expected: Float64Array, count: number, target: number): number {
  const countReached = (kappa: number): number => {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += 1 - Math.exp(-kappa * expected[i]);
    return sum;
  };
  let low = Math.log(1e-6);
  let high = Math.log(1e6);
  if (countReached(Math.exp(high)) <= target) return Math.exp(high);
  for (let iteration = 0; iteration < 36; iteration++) {
    const mid = (low + high) / 2;
    if (countReached(Math.exp(mid)) < target) low = mid;
    else high = mid;
  }
  return Math.exp((low + high) / 2);
}

/** Draws the month's sold items and their units. */
export function planMonthItems(world: World, plan: MonthPlan, rng: Random): MonthItems {
  const { traits, isStar } = world;
  const m = plan.month;
  const n = traits.release.length;
  const weight = new Float64Array(n);
  const categoryWeight = new Float64Array(plan.categoryUnits.length);
  const forced: number[] = [];
  const candidates: number[] = [];
  for (let item = 0; item < n; item++) {
    const release = traits.release[item];
    if (release < 0 || release > m || isStar[item] || PINNED_ONLY.has(item)) continue;
    const age = m - release + traits.ageOffset[item];
    // A release month is a part month on average.
    const w = traits.popularity[item] * 0.5 ** (age / traits.halfLife[item]) * (release === m && m > 0 ? 0.6 : 1);
    weight[item] = w;
    categoryWeight[traits.category[item]] += w;
    if (release === m && rng.chance(plan.newItemChance)) forced.push(item);
    else candidates.push(item);
  }
  const expectUnits = (item: number): number => {
    const c = traits.category[item];
    return categoryWeight[c] > 0 ? (plan.categoryUnits[c] * weight[item]) / categoryWeight[c] : 0;
  };
  const expected = Float64Array.from(candidates, expectUnits);
  const stars = plan.starUnits.filter(([, units]) => units >= 0.5).length;
  const target = Math.max(0, plan.items - forced.length - stars);
  const kappa = target > 0 ? solveSpread(expected, candidates.length, target) : 0;

  const items: number[] = [];
  const units: number[] = [];
  for (const item of forced) {
    // At small scales only a sample of new items is forced in; each stands for 1/chance items.
    items.push(item);
    units.push(1 + rng.poisson(Math.max(0, expectUnits(item) / plan.newItemChance - 1)));
  }
  candidates.forEach((item, i) => {
    const p = 1 - Math.exp(-kappa * expected[i]);
    if (p <= 0 || !rng.chance(p)) return;
    items.push(item);
    units.push(1 + rng.poisson(Math.max(0, expected[i] / p - 1)));
  });
  fitUnitsToBudget(units, plan.categoryUnits.reduce((a, b) => a + b, 0), rng);
  for (const [item, value] of plan.starUnits) {
    const count = rng.roundStochastic(value);
    if (count > 0) items.push(item), units.push(count);
  }
  return { items, units };
}

/** Scales the units above one so that the total matches the budget (every item keeps ≥ 1). */
function fitUnitsToBudget(units: number[], budget: number, rng: Random): void {
  const extras = units.reduce((sum, value) => sum + value - 1, 0);
  const wanted = budget - units.length;
  if (extras <= 0) return;
  const factor = Math.max(0, wanted) / extras;
  for (let i = 0; i < units.length; i++) units[i] = 1 + rng.roundStochastic((units[i] - 1) * factor);
}
