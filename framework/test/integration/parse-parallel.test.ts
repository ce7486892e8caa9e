/**
 * The built CLI renders model templates on two threads (parse/render-pool.ts) when a project has
 * many; the in-process CLI under test runs from the TypeScript sources and renders on one. Both
 * must write the same manifest and compiled SQL, report the same errors, and record the env vars
 * that templates rendered in the worker read.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticProject } from '../../../scripts/bench/synthetic-project.js';
import { strata } from '../helpers.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'strata.js');
const ENV_NAME = 'STRATA_PARALLEL_TEST_VALUE';

/** The built CLI as a separate process (it has the worker's built module). */
function builtCli(dir: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [BIN, ...argv, '--project-dir', dir], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Everything compile writes, with the folder and the time taken out. */
function artifacts(dir: string): Record<string, string> {
  const out: Record<string, string> = {
    manifest: readFileSync(join(dir, 'target', 'manifest.json'), 'utf8').replace(/"generatedAt":"[^"]*"/, '').replaceAll(dir, '<dir>'),
  };
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[path.slice(dir.length)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(dir, 'target', 'compiled'));
  return out;
}

let root: string;
let one: string;
let two: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'strata-parallel-'));
  one = join(root, 'one');
  two = join(root, 'two');
  writeSyntheticProject({ dir: one, models: 1300 });
  // Every model reads an env var, so whichever the worker renders read it there.
  const staging = join(one, 'models');
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.sql')) appendFileSync(path, `-- env: {{ env_var('${ENV_NAME}', 'unset') }}\n`);
    }
  };
  visit(staging);
  cpSync(one, two, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('rendering on two threads', () => {
  it('writes what one thread writes, and records the env vars the worker read', async () => {
    const env = { [ENV_NAME]: 'first' };
    const inProcess = await strata(one, ['compile', '--quiet'], env);
    expect(inProcess.code).toBe(0);
    const built = builtCli(two, ['compile', '--debug'], env);
    expect(built.code).toBe(0);
    const used = /Rendered (\d+) model templates on two threads: (\d+) in a worker, \d+ here; the worker's last render ended \d+ ms (before|after) this thread's schema files and tests/.exec(built.stdout);
    expect(used).not.toBeNull();
    // A quarter is the worker's; the rest the threads share as they go (how depends on the machine's load).
    expect(Number(used![2])).toBeGreaterThanOrEqual(Math.floor(Number(used![1]) / 4));
    expect(artifacts(two)).toEqual(artifacts(one));
    expect(readFileSync(join(two, 'target', 'manifest.json'), 'utf8')).toContain('-- env: first');
    // The project state lists every folder that holds a compiled file (the file-writer thread reported them).
    const state = deserialize(readFileSync(join(two, 'target', 'strata-state.bin'))) as { artifacts: { compiledDirs: Array<[string, number]> } };
    const holding = new Set(['compiled']);
    // artifacts() names files by their path under the project (`/target/compiled/...`); the state, under target/.
    for (const path of Object.keys(artifacts(two))) if (path.endsWith('.sql')) holding.add(dirname(path).replace(/^\/target\//, ''));
    expect(state.artifacts.compiledDirs.map(([dir]) => dir).sort()).toEqual([...holding].sort());

    // The env var read only by templates (half of them in the worker) belongs to the state: a new value re-parses.
    const again = builtCli(two, ['compile', '--debug'], { [ENV_NAME]: 'second' });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Project state: nothing changed');
    const manifest = readFileSync(join(two, 'target', 'manifest.json'), 'utf8');
    expect(manifest).toContain('-- env: second');
    expect(manifest).not.toContain('-- env: first');
  });

  it("keeps the worker's renders in the parse cache: a full parse after a cold one renders only the new model", () => {
    const env = { [ENV_NAME]: 'first' };
    // A copy of its own: the tests below compare `one` and `two` file by file.
    const three = join(root, 'three');
    cpSync(one, three, { recursive: true });
    rmSync(join(three, 'target'), { recursive: true, force: true });
    const cold = builtCli(three, ['compile', '--debug'], env);
    expect(cold.code).toBe(0);
    const used = /Rendered (\d+) model templates on two threads: (\d+) in a worker/.exec(cold.stdout);
    expect(Number(used?.[2])).toBeGreaterThan(0);
    const models = Number(used![1]);
    // A new file: the project state cannot answer, so the parse runs in full, from the cache.
    writeFileSync(join(three, 'models', 'layer_3', 'added_after_cold.sql'), 'select 1 as id\n');
    const full = builtCli(three, ['compile', '--debug'], env);
    expect(full.code).toBe(0);
    const stats = /Parse cache: (\d+) hits, (\d+) misses/.exec(full.stdout);
    expect(stats).not.toBeNull();
    // Every model the cold compile rendered (in the worker or here) is a hit; the new one the only miss.
    expect(Number(stats![1])).toBeGreaterThanOrEqual(models);
    expect(Number(stats![2])).toBe(1);
    expect(full.stdout).not.toContain('on two threads'); // nothing left to render in a worker
  });

  it('reports a template error in a worker-rendered file as one thread does', async () => {
    for (const dir of [one, two]) {
      const folder = join(dir, 'models', 'layer_3');
      const files = readdirSync(folder).filter((f) => f.endsWith('.sql')).sort();
      writeFileSync(join(folder, files[7]), "select {{ ref('m_00001' }} as broken\n");
      writeFileSync(join(folder, files[8]), "{{ config(materialized='table', colour='blue') }}\nselect {{ undefined_macro() }} as broken\n");
    }
    const inProcess = await strata(one, ['compile', '--quiet']);
    const built = builtCli(two, ['compile', '--quiet']);
    expect(inProcess.code).toBe(2);
    expect(built.code).toBe(2);
    const lines = (text: string) => text.split('\n').map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, '')).filter(Boolean);
    expect(lines(built.stderr)).toEqual(lines(inProcess.stderr));
    expect(built.stderr).toMatch(/layer_3\/m_\d+\.sql/);
  });

  it('reports schema test errors as one thread does (the tests are built while the worker renders)', async () => {
    for (const dir of [one, two]) {
      const folder = join(dir, 'models', 'layer_3');
      writeFileSync(join(folder, 'extra_enabled.sql'), 'select 1 as id\n');
      writeFileSync(join(folder, 'extra_disabled.sql'), "{{ config(enabled=false) }}\nselect 1 as id\n");
      writeFileSync(join(folder, '_extra.yml'), [
        'version: 2', 'models:',
        '  - name: extra_enabled', '    columns:', '      - name: id', '        tests: [unique, no_such_test]',
        '  - name: extra_disabled', '    tests: [another_missing_test]',
        '  - name: not_a_model', '    tests: [unique]', '',
      ].join('\n'));
    }
    const inProcess = await strata(one, ['compile', '--quiet']);
    const built = builtCli(two, ['compile', '--quiet']);
    expect(built.code).toBe(2);
    const lines = (text: string) => text.split('\n').map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, '')).filter(Boolean);
    expect(lines(built.stderr)).toEqual(lines(inProcess.stderr));
    // The enabled model's unknown test is an error; the disabled model's is not reported.
    expect(built.stderr).toContain("Generic test 'no_such_test' is not defined");
    expect(built.stderr).not.toContain('another_missing_test');

    // Without the errors (this one and the broken templates above): the same warnings and artifacts.
    for (const dir of [one, two]) {
      const yml = join(dir, 'models', 'layer_3', '_extra.yml');
      writeFileSync(yml, readFileSync(yml, 'utf8').replace(', no_such_test', ''));
    }
    for (const dir of [one, two]) {
      const folder = join(dir, 'models', 'layer_3');
      for (const f of readdirSync(folder).filter((name) => name.endsWith('.sql'))) {
        const path = join(folder, f);
        if (readFileSync(path, 'utf8').includes('broken')) writeFileSync(path, 'select 1 as id\n');
      }
    }
    const fixedInProcess = await strata(one, ['compile', '--quiet']);
    const fixedBuilt = builtCli(two, ['compile', '--quiet']);
    expect(fixedInProcess.code).toBe(0);
    expect(fixedBuilt.code).toBe(0);
    expect(lines(fixedBuilt.stderr + fixedBuilt.stdout)).toEqual(lines(fixedInProcess.stderr + fixedInProcess.stdout));
    expect(fixedBuilt.stderr + fixedBuilt.stdout).toContain("'not_a_model' is documented here but no such file exists");
    expect(artifacts(two)).toEqual(artifacts(one));
    expect(artifacts(two).manifest).toContain('"test.bench.unique_extra_enabled_id.');
  });

  it('renders on one thread when a project macro may log, though the cold compile started a worker', async () => {
    for (const dir of [one, two]) {
      rmSync(join(dir, 'target'), { recursive: true, force: true });
      writeFileSync(join(dir, 'macros', 'shout.sql'), "{% macro shout(x) %}{{ log('shout ' ~ x, info=True) }}{{ x }}{% endmacro %}\n");
      const folder = join(dir, 'models', 'layer_3');
      const files = readdirSync(folder).filter((f) => f.endsWith('.sql')).sort();
      for (const [k, file] of [files[3], files[4]].entries()) appendFileSync(join(folder, file), `-- {{ shout('m${k}') }}\n`);
    }
    const inProcess = await strata(one, ['compile']);
    const built = builtCli(two, ['compile', '--debug']);
    expect(inProcess.code).toBe(0);
    expect(built.code).toBe(0);
    expect(built.stdout).not.toContain('on two threads');
    const shouts = (text: string) => text.split('\n').filter((l) => l.includes('shout m')).map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, ''));
    expect(shouts(built.stdout)).toEqual(shouts(inProcess.stdout));
    expect(shouts(built.stdout)).toEqual(['shout m0', 'shout m1']);
    expect(artifacts(two)).toEqual(artifacts(one));
  });
});
