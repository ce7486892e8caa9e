/**
 * SIGKILL `strata ingest` (the real CLI as a child process, ~5% generated data) while it brings
 * a changed main file and a new month file into `raw.sales_train`, the view over one table per
 * file: whenever the kill lands, the view, each file's table and the ledger are exactly as
 * before the run, as after the main file alone, or as after the whole run (files load in that
 * order), never a mix; and the next ingest completes the run.
 */
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../../scripts/generate-data/generate.js';
import { query } from '../helpers.js';
import { fingerprintDatabase, isStagedName } from '../reliability/fingerprint.js';
import { assertCliBuilt, spawnStrata, waitForOutput } from '../reliability/kill-project.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SALES_READY = existsSync(join(REPO, 'project.yml'));
const MONTH_FILE = 'sales_train_month_34.csv';
/** Milliseconds between the main file's START line and the kill. */
const DELAYS = [0, 5, 10, 20, 30, 45, 60, 80, 110, 150, 250, 400];

describe.skipIf(!SALES_READY)('killing an ingest of a changed file and a new month file', () => {
  let root: string;
  let rawDir: string;
  let project: { dir: string; dbPath: string };
  let env: Record<string, string>;
  const states = new Map<string, string>();

  /** The view's definition, every file table's content and the ledger's rows for sales_train. */
  async function rawState(db: string): Promise<string> {
    const print = await fingerprintDatabase(db);
    const relations = Object.entries(print).filter(([name]) => name.startsWith('raw.sales_train') && !isStagedName(name)).sort();
    const ledger = await query(db, `select file_name, row_count, checksum, size_bytes from raw._strata_load_ledger where table_name = 'sales_train' order by 1`);
    return JSON.stringify({ relations, ledger });
  }

  async function ingest(db: string): Promise<void> {
    const run = spawnStrata(project, ['ingest'], db, env);
    const outcome = await run.done;
    expect(outcome.code, run.output()).toBe(0);
  }

  beforeAll(async () => {
    assertCliBuilt();
    root = mkdtempSync(join(tmpdir(), 'strata-kill-ingest-'));
    rawDir = join(root, 'raw');
    project = { dir: join(root, 'project'), dbPath: join(root, 'before.duckdb') };
    cpSync(join(REPO, 'project.yml'), join(project.dir, 'project.yml'));
    env = { STRATA_RAW_URI: rawDir };
    await generateData({ outDir: rawDir, scale: 0.05 });
    const month = (await generateData({ outDir: join(root, 'later'), scale: 0.05, onlyMonth: 34 })).files[0];
    await ingest(project.dbPath);
    states.set(await rawState(project.dbPath), 'before');

    // The run to kill: the main file gains a row, and month 34 arrives.
    const main = join(rawDir, 'sales_train.csv');
    const lastLine = readFileSync(main, 'utf8').trimEnd().split('\n').pop()!;
    appendFileSync(main, `${lastLine}\n`);
    const mainOnly = join(root, 'main-only.duckdb');
    copyFileSync(project.dbPath, mainOnly);
    await ingest(mainOnly);
    states.set(await rawState(mainOnly), 'main file only');
    copyFileSync(month.path, join(rawDir, MONTH_FILE));
    const done = join(root, 'done.duckdb');
    copyFileSync(project.dbPath, done);
    await ingest(done);
    states.set(await rawState(done), 'after');
    expect(states.size).toBe(3);
  }, 180_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(`leaves raw.sales_train before, between its files or after at ${DELAYS.length} kill points, and the next ingest completes`, async () => {
    const outcomes: string[] = [];
    for (const [i, delayMs] of DELAYS.entries()) {
      const db = join(root, `kill-${i}.duckdb`);
      copyFileSync(project.dbPath, db);
      const run = spawnStrata(project, ['ingest'], db, env);
      await waitForOutput(run, /START load \S+sales_train\.csv into raw\.sales_train/);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      run.child.kill('SIGKILL');
      await run.done;

      const state = states.get(await rawState(db)) ?? 'a mix';
      outcomes.push(`${delayMs}ms: ${state}`);
      expect(state, outcomes.join('\n')).not.toBe('a mix');

      await ingest(db);
      expect(states.get(await rawState(db)), outcomes.join('\n')).toBe('after');
      const leftovers = Object.keys(await fingerprintDatabase(db)).filter(isStagedName);
      expect(leftovers, outcomes.join('\n')).toEqual([]);
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
    if (process.env.STRATA_KILL_REPORT) console.log(outcomes.join('\n'));
    // The kills must land inside the run, not only before or after it.
    expect(new Set(outcomes.map((o) => o.split(': ')[1])).size, outcomes.join('\n')).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
