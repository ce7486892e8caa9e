/**
 * Everything that is fixed for one seed before any month is generated: the catalogue, the
 * calendar, the monthly targets, item traits and unit budgets. Months only read the world, so
 * any month can be generated on its own (`--only-month`) with the same rows as in a full run.
 */
import { buildCalendar, type Calendar } from './calendar.js';
import { buildCatalogue, type CatalogueItem } from './catalogue.js';
import { buildMonthTargets, type MonthTarget } from './month-facts.js';
import { deriveSeed, Random } from './random.js';
import { drawShopAffinity } from './shop-choice.js';
import { planBudgets, type Budgets } from './world-budgets.js';
import { drawItemTraits, type ItemTraits } from './world-items.js';

/** The generator's fixed state for one seed. */
export interface World {
  readonly seed: number;
  readonly calendar: Calendar;
  readonly catalogue: readonly CatalogueItem[];
  readonly targets: readonly MonthTarget[];
  readonly traits: ItemTraits;
  readonly budgets: Budgets;
  /** Items with explicit monthly units (best sellers). */
  readonly isStar: Uint8Array;
  /** Stable item-shop affinities (see shop-choice.ts). */
  readonly affinity: Float32Array;
}

/** Builds the world for a seed (about a quarter of a second). */
export function buildWorld(seed: number, catalogue: readonly CatalogueItem[] = buildCatalogue()): World {
  const calendar = buildCalendar();
  const targets = buildMonthTargets();
  const traits = drawItemTraits(catalogue, new Random(deriveSeed(seed, 'items')));
  const budgets = planBudgets(targets, traits, calendar.calendarMonth);
  const isStar = new Uint8Array(catalogue.length);
  for (const item of budgets.starUnits.keys()) isStar[item] = 1;
  const affinity = drawShopAffinity(catalogue.length, new Random(deriveSeed(seed, 'affinity')));
  return { seed, calendar, catalogue, targets, traits, budgets, isStar, affinity };
}
