/**
 * SIGKILL the incremental run that brings a new month into the sales models (the real CLI as a
 * child process, ~5% generated data): whenever the kill lands, each incremental table is either
 * exactly as before the run or exactly as after a completed run, never in between, and the next
 * run completes the month.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../../scripts/generate-data/generate.js';
import { strata } from '../helpers.js';
import { fingerprintDatabase, type Fingerprint } from '../reliability/fingerprint.js';
import { assertCliBuilt, STRATA_BIN } from '../reliability/kill-project.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PROJECT_PARTS = ['project.yml', 'models', 'seeds', 'tests', 'macros'];
const SALES_READY = ['project.yml', 'models', 'seeds'].every((part) => existsSync(join(REPO, part)));
const MODELS = ['stg_sales', 'fct_daily_item_sales', 'fct_daily_sales'];
const TABLES = ['main_staging.stg_sales', 'main_marts.fct_daily_item_sales', 'main_marts.fct_daily_sales'];
/** Kill points: after the START line of model `model`, wait `delayMs`, then SIGKILL. */
const KILLS = MODELS.flatMap((_, model) => [0, 3, 10, 25].map((delayMs) => ({ model, delayMs })));

interface Child {
  output(): string;
  kill(): void;
  done: Promise<number | null>;
}

function spawnRun(projectDir: string, dbPath: string): Child {
  const child = spawn(process.execPath, [STRATA_BIN, 'run', '--select', ...MODELS, '--threads', '1'], {
    cwd: projectDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, STRATA_DUCKDB_PATH: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  return { output: () => output, kill: () => child.kill('SIGKILL'), done };
}

async function waitFor(run: Child, pattern: RegExp): Promise<boolean> {
  let ended = false;
  void run.done.then(() => (ended = true));
  while (!pattern.test(run.output())) {
    if (ended) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

const pick = (fingerprint: Fingerprint) => TABLES.map((t) => fingerprint[t]);

describe.skipIf(!SALES_READY)('killing the incremental run of a new month', () => {
  let root: string;
  let projectDir: string;
  let before: string;
  let expected: Fingerprint;
  let beforePrint: Fingerprint;

  beforeAll(async () => {
    assertCliBuilt();
    root = mkdtempSync(join(tmpdir(), 'strata-sales-kill-'));
    const rawDir = join(root, 'raw');
    projectDir = join(root, 'project');
    for (const part of PROJECT_PARTS) cpSync(join(REPO, part), join(projectDir, part), { recursive: true });
    await generateData({ outDir: rawDir, scale: 0.05 });
    const month = (await generateData({ outDir: join(root, 'later'), scale: 0.05, onlyMonth: 34 })).files[0];
    before = join(root, 'before.duckdb');
    const env = { STRATA_RAW_URI: rawDir, STRATA_DUCKDB_PATH: before };
    expect((await strata(projectDir, ['ingest'], env)).code).toBe(0);
    expect((await strata(projectDir, ['seed'], env)).code).toBe(0);
    expect((await strata(projectDir, ['run', '--select', ...MODELS], env)).code).toBe(0);
    copyFileSync(month.path, join(rawDir, 'sales_train_month_34.csv'));
    expect((await strata(projectDir, ['ingest'], env)).code).toBe(0);
    beforePrint = await fingerprintDatabase(before);
    // What a completed incremental run leaves.
    const done = join(root, 'done.duckdb');
    copyFileSync(before, done);
    const run = spawnRun(projectDir, done);
    expect(await run.done, run.output()).toBe(0);
    expected = await fingerprintDatabase(done);
    expect(pick(expected).every((print, i) => print !== pick(beforePrint)[i])).toBe(true);
  }, 180_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(`leaves every incremental table old or new at ${KILLS.length} kill points, and the next run completes the month`, async () => {
    const outcomes: string[] = [];
    let interrupted = 0;
    for (const [i, { model, delayMs }] of KILLS.entries()) {
      const db = join(root, `kill-${i}.duckdb`);
      copyFileSync(before, db);
      const run = spawnRun(projectDir, db);
      const started = await waitFor(run, new RegExp(`START sql incremental model \\S+\\.${MODELS[model]}\\b`));
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      run.kill();
      await run.done;

      const after = pick(await fingerprintDatabase(db));
      const states = after.map((print, t) => (print === pick(beforePrint)[t] ? 'old' : print === pick(expected)[t] ? 'new' : `OTHER(${print})`));
      outcomes.push(`${MODELS[model]}+${delayMs}ms: ${states.join(' ')}`);
      expect(states.every((s) => s === 'old' || s === 'new'), outcomes.join('\n')).toBe(true);
      // A model that had started and was left old was interrupted mid-run.
      if (started && states[model] === 'old') interrupted += 1;

      const rerun = spawnRun(projectDir, db);
      expect(await rerun.done, rerun.output()).toBe(0);
      expect(pick(await fingerprintDatabase(db)), outcomes.join('\n')).toEqual(pick(expected));
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
    if (process.env.STRATA_KILL_REPORT) console.log(outcomes.join('\n'));
    // The kills must land inside model runs, not only around them.
    expect(interrupted, outcomes.join('\n')).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
