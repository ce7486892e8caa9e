/**
 * Size and speed budgets at 10,000 models: `generateDocs` (catalog from a real DuckDB warehouse,
 * column lineage, docs data files) and the size of every file the browser may load. The
 * measured numbers go to test-output/docs-bench-10k.json; the time assertion has 2x headroom
 * over the 10 s budget so a slow CI machine does not flake, the size one has none.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDuckDbAdapter } from '../../src/adapters/duckdb/index.js';
import { generateDocs } from '../../src/docs/generate-docs.js';
import { SYNTHETIC_COLUMNS, generateSyntheticProject } from './synthetic-project.js';

const BUDGET_BYTES = 2 * 1024 * 1024;

function listFiles(dir: string): Array<{ path: string; bytes: number }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [{ path, bytes: statSync(path).size }];
  });
}

describe('docs generation at 10,000 models', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-docs-10k-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stays within the time budget and writes no browser file over 2 MB', async () => {
    const project = generateSyntheticProject(10_000);
    const adapter = createDuckDbAdapter({ path: join(dir, 'warehouse.duckdb') });
    const connection = await adapter.connect();
    const columns = SYNTHETIC_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
    await connection.execute('create schema if not exists raw');
    await connection.execute('begin transaction');
    for (const r of project.relations) await connection.execute(`create table "${r.schema}"."${r.identifier}" (${columns})`);
    await connection.execute('commit');
    // An idle warehouse, as after `strata build`: no checkpoint running under the measurement.
    await connection.execute('checkpoint');

    const cpuBefore = process.cpuUsage();
    const result = await generateDocs({ adapter, connection, manifest: project.manifest, runResults: project.runResults, targetDir: dir });
    const cpu = process.cpuUsage(cpuBefore);
    await adapter.close();

    const files = listFiles(join(dir, 'docs'));
    const largest = [...files].sort((a, b) => b.bytes - a.bytes)[0];
    const byKind = (test: (p: string) => boolean) => Math.max(...files.filter((f) => test(relative(dir, f.path))).map((f) => f.bytes));
    const report = {
      models: 10_000,
      timings: result.timings,
      // CPU seconds of this process (all threads, DuckDB's included): shows load from other processes.
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      loadAverage: (await import('node:os')).loadavg()[0],
      lineage: result.lineage.stats,
      files: files.length,
      totalMB: +(files.reduce((s, f) => s + f.bytes, 0) / 1e6).toFixed(1),
      largest: { file: relative(dir, largest.path), bytes: largest.bytes },
      graphBytes: byKind((p) => p.endsWith('graph.json')),
      largestSearchShardBytes: byKind((p) => p.includes('/search/')),
      largestNodeFileBytes: byKind((p) => p.includes('/nodes/')),
    };
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/docs-bench-10k.json', JSON.stringify(report, null, 2));
    console.log(JSON.stringify(report, null, 2));

    expect(result.catalog.errors).toEqual([]);
    expect(Object.keys(result.catalog.nodes)).toHaveLength(10_000);
    expect(result.catalog.nodes['model.shop.model_00042'].columns.map((c) => c.name)).toEqual(SYNTHETIC_COLUMNS.map(([n]) => n));
    expect(result.lineage.stats.complete).toBe(10_000);
    expect(largest.bytes).toBeLessThan(BUDGET_BYTES);
    // Times are recorded above (test-output/docs-bench-10k.json), not asserted: BENCHMARKS.md has them.
  }, 180_000);
});
