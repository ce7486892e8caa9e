/**
 * Per-month targets at the requested scale: units, pairs, rows, distinct items, returns,
 * duplicates and the pinned rows of the month. Volumes scale linearly; pinned anomaly rows and
 * the six duplicates are kept at every scale (the issue: "keep all anomalies present").
 */
import { DUPLICATE_ROWS, PINNED_ROWS, PROLOGUE_ROWS, RETURN_ROWS, monthOfDate, type PinnedRow } from './anomalies.js';
import { dayOfDate } from './calendar.js';
import { TRAIN_ROWS } from './month-facts.js';
import { deriveSeed, Random } from './random.js';
import type { World } from './world.js';

/** A pinned row with its day number. */
export interface PinnedRowAt extends PinnedRow {
  readonly day: number;
}

/** What one month must contain. */
export interface MonthPlan {
  readonly month: number;
  readonly scale: number;
  /** Ordinary (non-star) units per category, returns compensated. */
  readonly categoryUnits: Float64Array;
  /** Best sellers: [item, units]. */
  readonly starUnits: ReadonlyArray<readonly [number, number]>;
  /** Distinct (shop, item) pairs. */
  readonly pairs: number;
  /** Ordinary positive rows (pinned, return and duplicate rows excluded). */
  readonly rows: number;
  /** Distinct items sold. */
  readonly items: number;
  /** Chance that an item released this month is sold in it (1 at full scale). */
  readonly newItemChance: number;
  /** Ordinary return rows. */
  readonly returns: number;
  /** Exact duplicate rows to write. */
  readonly duplicates: number;
  /** Pinned rows of this month (prologue excluded). */
  readonly pinned: readonly PinnedRowAt[];
  /** True for month 0, which starts with the real file's first rows. */
  readonly prologue: boolean;
}

/** Average size of an ordinary return (mostly -1; see month-layout.ts). */
const MEAN_RETURN_SIZE = 1.1;

/**
 * Scales a per-month count so that the months' scaled counts add up to the rounded scaled
 * total (cumulative rounding), while each month is still computed on its own.
 */
function scaleCount(values: readonly number[], month: number, scale: number): number {
  let before = 0;
  for (let m = 0; m < month; m++) before += values[m];
  return Math.round((before + values[month]) * scale) - Math.round(before * scale);
}

/** The months that receive one of the six duplicate rows, drawn from the seed. */
export function pickDuplicateMonths(seed: number): number[] {
  const rng = new Random(deriveSeed(seed, 'duplicates'));
  return rng.shuffle([...Array(34).keys()]).slice(0, DUPLICATE_ROWS);
}

/** Builds the plan of one month (0..34) at a scale. */
export function planMonth(world: World, month: number, scale: number): MonthPlan {
  const target = world.targets[month];
  const pinned = PINNED_ROWS.filter((row) => monthOfDate(row.date) === month && !PROLOGUE_ROWS.includes(row)).map(
    (row) => ({ ...row, day: dayOfDate(world.calendar, row.date) }),
  );
  const prologue = month === 0;
  const pinnedReturns = PINNED_ROWS.filter((row) => row.count < 0).length;
  const monthRows = world.targets.map((t) => t.rows);
  const returnRate = (RETURN_ROWS - pinnedReturns) / TRAIN_ROWS;
  const returns = scaleCount(monthRows.map((rows) => rows * returnRate), month, scale);
  const duplicates = pickDuplicateMonths(world.seed).filter((m) => m === month).length;
  const fixedRows = pinned.length + (prologue ? PROLOGUE_ROWS.length : 0);
  const categoryBase = world.budgets.categoryUnits[month];
  const ordinary = categoryBase.reduce((a, b) => a + b, 0) * scale;
  const compensation = ordinary > 0 ? 1 + (returns * MEAN_RETURN_SIZE) / ordinary : 1;
  const starUnits: Array<readonly [number, number]> = [];
  for (const [item, units] of world.budgets.starUnits) starUnits.push([item, units[month] * scale * compensation]);
  const pairs = Math.max(1, scaleCount(world.targets.map((t) => t.pairs), month, scale));
  return {
    month,
    scale,
    categoryUnits: categoryBase.map((units) => units * scale * compensation),
    starUnits,
    pairs,
    rows: Math.max(pairs, scaleCount(monthRows, month, scale) - returns - duplicates - fixedRows),
    items: Math.max(1, Math.round(target.items * scale)),
    newItemChance: Math.min(1, scale),
    returns,
    duplicates,
    pinned,
    prologue,
  };
}
