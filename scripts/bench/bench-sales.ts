/**
 * The sales project at full scale: generation, ingest vs bare read_csv, build (threads 1 and 2)
 * vs the same compiled SQL run directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, measure, median, medianMeasurement, medianOf, type Measurement } from './measure.js';

export interface SalesBench {
  generate: Measurement;
  ingest: Measurement;
  bareReadCsv: Measurement;
  build1: Measurement;
  build2: Measurement;
  direct: Measurement;
  /** build (1 thread) / direct SQL, build 2 threads / 1 thread, ingest / bare read_csv. */
  overhead: number;
  threads2vs1: number;
  /** Median over rounds of ingest / bare read_csv (each round runs both, alternated). */
  ingestVsBare: number;
  /** The bare read_csv that makes the same table as ingest (with `_source_file`), and the paired ratio to it. */
  bareSameTable: Measurement;
  ingestVsBareSameTable: number;
}

export function benchSales(root: string, runs: number): SalesBench {
  const work = mkdtempSync(join(tmpdir(), 'strata-bench-sales-'));
  const raw = join(work, 'raw');
  const node = process.execPath;
  const strata = join(root, 'framework', 'bin', 'strata.js');
  const generate = medianOf(runs, () => measure(node, [join(root, 'dist/scripts/generate-data/main.js'), '--out', raw]));
  const env = (db: string) => ({ STRATA_RAW_URI: raw, STRATA_DUCKDB_PATH: join(work, db) });
  // Ingest and both baselines alternate within each round, so drift in the machine's speed hits all three alike.
  const ingestRuns: Measurement[] = [];
  const bareRuns: Measurement[] = [];
  const bareSameRuns: Measurement[] = [];
  const bare = (db: string, ...flags: string[]) => {
    rmSync(join(work, db), { force: true });
    return measure(node, [join(root, 'dist/scripts/bench/bare-read-csv.js'), raw, join(work, db), join(root, 'project.yml'), ...flags], { cwd: root });
  };
  for (let i = 0; i < runs; i++) {
    rmSync(join(work, 'ingest.duckdb'), { force: true });
    ingestRuns.push(measure(node, [strata, 'ingest', '--quiet'], { cwd: root, env: env('ingest.duckdb') }));
    bareRuns.push(bare('bare.duckdb'));
    bareSameRuns.push(bare('bare-same.duckdb', '--source-file-column'));
  }
  const ingestVsBare = median(ingestRuns.map((m, i) => m.seconds / bareRuns[i].seconds));
  const ingestVsBareSameTable = median(ingestRuns.map((m, i) => m.seconds / bareSameRuns[i].seconds));
  const ingest = medianMeasurement(ingestRuns);
  const bareReadCsv = medianMeasurement(bareRuns);
  const bareSameTable = medianMeasurement(bareSameRuns);
  measure(node, [strata, 'ingest', '--quiet'], { cwd: root, env: env('build.duckdb') });
  // --full-refresh: the sales facts are incremental, and the baseline builds everything from scratch.
  const build1 = medianOf(runs, () => measure(node, [strata, 'build', '--quiet', '--full-refresh', '--threads', '1'], { cwd: root, env: env('build.duckdb') }));
  const build2 = medianOf(runs, () => measure(node, [strata, 'build', '--quiet', '--full-refresh', '--threads', '2'], { cwd: root, env: env('build.duckdb') }));
  // The direct script runs the manifest's compiled SQL on a copy of the ingested raw data.
  // Like the builds, it replaces the relations of a database that already holds them (create or replace).
  measure(node, [strata, 'ingest', '--quiet'], { cwd: root, env: env('direct.duckdb') });
  measure(node, [join(root, 'dist/scripts/bench/direct-sql.js'), root, join(work, 'direct.duckdb')], { cwd: root });
  const direct = medianOf(runs, () => measure(node, [join(root, 'dist/scripts/bench/direct-sql.js'), root, join(work, 'direct.duckdb')], { cwd: root }));
  rmSync(work, { recursive: true, force: true });
  const result = { generate, ingest, bareReadCsv, build1, build2, direct, overhead: build1.seconds / direct.seconds, threads2vs1: build2.seconds / build1.seconds, ingestVsBare, bareSameTable, ingestVsBareSameTable };
  for (const [k, v] of Object.entries(result)) process.stdout.write(`sales ${k}: ${typeof v === 'number' ? v.toFixed(3) : fmt(v)}\n`);
  return result;
}
