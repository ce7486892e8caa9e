/**
 * One writer per DuckDB file: a second command against a database another process is building
 * (or ingesting into) fails fast with "locked by another process", and the first one finishes
 * with exit 0 and the same contents as an undisturbed clean build.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, strata } from '../helpers.js';
import { fingerprintDatabase } from './fingerprint.js';
import { assertCliBuilt, createKillProject, spawnBuild, spawnStrata, waitForOutput, type KillProject, type RunningBuild } from './kill-project.js';

const STACK = /\n\s+at .*[jt]s:\d+/;

/** Run `argv` in-process while `first` is still running; returns the run and how long it took. */
async function secondCommand(project: KillProject, first: RunningBuild, argv: string[]) {
  expect(first.child.exitCode, 'the first command ended too early for this check').toBeNull();
  const t0 = performance.now();
  const run = await strata(project.dir, argv, { STRATA_DUCKDB_PATH: project.dbPath });
  const ms = performance.now() - t0;
  return { run, ms, firstStillRunning: first.child.exitCode === null && first.child.signalCode === null };
}

function expectLocked(result: Awaited<ReturnType<typeof secondCommand>>, dbPath: string) {
  const { run, ms, firstStillRunning } = result;
  expect(run.code, run.output).toBe(1);
  expect(run.output).toContain(`The DuckDB database ${dbPath} is locked by another process.`);
  expect(run.output).toMatch(/hint: Another strata command is using this database; wait for it to finish/);
  expect(run.output).not.toMatch(STACK);
  // Fails fast: well before the first command ends, not after waiting for the lock.
  expect(firstStillRunning).toBe(true);
  expect(ms).toBeLessThan(5_000);
}

describe('two commands on one DuckDB file', () => {
  let project: KillProject;
  beforeAll(() => {
    assertCliBuilt();
    project = createKillProject({ seedRows: 20_000, rangeRows: 2_000_000 });
  });
  afterAll(() => project?.cleanup());

  it('a second build fails fast and the first completes with the contents of an undisturbed build', async () => {
    const reference = join(project.dir, 'target/reference.duckdb');
    const clean = await spawnBuild(project, 1, reference).done;
    expect(clean.code, clean.stderr).toBe(0);
    const expected = await fingerprintDatabase(reference);

    const first = spawnBuild(project, 1);
    try {
      await waitForOutput(first, / START /); // the first build holds the database from here
      expectLocked(await secondCommand(project, first, ['build', '--vars', '{kill_version: 1}']), project.dbPath);
      expectLocked(await secondCommand(project, first, ['show', '--inline', 'select 1 as x']), project.dbPath);
      // Commands that never open the database still work meanwhile.
      const parse = await secondCommand(project, first, ['parse']);
      expect(parse.run.code, parse.run.output).toBe(0);
    } finally {
      const outcome = await first.done;
      expect(outcome.code, `${outcome.stdout}\n${outcome.stderr}`).toBe(0);
    }
    expect(await fingerprintDatabase(project.dbPath)).toEqual(expected);
  }, 90_000);

  it('a second ingest (or a build) fails fast while an ingest runs, and the ingest completes', async () => {
    const rows = 1_500_000;
    mkdirSync(join(project.dir, 'data/raw'), { recursive: true });
    for (const name of ['first', 'second']) {
      const lines = ['id,label,amount'];
      for (let i = 0; i < rows; i++) lines.push(`${i},${name}_${i % 977},${(i % 1000) / 4}`);
      writeFileSync(join(project.dir, `data/raw/${name}.csv`), `${lines.join('\n')}\n`);
    }
    const config = join(project.dir, 'project.yml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}ingest:\n  schema: raw_files\n  source: data/raw\n  files:\n${['first', 'second']
      .map((n) => `    - { file: ${n}.csv, table: ${n}, columns: { id: integer, label: varchar, amount: double } }\n`)
      .join('')}`);

    const ingest = spawnStrata(project, ['ingest']);
    try {
      await waitForOutput(ingest, /START load/);
      expectLocked(await secondCommand(project, ingest, ['ingest']), project.dbPath);
      expectLocked(await secondCommand(project, ingest, ['build', '-s', 'raw_orders']), project.dbPath);
    } finally {
      const outcome = await ingest.done;
      expect(outcome.code, `${outcome.stdout}\n${outcome.stderr}`).toBe(0);
      expect(outcome.stdout).toMatch(/Ingest done: 2 loaded, 0 unchanged/);
    }
    const loaded = await query(project.dbPath, 'select (select count(*) from raw_files.first) as a, (select count(*) from raw_files.second) as b, (select sum(amount) from raw_files.second) as s');
    expect(loaded).toEqual([{ a: rows, b: rows, s: (rows / 1000) * (999 * 1000) / 2 / 4 }]);
  }, 90_000);
});
