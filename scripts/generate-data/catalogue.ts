/**
 * The item catalogue (items.csv): 22,170 unique names, sorted, with item_id = row number and
 * exactly the items per category of DATASET.md §5.
 *
 * How the special items keep their ids: the anchors (anchors.ts) split the sorted id range into
 * gaps; gap g between anchors a < b needs exactly b - a - 1 names that sort strictly between the
 * two anchor names. Every category's style generates a pool about twice its quota; pool names
 * are bucketed by gap; {@link allocateGrid} decides how many names of each category each gap
 * takes (exact gap sizes and exact category counts); a seeded draw picks them. Sorting each
 * gap's names then places every anchor at its id. The catalogue does not depend on the sales
 * seed, so items.csv is identical for every seed and scale.
 */
import { ANCHORS, SOFT_ANCHORS, type Anchor } from './anchors.js';
import { CATEGORIES } from './categories.js';
import { allocateGrid } from './grid-allocation.js';
import { generateCategoryNames } from './item-names.js';
import { Random } from './random.js';

/** One row of items.csv. */
export interface CatalogueItem {
  readonly name: string;
  readonly category: number;
}

/** Fixed seed of the catalogue: names must not change with the sales seed. */
const CATALOGUE_SEED = 20_130_101;
/** Total items in items.csv. */
export const ITEM_COUNT = CATEGORIES.reduce((sum, category) => sum + category.items, 0);

interface PoolName {
  readonly name: string;
  readonly category: number;
}

/** Code-unit order, the sort order of items.csv (equal to Python's default str order here). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkAnchors(anchors: readonly Anchor[]): void {
  for (let i = 1; i < anchors.length; i++) {
    if (anchors[i - 1].id >= anchors[i].id || compareNames(anchors[i - 1].name, anchors[i].name) >= 0) {
      throw new Error(`anchors ${anchors[i - 1].id} and ${anchors[i].id} are not in id and name order`);
    }
  }
}

/** Index of the first pool name greater than `name` (binary search). */
function findUpperBound(pool: readonly PoolName[], name: string): number {
  let low = 0;
  let high = pool.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareNames(pool[mid].name, name) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Turns soft anchors into hard ones by picking an allowed pool name at a proportional position. */
function resolveSoftAnchors(hard: Anchor[], pool: PoolName[]): Anchor[] {
  const anchors = [...hard];
  for (const soft of SOFT_ANCHORS) {
    const next = anchors.findIndex((anchor) => anchor.id > soft.id);
    const [before, after] = [anchors[next - 1], anchors[next]];
    const [low, high] = [findUpperBound(pool, before.name), findUpperBound(pool, after.name)];
    const target = low + Math.floor(((soft.id - before.id) / (after.id - before.id)) * (high - low));
    for (let offset = 0; offset < high - low; offset++) {
      const index = [target + offset, target - offset].find((i) => i >= low && i < high && soft.categories.includes(pool[i].category));
      if (index === undefined) continue;
      const [picked] = pool.splice(index, 1);
      anchors.splice(next, 0, { id: soft.id, name: picked.name, category: picked.category });
      break;
    }
    if (!anchors.some((anchor) => anchor.id === soft.id)) throw new Error(`no pool name for soft anchor ${soft.id}`);
  }
  return anchors;
}

/** Generates every category's pool of candidate names, sorted. */
function buildPool(quotas: readonly number[], anchorNames: Set<string>): PoolName[] {
  const rng = new Random(CATALOGUE_SEED);
  const taken = new Set(anchorNames);
  const pool: PoolName[] = [];
  quotas.forEach((quota, category) => {
    if (quota === 0) return;
    const size = Math.max(quota * 2, quota + 60);
    for (const name of generateCategoryNames(category, size, rng, taken)) pool.push({ name, category });
  });
  return pool.sort((a, b) => compareNames(a.name, b.name));
}

/**
 * Builds the catalogue: index = item_id. Deterministic and independent of the sales seed.
 *
 * @example buildCatalogue()[20949].name === 'Фирменный пакет майка 1С Интерес белый (34*42) 45 мкм'
 */
export function buildCatalogue(): CatalogueItem[] {
  checkAnchors(ANCHORS);
  const quotas = CATEGORIES.map((category) => category.items);
  const pool = buildPool(
    quotas.map((items, c) => items - ANCHORS.filter((anchor) => anchor.category === c).length),
    new Set(ANCHORS.map((anchor) => anchor.name)),
  );
  const anchors = resolveSoftAnchors([...ANCHORS], pool);
  checkAnchors(anchors);
  for (const anchor of anchors) quotas[anchor.category]--;

  // Gaps between consecutive anchors, with sentinels before the first and after the last id.
  const bounds = [{ id: -1, name: '' }, ...anchors, { id: ITEM_COUNT, name: '\uffff' }];
  const gapNeeds: number[] = [];
  const gapNames: PoolName[][][] = [];
  for (let g = 0; g + 1 < bounds.length; g++) {
    gapNeeds.push(bounds[g + 1].id - bounds[g].id - 1);
    const byCategory: PoolName[][] = CATEGORIES.map(() => []);
    for (let i = findUpperBound(pool, bounds[g].name); i < pool.length && compareNames(pool[i].name, bounds[g + 1].name) < 0; i++) {
      byCategory[pool[i].category].push(pool[i]);
    }
    gapNames.push(byCategory);
  }
  const counts = allocateGrid(gapNeeds, quotas, gapNames.map((byCategory) => byCategory.map((names) => names.length)));

  const rng = new Random(CATALOGUE_SEED + 1);
  const items: CatalogueItem[] = new Array(ITEM_COUNT);
  gapNames.forEach((byCategory, g) => {
    const chosen = byCategory.flatMap((names, c) => rng.shuffle([...names]).slice(0, counts[g][c]));
    chosen.sort((a, b) => compareNames(a.name, b.name));
    chosen.forEach((entry, k) => (items[bounds[g].id + 1 + k] = entry));
    if (g < anchors.length) items[anchors[g].id] = { name: anchors[g].name, category: anchors[g].category };
  });
  return items;
}
