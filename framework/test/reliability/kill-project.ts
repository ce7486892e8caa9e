/**
 * A project whose build takes a second or two, in two versions, for the kill and concurrency
 * tests: the jaffle fixture plus a generated seed and heavier table, incremental and view models
 * over `range()`. The var `kill_version` (1 or 2) changes every model's content; the generated
 * seed is rewritten for each version too. Builds run the real CLI as a child process.
 *
 * No vitest imports and no import.meta-relative fixture paths: kill-bench.ts bundles this file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

export type Version = 1 | 2;

export interface KillProjectSize {
  /** Rows of the generated seed `big_events`. */
  seedRows: number;
  /** Rows of the `range()`-based table `numbers`. */
  rangeRows: number;
}

export interface KillProject {
  dir: string;
  /** The database the tests kill builds on. */
  dbPath: string;
  size: KillProjectSize;
  /** Rewrite the files that differ between versions (every seed). */
  writeVersion(version: Version): void;
  cleanup(): void;
}

export interface BuildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunningBuild {
  child: ChildProcess;
  /** Everything printed so far (live). */
  output(): string;
  done: Promise<BuildOutcome>;
}

/** The repository root: the nearest folder above `from` that holds framework/bin/strata.js. */
export function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'framework/bin/strata.js'))) return dir;
    if (dirname(dir) === dir) return resolve(process.cwd());
  }
}

const ROOT = findRepoRoot();
/** The CLI under test; STRATA_CLI points the bench at another build (e.g. a deliberately broken one). */
export const STRATA_BIN = process.env.STRATA_CLI ?? join(ROOT, 'framework/bin/strata.js');
const JAFFLE = join(ROOT, 'framework/test/fixtures/jaffle');

/** Fail early and clearly when the CLI has not been compiled (the child runs dist/). */
export function assertCliBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/framework/src/cli/main.js'))) {
    throw new Error('The strata CLI is not built: run `npx tsc -p tsconfig.json` (npm test does it) before the reliability tests.');
  }
}

function seedCsv(rows: number, version: Version): string {
  const kinds = ['click', 'view', 'buy'];
  const lines = ['event_id,customer_id,amount,kind'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${i},${(i * 31 + version) % 97},${(((i * 7919 + version * 13) % 10000) / 100).toFixed(2)},${kinds[(i + version) % 3]}`);
  }
  return lines.join('\n') + '\n';
}

const MODELS: Record<string, string> = {
  'models/heavy/numbers.sql': `select i as id,
    hash(i * {{ var('kill_version') }}) % 1000 as bucket,
    md5(cast(i + {{ var('kill_version') }} as varchar)) as digest
from range(0, {{ var('kill_rows') }}) t(i)
`,
  'models/heavy/numbers_agg.sql': `select bucket, count(*) as n, min(digest) as first_digest, max(digest) as last_digest
from {{ ref('numbers') }}
group by bucket
`,
  'models/heavy/events_by_kind.sql': `select kind, customer_id, sum(amount) as total, count(*) as n, {{ var('kill_version') }} as v
from {{ ref('big_events') }}
group by all
`,
  'models/heavy/events_joined.sql': `select e.event_id, e.customer_id, e.amount, n.digest
from {{ ref('big_events') }} e
join {{ ref('numbers') }} n on n.id = e.event_id
`,
  'models/heavy/numbers_inc.sql': `{{ config(materialized='incremental', unique_key='id') }}
select id, digest, bucket from {{ ref('numbers') }}
where id % 3 = 0
`,
  'models/heavy/numbers_view.sql': `{{ config(materialized='view') }}
select bucket, n, {{ var('kill_version') }} as v from {{ ref('numbers_agg') }}
`,
  'models/heavy/schema.yml': `version: 2
models:
  - name: numbers
    columns:
      - name: id
        tests: [unique, not_null]
  - name: events_joined
    columns:
      - name: digest
        tests: [not_null]
  - name: numbers_inc
    columns:
      - name: id
        tests: [unique]
`,
};

/** Wrap a jaffle model so its content depends on the version too. */
function versioned(sql: string): string {
  const setLines = sql.split('\n').filter((l) => l.startsWith('{% set'));
  const body = sql.split('\n').filter((l) => !l.startsWith('{% set')).join('\n');
  return `${setLines.join('\n')}\nselect *, {{ var('kill_version') }} as build_version from (\n${body}\n) versioned\n`;
}

/** The jaffle seeds with a `file_version` column (one record per line in these files). */
function withFileVersion(csv: string, version: Version): string {
  const [header, ...rows] = csv.trimEnd().split('\n');
  return [`${header},file_version`, ...rows.map((row) => `${row},${version}`)].join('\n') + '\n';
}

export function createKillProject(size: KillProjectSize): KillProject {
  const dir = mkdtempSync(join(tmpdir(), 'strata-kill-'));
  cpSync(JAFFLE, dir, { recursive: true, filter: (src) => !src.startsWith(join(JAFFLE, 'target')) });
  const config = parseYaml(readFileSync(join(dir, 'project.yml'), 'utf8')) as Record<string, any>;
  config.vars = { ...config.vars, kill_version: 1, kill_rows: size.rangeRows };
  config.models.jaffle.heavy = { '+materialized': 'table', '+schema': 'heavy' };
  writeFileSync(join(dir, 'project.yml'), stringifyYaml(config));
  for (const [path, text] of Object.entries(MODELS)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const jaffleSeeds = ['raw_customers.csv', 'raw_orders.csv', 'raw_payments.csv'].map((name) => [name, readFileSync(join(dir, 'seeds', name), 'utf8')] as const);
  for (const mart of ['models/marts/orders.sql', 'models/marts/customers.sql', 'models/staging/stg_customers.sql', 'models/staging/stg_orders.sql']) {
    writeFileSync(join(dir, mart), versioned(readFileSync(join(dir, mart), 'utf8')));
  }
  return {
    dir,
    dbPath: join(dir, 'target/kill.duckdb'),
    size,
    writeVersion: (version) => {
      writeFileSync(join(dir, 'seeds/big_events.csv'), seedCsv(size.seedRows, version));
      for (const [name, text] of jaffleSeeds) writeFileSync(join(dir, 'seeds', name), withFileVersion(text, version));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Start `strata <command>` as a child process on `dbPath` (with `env` added to its environment). */
export function spawnStrata(project: Pick<KillProject, 'dir' | 'dbPath'>, args: string[], dbPath = project.dbPath, env: Record<string, string> = {}): RunningBuild {
  const started = performance.now();
  const child = spawn(process.execPath, [STRATA_BIN, ...args, '--project-dir', project.dir], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, STRATA_DUCKDB_PATH: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<BuildOutcome>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr, ms: performance.now() - started }));
  });
  return { child, output: () => stdout + stderr, done };
}

/** `strata build` of one version (the seed file is written first). */
export function spawnBuild(project: KillProject, version: Version, dbPath = project.dbPath): RunningBuild {
  project.writeVersion(version);
  return spawnStrata(project, ['build', '--vars', `{kill_version: ${version}}`], dbPath);
}

/** Resolve once `pattern` appears in the build's output (or reject when the build ends first). */
export async function waitForOutput(build: RunningBuild, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let ended = false;
  void build.done.then(() => (ended = true));
  while (!pattern.test(build.output())) {
    if (ended) throw new Error(`The build ended before printing ${pattern}:\n${build.output()}`);
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${pattern}:\n${build.output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
