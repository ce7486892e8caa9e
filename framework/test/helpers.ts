/** Test helpers: copy a fixture project to a temp dir and run the CLI in-process. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCli } from '../src/cli/main.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface TempProject {
  dir: string;
  write(path: string, text: string): void;
  read(path: string): string;
  json<T = unknown>(path: string): T;
  cleanup(): void;
}

export function copyFixture(name: string): TempProject {
  const dir = mkdtempSync(join(tmpdir(), `strata-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true, filter: (src) => !src.includes('/target') });
  return {
    dir,
    write: (path, text) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    json: (path) => JSON.parse(readFileSync(join(dir, path), 'utf8')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export async function strata(dir: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { PATH: process.env.PATH, ...env },
    cwd: dir,
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), output: [...out, ...err].join('\n') };
}

/** Query a DuckDB file directly (read-only), numbers normalised. */
export async function query(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const conn = await instance.connect();
    const reader = await conn.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    conn.closeSync();
    return rows;
  } finally {
    instance.closeSync();
  }
}
