/**
 * A new month on the incremental daily sales fact. Builds months 0..33 of the generated data
 * (2,935,849 rows at scale 1), lets month 34 arrive (generate-data --only-month 34) and ingests
 * it, then times, from the same starting database each run (restored by copying the file):
 *
 * - each incremental fact alone, fct_daily_item_sales (day x shop x item, the heavy one) and
 *   fct_daily_sales (day x shop), with stg_sales already holding month 34
 *   (`run -s <fact>`): incremental vs `--full-refresh`;
 * - the whole path of a new month, stg_sales + both facts: incremental vs `--full-refresh`.
 *
 * Model time is the models' execution time from run_results.json (what the materialization costs);
 * wall time is the whole CLI process (start-up and parse included). Runs of the four cases are
 * interleaved so that load on the machine hits them alike. The incremental and full-refresh
 * results are compared row for row (EXCEPT both ways) once.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { measure } from './measure.js';

const PROJECT_PARTS = ['project.yml', 'models', 'seeds', 'tests', 'macros'];

/** One case's medians over the runs. */
export interface IncrementalCase {
  /** Median model execution time (s), from run_results.json. */
  modelSeconds: number;
  /** Median CLI wall time (s). */
  wallSeconds: number;
  /** Every run's model time, in run order. */
  modelRuns: number[];
  wallRuns: number[];
  /** What the run inserted/created (run_results rowsAffected per model). */
  rows: Record<string, number | undefined>;
}

export interface IncrementalComparison {
  incremental: IncrementalCase;
  fullRefresh: IncrementalCase;
  /** incremental / full refresh, model time and wall time. */
  modelRatio: number;
  wallRatio: number;
}

export interface IncrementalBench {
  scale: number;
  runs: number;
  rows: { months0to33: number; month34: number };
  setupSeconds: { generate: number; ingest: number; build: number; ingestMonth34: number };
  /** Each incremental fact alone (stg_sales already holding the new month). */
  models: Record<string, IncrementalComparison>;
  /** stg_sales and both facts together: everything a new month goes through. */
  newMonthPath: IncrementalComparison;
  /** Per model: the incremental and the full-refresh tables hold the same rows (EXCEPT both ways empty, equal counts). */
  identical: Record<string, boolean>;
}

/** Copy a DuckDB database file, with its write-ahead log when it has one. */
function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  rmSync(`${to}.wal`, { force: true });
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface RunResultsLike {
  results: { uniqueId: string; status: string; executionTime: number; rowsAffected?: number; message?: string }[];
}

/** Rows of `table` that differ between two DuckDB files (both directions), and the two counts. */
async function difference(a: string, b: string, table: string): Promise<{ differing: number; countA: number; countB: number }> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const conn = await instance.connect();
    await conn.run(`attach '${a}' as a (read_only)`);
    await conn.run(`attach '${b}' as b (read_only)`);
    const reader = await conn.runAndReadAll(`
      select
        (select count(*) from (select * from a.${table} except all select * from b.${table}))
          + (select count(*) from (select * from b.${table} except all select * from a.${table})) as differing,
        (select count(*) from a.${table}) as count_a,
        (select count(*) from b.${table}) as count_b`);
    const [differing, countA, countB] = reader.getRows()[0].map(Number);
    conn.closeSync();
    return { differing, countA, countB };
  } finally {
    instance.closeSync();
  }
}

/**
 * @example benchIncremental('/repo', { runs: 5, scale: 1 })
 */
