/**
 * A fixture project in a temp folder, pointed at one conformance target: run the CLI in-process
 * against it and read relations back in a warehouse-neutral shape (lower-case column names,
 * dates as `YYYY-MM-DD`), so the same expectations hold on every target.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Adapter } from '../../src/adapters/adapter.js';
import type { RunResultsArtifact } from '../../src/artifacts/types.js';
import type { Relation } from '../../src/manifest/types.js';
import { type CliRun, strata } from '../helpers.js';
import { installNetworkGuard, type NetworkGuard } from '../snowflake-emulator/index.js';
import { type ConformanceTarget, localTargets, realSnowflakeTarget, RUN_ID } from './targets.js';

export const CONFORMANCE_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixture');

export type Row = Record<string, unknown>;

export interface ConformanceProject {
  dir: string;
  /** The target schema (custom schemas are `<schema>_<custom>`). */
  schema: string;
  /** The environment the project's target reads. */
  env: Record<string, string>;
  write(path: string, text: string): void;
  read(path: string): string;
  /** Run `strata <argv>` in-process in the project folder. */
  cli(argv: string[], env?: Record<string, string>): Promise<CliRun>;
  /** The relation of a node built in the target schema, or `<schema>_<customSchema>`. */
  relation(identifier: string, customSchema?: string): Relation;
  /** Every row of a relation, normalised, ordered by the given columns. */
  rows(identifier: string, customSchema: string | undefined, orderBy: string[]): Promise<Row[]>;
  /** Work with an adapter on the project's warehouse (closed afterwards). */
  withAdapter<T>(work: (adapter: Adapter) => Promise<T>): Promise<T>;
  /** target/run_results.json as `{ <node unique id without the project>: status[, failures|rows] }`. */
  results(): Record<string, string>;
  cleanup(): void;
}

let projectCounter = 0;

/** One value in the shape every target agrees on. */
export function normaliseValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
  return value;
}

export function normaliseRow(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), normaliseValue(v)]));
}

/** Copy `fixtureDir` to a temp folder and point its project file at `target`. */
export function createProject(target: ConformanceTarget, fixtureDir = CONFORMANCE_FIXTURE): ConformanceProject {
  const dir = mkdtempSync(join(tmpdir(), 'strata-conformance-'));
  // A fixture's own target/ folder (build output) is not part of the project.
  cpSync(fixtureDir, dir, { recursive: true, filter: (src) => relative(fixtureDir, src).split(sep)[0] !== 'target' });
  const schema = `strata_conf_${RUN_ID}_${++projectCounter}`.toLowerCase();
  const entry = target.entry(schema);
  const projectFile = join(dir, 'project.yml');
  const project = parse(readFileSync(projectFile, 'utf8')) as Record<string, unknown>;
  project.target = 'conf';
  project.targets = { conf: entry.target };
  writeFileSync(projectFile, stringify(project));

  const withAdapter = async <T>(work: (adapter: Adapter) => Promise<T>): Promise<T> => {
    const adapter = target.adapter(dir, schema);
    try {
      return await work(adapter);
    } finally {
      await adapter.close();
    }
  };
  // Creating an adapter opens nothing; it only resolves the target's database.
  const database = target.adapter(dir, schema).defaultDatabase;
  const relation = (identifier: string, customSchema?: string): Relation => {
    const schemaName = customSchema ? `${schema}_${customSchema}` : schema;
    return database ? { database, schema: schemaName, identifier } : { schema: schemaName, identifier };
  };

  return {
    dir,
    schema,
    env: entry.env,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    cli: (argv, env = {}) => strata(dir, argv, { ...entry.env, ...env }),
    relation,
    rows: (identifier, customSchema, orderBy) =>
      withAdapter(async (adapter) => {
        const { dialect } = adapter;
        const connection = await adapter.connect();
        try {
          const order = orderBy.map((c) => dialect.quoteIdentifier(c)).join(', ');
          const { rows } = await connection.execute(`select * from ${dialect.relationName(relation(identifier, customSchema))} order by ${order}`);
          return rows.map(normaliseRow);
        } finally {
          await connection.close();
        }
      }),
    withAdapter,
    results() {
      const artifact = JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8')) as RunResultsArtifact;
      return Object.fromEntries(
        artifact.results.map((r) => {
          // `test.conformance.unique_x.1f045b32b9` -> `test.unique_x` (the hash is noise here).
          const id = r.uniqueId.replace(/^(\w+)\.\w+\./, '$1.').replace(/\.[0-9a-f]{10}$/, '');
          const detail = r.failures !== undefined && r.status !== 'pass' ? ` ${r.failures}` : r.rowsAffected !== undefined ? ` ${r.rowsAffected}` : '';
          return [id, `${r.status}${detail}`];
        }),
      );
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Per-describe lifecycle for one target: network guard (only the target's hosts), start/stop,
 * and a check that nothing tried to go elsewhere.
 */
export function useTarget(target: ConformanceTarget): void {
  let guard: NetworkGuard | undefined;
  const umask = process.umask();
  beforeAll(async () => {
    guard = installNetworkGuard((host) => target.allowsHost(host));
    await target.start();
  });
  afterAll(async () => {
    await target.stop();
    // The driver's LOCAL_FS upload path (PUT) calls process.umask(0); give the worker its umask back.
    process.umask(umask);
    guard?.restore();
    expect(guard?.blocked ?? []).toEqual([]);
  });
}

/** Map a warehouse type name to what the conformance cases compare: its family. */
export function typeFamily(type: string): string {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|NUMBER\(\d+,0\)|DECIMAL\(\d+,0\))$/.test(t)) return 'integer';
  if (/^(NUMBER|DECIMAL|NUMERIC)\(\d+,[1-9]\d*\)$/.test(t)) return 'decimal';
  if (/^(DOUBLE|FLOAT|REAL|FLOAT8)$/.test(t)) return 'float';
  if (/^(VARCHAR|TEXT|STRING)/.test(t)) return 'text';
  if (t === 'DATE') return 'date';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^TIMESTAMP/.test(t)) return 'timestamp';
  return t;
}

/**
 * Declare the same cases for every target: `describe.each` over DuckDB and the emulated
 * Snowflake, plus the real account when SNOWFLAKE_* credentials are set (skipped otherwise, with
 * the reason in the suite name).
 */
export function describeConformance(body: (target: ConformanceTarget) => void): void {
  describe.each(localTargets().map((target) => [target.label, target] as const))('%s', (_label, target) => {
    useTarget(target);
    body(target);
  });
  const real = realSnowflakeTarget();
  describe.skipIf(real.skipReason !== undefined)(real.label, () => {
    useTarget(real);
    body(real);
  });
}
