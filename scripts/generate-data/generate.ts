/**
 * Writes the dataset: sales_train.csv, items.csv, item_categories.csv and shops.csv (or one
 * month of sales with `onlyMonth`). The entry point for the CLI, the pipeline and ingest.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ByteSink } from './byte-sink.js';
import { MONTH_COUNT } from './calendar.js';
import { buildCatalogue } from './catalogue.js';
import { CATEGORIES } from './categories.js';
import { formatCsvFile } from './csv-format.js';
import { planMonthItems } from './month-items.js';
import { layoutMonth } from './month-layout.js';
import { spreadOverShops } from './month-pairs.js';
import { planMonth } from './month-plan.js';
import { deriveSeed, Random } from './random.js';
import { writeMonth } from './sales-writer.js';
import { buildShopPools, ShopChooser } from './shop-choice.js';
import { SHOPS } from './shops.js';
import { buildWorld, type World } from './world.js';

/** Options of {@link generateData}. */
export interface GenerateOptions {
  /** Folder to write into (created if missing). */
  readonly outDir: string;
  /** Fraction of the real volume of sales rows; 1 = the full 2.9M rows. Dimension files never scale. */
  readonly scale?: number;
  /** Seed of the sales; the same seed and scale give byte-identical files. */
  readonly seed?: number;
  /** Write only this month's sales (0..34; 34 = 2015-11) to sales_train_month_<n>.csv. */
  readonly onlyMonth?: number;
}

/** One written file. */
export interface GeneratedFile {
  readonly name: string;
  readonly path: string;
  /** Data rows (header excluded). */
  readonly rows: number;
  readonly bytes: number;
}

/** What {@link generateData} wrote. */
export interface GenerateSummary {
  readonly files: readonly GeneratedFile[];
  readonly seed: number;
  readonly scale: number;
  readonly elapsedMs: number;
}

/** Seed used when none is given. */
export const DEFAULT_SEED = 42;

/** Header of sales_train.csv (DATASET.md §1). */
export const SALES_HEADER = 'date,date_block_num,shop_id,item_id,item_price,item_cnt_day';

function writeText(outDir: string, name: string, text: string, rows: number): GeneratedFile {
  const path = join(outDir, name);
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(path, bytes);
  return { name, path, rows, bytes: bytes.length };
}

/** Writes items.csv, item_categories.csv and shops.csv. */
function writeDimensions(outDir: string, world: World): GeneratedFile[] {
  const items = world.catalogue.map((item, id) => [item.name, id, item.category] as const);
  return [
    writeText(outDir, 'items.csv', formatCsvFile(['item_name', 'item_id', 'item_category_id'], items), items.length),
    writeText(outDir, 'item_categories.csv', formatCsvFile(['item_category_name', 'item_category_id'], CATEGORIES.map((c) => [c.name, c.id])), CATEGORIES.length),
    writeText(outDir, 'shops.csv', formatCsvFile(['shop_name', 'shop_id'], SHOPS.map((s) => [s.name, s.id])), SHOPS.length),
  ];
}

/** Generates and writes one month's rows into the sink; returns the rows written. */
export function generateMonth(sink: ByteSink, world: World, month: number, scale: number): number {
  const rng = new Random(deriveSeed(world.seed, 'month', month));
  const plan = planMonth(world, month, scale);
  const pools = buildShopPools(world.budgets.shopShare[month]);
  const sold = planMonthItems(world, plan, rng);
  const chooser = new ShopChooser(world.affinity);
  const pairs = spreadOverShops(sold, plan, pools, chooser, world, rng);
  const layout = layoutMonth(pairs, plan, world.calendar.monthDays[month], pools, world.traits, rng);
  return writeMonth(sink, world, plan, layout, rng).rows;
}

/** Writes sales rows of the given months to one file. */
async function writeSales(outDir: string, name: string, world: World, months: readonly number[], scale: number): Promise<GeneratedFile> {
  const path = join(outDir, name);
  const fd = openSync(path, 'w');
  try {
    const sink = new ByteSink((chunk) => void writeSync(fd, chunk));
    sink.reserve(SALES_HEADER.length + 1);
    sink.ascii(`${SALES_HEADER}\n`);
    let rows = 0;
    for (const month of months) {
      rows += generateMonth(sink, world, month, scale);
      // Let other work in the process (the pipeline's server, timers) run between months.
      await yieldToEventLoop();
    }
    sink.end();
    return { name, path, rows, bytes: sink.bytesWritten };
  } finally {
    closeSync(fd);
  }
}

/**
 * Generates the dataset into `outDir`.
 *
 * @example
 * const summary = await generateData({ outDir: 'data/raw', scale: 0.01 });
 * console.log(summary.files.map((f) => `${f.name}: ${f.rows}`));
 */
export async function generateData(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  const { onlyMonth } = options;
  if (onlyMonth !== undefined && (!Number.isInteger(onlyMonth) || onlyMonth < 0 || onlyMonth >= MONTH_COUNT)) {
    throw new Error(`only-month must be an integer from 0 to ${MONTH_COUNT - 1} (34 = 2015-11), got ${onlyMonth}`);
  }
  mkdirSync(options.outDir, { recursive: true });
  const world = buildWorld(seed, buildCatalogue());
  const files =
    onlyMonth === undefined
      ? [await writeSales(options.outDir, 'sales_train.csv', world, [...Array(34).keys()], scale), ...writeDimensions(options.outDir, world)]
      : [await writeSales(options.outDir, `sales_train_month_${onlyMonth}.csv`, world, [onlyMonth], scale)];
  return { files, seed, scale, elapsedMs: Math.round(performance.now() - started) };
}