export async function benchIncremental(root: string, options: { runs: number; scale: number }): Promise<IncrementalBench> {
  const { runs, scale } = options;
  const work = mkdtempSync(join(tmpdir(), 'strata-bench-incremental-'));
  const node = process.execPath;
  const strata = join(root, 'framework', 'bin', 'strata.js');
  const generator = join(root, 'dist/scripts/generate-data/main.js');
  const raw = join(work, 'raw');
  const later = join(work, 'later');
  const project = join(work, 'project');
  mkdirSync(project, { recursive: true });
  for (const part of PROJECT_PARTS) cpSync(join(root, part), join(project, part), { recursive: true });
  const log = (line: string) => process.stdout.write(`incremental: ${line}\n`);

  const cli = (args: string[], db: string) => {
    const result = measure(node, [strata, ...args, '--quiet'], { cwd: project, env: { STRATA_RAW_URI: raw, STRATA_DUCKDB_PATH: db } });
    if (result.code !== 0) throw new Error(`strata ${args.join(' ')} failed (exit ${result.code})`);
    return result;
  };
  const runResults = () => JSON.parse(readFileSync(join(project, 'target', 'run_results.json'), 'utf8')) as RunResultsLike;
  const countRows = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length - 1;

  try {
    log(`generating months 0..33 and month 34 at scale ${scale}`);
    const generate = measure(node, [generator, '--out', raw, '--scale', String(scale)]);
    measure(node, [generator, '--out', later, '--scale', String(scale), '--only-month', '34']);
    const monthFile = join(later, 'sales_train_month_34.csv');
    const rows = { months0to33: countRows(join(raw, 'sales_train.csv')), month34: countRows(monthFile) };

    const base = join(work, 'base.duckdb');
    log('ingest + build of months 0..33');
    const ingest = cli(['ingest'], base);
    const build = cli(['build'], base);
    log('month 34 arrives: ingest loads only its file');
    copyFileSync(monthFile, join(raw, basename(monthFile)));
    const ingestMonth34 = cli(['ingest'], base);
    // Start of the new-month path: raw holds month 34, no model does yet.
    const rawOnly = join(work, 'raw-only.duckdb');
    copyDatabase(base, rawOnly);
    // Start of the fact-alone case: stg_sales holds month 34 too.
    cli(['run', '--select', 'stg_sales'], base);
    const staged = join(work, 'staged.duckdb');
    copyDatabase(base, staged);

    const db = join(work, 'run.duckdb');
    type CaseRun = { modelSeconds: number; wallSeconds: number; rows: Record<string, number | undefined> };
    const runCase = (start: string, args: string[], models: string[]): CaseRun => {
      copyDatabase(start, db);
      const { seconds } = cli(args, db);
      const results = runResults().results.filter((r) => models.some((m) => r.uniqueId === `model.sales.${m}`));
      if (results.length !== models.length || results.some((r) => r.status !== 'success')) throw new Error(`strata ${args.join(' ')}: ${JSON.stringify(results)}`);
      return {
        modelSeconds: results.reduce((sum, r) => sum + r.executionTime, 0),
        wallSeconds: seconds,
        rows: Object.fromEntries(results.map((r) => [r.uniqueId.split('.').pop()!, r.rowsAffected])),
      };
    };
    const FACTS = ['fct_daily_item_sales', 'fct_daily_sales'] as const;
    const PATH = ['stg_sales', ...FACTS];
    const cases: Record<string, () => CaseRun> = {};
    for (const model of FACTS) {
      cases[`${model} incremental`] = () => runCase(staged, ['run', '--select', model], [model]);
      cases[`${model} full`] = () => runCase(staged, ['run', '--select', model, '--full-refresh'], [model]);
    }
    cases['path incremental'] = () => runCase(rawOnly, ['run', '--select', ...PATH], PATH);
    cases['path full'] = () => runCase(rawOnly, ['run', '--select', ...PATH, '--full-refresh'], PATH);
    const measured: Record<string, CaseRun[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    const kept = { incremental: join(work, 'incremental.duckdb'), full: join(work, 'full.duckdb') };
    for (let i = 0; i < runs; i++) {
      for (const name of Object.keys(cases)) {
        measured[name].push(cases[name]());
        // Keep one result of each new-month path for the row-for-row comparison.
        if (i === 0 && name === 'path incremental') copyDatabase(db, kept.incremental);
        if (i === 0 && name === 'path full') copyDatabase(db, kept.full);
      }
      log(`run ${i + 1} of ${runs} done`);
    }

    const summarise = (list: CaseRun[]): IncrementalCase => ({
      modelSeconds: median(list.map((r) => r.modelSeconds)),
      wallSeconds: median(list.map((r) => r.wallSeconds)),
      modelRuns: list.map((r) => r.modelSeconds),
      wallRuns: list.map((r) => r.wallSeconds),
      rows: list[0].rows,
    });
    const compare = (incremental: CaseRun[], full: CaseRun[]): IncrementalComparison => {
      const a = summarise(incremental);
      const b = summarise(full);
      return { incremental: a, fullRefresh: b, modelRatio: a.modelSeconds / b.modelSeconds, wallRatio: a.wallSeconds / b.wallSeconds };
    };
    const same = async (table: string) => {
      const d = await difference(kept.incremental, kept.full, table);
      return d.differing === 0 && d.countA === d.countB && d.countA > 0;
    };
    const result: IncrementalBench = {
      scale,
      runs,
      rows,
      setupSeconds: { generate: generate.seconds, ingest: ingest.seconds, build: build.seconds, ingestMonth34: ingestMonth34.seconds },
      models: Object.fromEntries(FACTS.map((m) => [m, compare(measured[`${m} incremental`], measured[`${m} full`])])),
      newMonthPath: compare(measured['path incremental'], measured['path full']),
      identical: Object.fromEntries(await Promise.all(
        [['stg_sales', 'main_staging'], ...FACTS.map((m) => [m, 'main_marts'])].map(async ([m, schema]) => [m, await same(`${schema}.${m}`)] as const),
      )),
    };
    printIncremental(result);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printIncremental(r: IncrementalBench): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const s = (x: number) => `${x.toFixed(3)} s`;
  const line = (label: string, c: IncrementalComparison) =>
    `incremental ${label}: model ${s(c.incremental.modelSeconds)} vs full refresh ${s(c.fullRefresh.modelSeconds)} = ${pct(c.modelRatio)}` +
    ` | CLI wall ${s(c.incremental.wallSeconds)} vs ${s(c.fullRefresh.wallSeconds)} = ${pct(c.wallRatio)}` +
    ` | rows ${JSON.stringify(c.incremental.rows)} vs ${JSON.stringify(c.fullRefresh.rows)}\n`;
  process.stdout.write(
    `incremental: scale ${r.scale}, ${r.rows.months0to33.toLocaleString('en-US')} rows + month 34 ${r.rows.month34.toLocaleString('en-US')} rows, median of ${r.runs}` +
      ` (setup: generate ${s(r.setupSeconds.generate)}, ingest ${s(r.setupSeconds.ingest)}, build ${s(r.setupSeconds.build)}, ingest month 34 ${s(r.setupSeconds.ingestMonth34)})\n`,
  );
  for (const [model, c] of Object.entries(r.models)) process.stdout.write(line(model, c));
  process.stdout.write(line('new-month path (stg_sales + facts)', r.newMonthPath));
  process.stdout.write(`incremental: same rows as the full refresh: ${Object.entries(r.identical).map(([m, ok]) => `${m} ${ok}`).join(', ')}\n`);
}
