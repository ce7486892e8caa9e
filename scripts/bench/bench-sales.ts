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
  /** Medians over rounds (each round runs all three, alternated): build (1 thread) / direct SQL, build 2 threads / 1 thread. */
  overhead: number;
  threads2vs1: number;
  /** Median over rounds of ingest / bare read_csv (each round runs both, alternated). */
  ingestVsBare: number;
}

export function benchSales(root: string, runs: number): SalesBench {
  const work = mkdtempSync(join(tmpdir(), 'strata-bench-sales-'));
  const raw = join(work, 'raw');
  const node = process.execPath;
  const strata = join(root, 'framework', 'bin', 'strata.js');
  const generate = medianOf(runs, () => measure(node, [join(root, 'dist/scripts/generate-data/main.js'), '--out', raw]));
  const env = (db: string) => ({ STRATA_RAW_URI: raw, STRATA_DUCKDB_PATH: join(work, db) });
  // Ingest and the baseline alternate within each round, so drift in the machine's speed hits both alike.
  const ingestRuns: Measurement[] = [];
  const bareRuns: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(join(work, 'ingest.duckdb'), { force: true });
    ingestRuns.push(measure(node, [strata, 'ingest', '--quiet'], { cwd: root, env: env('ingest.duckdb') }));
    rmSync(join(work, 'bare.duckdb'), { force: true });
    bareRuns.push(measure(node, [join(root, 'dist/scripts/bench/bare-read-csv.js'), raw, join(work, 'bare.duckdb'), join(root, 'project.yml')], { cwd: root }));
  }
  const ingestVsBare = median(ingestRuns.map((m, i) => m.seconds / bareRuns[i].seconds));
  const ingest = medianMeasurement(ingestRuns);
  const bareReadCsv = medianMeasurement(bareRuns);
  measure(node, [strata, 'ingest', '--quiet'], { cwd: root, env: env('build.duckdb') });
  // The direct script runs the manifest's compiled SQL on a copy of the ingested raw data.
  // Like the builds, it replaces the relations of a database that already holds them (create or replace).
  measure(node, [strata, 'ingest', '--quiet'], { cwd: root, env: env('direct.duckdb') });
  measure(node, [join(root, 'dist/scripts/bench/direct-sql.js'), root, join(work, 'direct.duckdb')], { cwd: root });
  // Each round runs the three (--full-refresh: the sales facts are incremental, and the baseline
  // builds everything from scratch), so drift in the machine's speed hits all alike; the ratios
  // are the medians of the rounds' ratios.
  const builds1: Measurement[] = [];
  const builds2: Measurement[] = [];
  const directs: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    builds1.push(measure(node, [strata, 'build', '--quiet', '--full-refresh', '--threads', '1'], { cwd: root, env: env('build.duckdb') }));
    directs.push(measure(node, [join(root, 'dist/scripts/bench/direct-sql.js'), root, join(work, 'direct.duckdb')], { cwd: root }));
    builds2.push(measure(node, [strata, 'build', '--quiet', '--full-refresh', '--threads', '2'], { cwd: root, env: env('build.duckdb') }));
  }
  rmSync(work, { recursive: true, force: true });
  const result = {
    generate, ingest, bareReadCsv,
    build1: medianMeasurement(builds1), build2: medianMeasurement(builds2), direct: medianMeasurement(directs),
    overhead: median(builds1.map((m, i) => m.seconds / directs[i].seconds)),
    threads2vs1: median(builds2.map((m, i) => m.seconds / builds1[i].seconds)),
    ingestVsBare,
  };
  for (const [k, v] of Object.entries(result)) process.stdout.write(`sales ${k}: ${typeof v === 'number' ? v.toFixed(3) : fmt(v)}\n`);
  return result;
}
