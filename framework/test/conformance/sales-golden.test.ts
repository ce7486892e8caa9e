/**
 * Golden SQL of every sales model and snapshot, per dialect: `strata compile` of the repository's sales
 * project for the DuckDB target and for the Snowflake target, compared with
 * framework/test/golden/sales/<dialect>/<model>.sql. Compiling needs no connection and no data,
 * so neither is touched (checked). `UPDATE_GOLDEN=1` rewrites the files (and removes the ones
 * of deleted models).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestArtifact } from '../../src/artifacts/types.js';
import { strata } from '../helpers.js';
import { installNetworkGuard, type NetworkGuard } from '../snowflake-emulator/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const GOLDEN = join(REPO, 'framework/test/golden/sales');
const PROJECT_PARTS = ['project.yml', 'models', 'seeds', 'tests', 'macros', 'snapshots'];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Model names, from the model files (the sales project names models after their files). */
function modelNames(): string[] {
  const dir = join(REPO, 'models');
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.sql'))
    .map((f) => basename(f, '.sql'))
    .sort();
}

const TARGETS = [
  // Fixed settings: the golden SQL must not depend on who runs it.
  { dialect: 'duckdb', target: 'dev', env: { STRATA_DUCKDB_PATH: 'target/golden.duckdb' } },
  {
    dialect: 'snowflake',
    target: 'snowflake',
    env: { SNOWFLAKE_ACCOUNT: 'golden-account', SNOWFLAKE_USER: 'golden', SNOWFLAKE_PASSWORD: 'never-used', SNOWFLAKE_DATABASE: 'ANALYTICS', SNOWFLAKE_SCHEMA: 'ANALYTICS' },
  },
];

/** Snapshot names, from the `{% snapshot name %}` blocks under snapshots/. */
function snapshotNames(): string[] {
  const dir = join(REPO, 'snapshots');
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\{%-?\s*snapshot\s+(\w+)/g)].map((m) => m[1]));
}

/** Every compiled node of the project: models and snapshots. */
const models = [...modelNames(), ...snapshotNames()].sort();

describe.skipIf(models.length === 0)('golden SQL of the sales models', () => {
  describe.each(TARGETS)('$dialect', ({ dialect, target, env }) => {
    let dir: string;
    let guard: NetworkGuard;
    const compiled = new Map<string, string>();

    beforeAll(async () => {
      guard = installNetworkGuard();
      dir = mkdtempSync(join(tmpdir(), `strata-golden-${dialect}-`));
      for (const part of PROJECT_PARTS) if (existsSync(join(REPO, part))) cpSync(join(REPO, part), join(dir, part), { recursive: true });
      const run = await strata(dir, ['compile', '--target', target, '--quiet'], env);
      expect(run.output).toBe('');
      expect(run.code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8')) as ManifestArtifact;
      for (const [id, sql] of Object.entries(manifest.compiled ?? {})) {
        const node = manifest.nodes[id];
        if (node?.resourceType === 'model' || node?.resourceType === 'snapshot') compiled.set(node.name, `${sql.trimEnd()}\n`);
      }
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
      guard?.restore();
      expect(guard?.blocked).toEqual([]);
    });

    it('compiles without a connection and without data', () => {
      expect(existsSync(join(dir, 'target/golden.duckdb'))).toBe(false);
      expect(existsSync(join(dir, 'data'))).toBe(false);
      expect([...compiled.keys()].sort()).toEqual(models);
    });

    it.each(models)('%s', (model) => {
      const file = join(GOLDEN, dialect, `${model}.sql`);
      const sql = compiled.get(model);
      expect(sql, `model ${model} was not compiled`).toBeDefined();
      if (UPDATE || !existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, sql!);
      }
      expect(sql, `${file} differs; run with UPDATE_GOLDEN=1 to accept the new SQL`).toBe(readFileSync(file, 'utf8'));
    });

    it('has no golden files of models that no longer exist', () => {
      const folder = join(GOLDEN, dialect);
      const stale = existsSync(folder) ? readdirSync(folder).filter((f) => !models.includes(basename(f, '.sql'))) : [];
      if (UPDATE) for (const f of stale) rmSync(join(folder, f));
      else expect(stale).toEqual([]);
    });
  });
});
