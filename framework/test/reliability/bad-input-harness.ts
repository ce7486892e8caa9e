/**
 * The bad-input catalog's harness: a built copy of the jaffle fixture, one fresh copy per case,
 * the CLI run in-process, and the checks every case shares — exit code, message with file, line
 * and fix, no stack trace, no relation changed, and for exit 2 the database never opened.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, vi } from 'vitest';
import { copyFixture, strata, type CliRun } from '../helpers.js';
import { fileState, fingerprintDatabase, type Fingerprint } from './fingerprint.js';

export interface CaseProject {
  dir: string;
  write(path: string, content: string | Buffer): void;
  read(path: string): string;
  append(path: string, text: string): void;
  /** Replace text that must be present (a mutation that silently misses would prove nothing). */
  replace(path: string, from: string | RegExp, to: string): void;
}

export interface BadInputCase {
  name: string;
  setup?: (p: CaseProject) => void;
  /** Default: `build`. */
  argv?: string[];
  env?: Record<string, string>;
  code: 0 | 1 | 2;
  /** The message must name this file (project-relative) ... */
  file?: string;
  /** ... at this line (`file:line`); null where the input has no line. */
  line?: number | null;
  message: RegExp;
  /** How to fix it: the hint, or the warehouse's own suggestion (absent for inputs handled cleanly). */
  fix?: RegExp;
  /** Extra checks after the run (the database is at `db`). */
  verify?: (p: CaseProject, run: CliRun) => void | Promise<void>;
  /** The database is not a database in this case: compare its bytes only. */
  bytesOnly?: boolean;
}

export const DB = 'target/jaffle.duckdb';
const STACK = /\n\s+at .+:\d+(:\d+)?\)?$/m;

export interface BaseProject {
  dir: string;
  fingerprint: Fingerprint;
  cleanup(): void;
}

/** Build the jaffle fixture once; every case starts from a copy of the result. */
export async function buildBase(): Promise<BaseProject> {
  const p = copyFixture('jaffle');
  const run = await strata(p.dir, ['build']);
  if (run.code !== 0) throw new Error(`the base build failed:\n${run.output}`);
  return { dir: p.dir, fingerprint: await fingerprintDatabase(join(p.dir, DB)), cleanup: p.cleanup };
}

function copyBase(base: BaseProject): CaseProject & { cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'strata-bad-'));
  cpSync(base.dir, dir, { recursive: true });
  const abs = (path: string) => join(dir, path);
  return {
    dir,
    write: (path, content) => {
      mkdirSync(dirname(abs(path)), { recursive: true });
      writeFileSync(abs(path), content);
    },
    read: (path) => readFileSync(abs(path), 'utf8'),
    append: (path, text) => writeFileSync(abs(path), readFileSync(abs(path), 'utf8') + text),
    replace: (path, from, to) => {
      const text = readFileSync(abs(path), 'utf8');
      const found = typeof from === 'string' ? text.includes(from) : from.test(text);
      if (!found) throw new Error(`case setup: ${String(from)} not found in ${path}`);
      writeFileSync(abs(path), text.replace(from, to));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Run one case and check everything every case must satisfy. */
export async function runCase(base: BaseProject, c: BadInputCase): Promise<void> {
  const p = copyBase(base);
  try {
    c.setup?.(p);
    const db = join(p.dir, DB);
    const before = fileState(db);
    const opens = vi.spyOn(DuckDBInstance, 'create');
    let run: CliRun;
    let opened: number;
    try {
      run = await strata(p.dir, c.argv ?? ['build'], c.env);
    } finally {
      opened = opens.mock.calls.length; // before mockRestore, which clears the calls
      opens.mockRestore();
    }
    const context = `${c.name}\n--- output ---\n${run.output}`;

    expect(run.code, context).toBe(c.code);
    expect(run.output, context).toMatch(c.message);
    if (c.fix) expect(run.output, context).toMatch(c.fix);
    if (c.file) {
      const where = c.line ? `${c.file}:${c.line}` : c.file;
      expect(run.output, `${context}\n--- expected the location ${where}`).toContain(where);
    }
    expect(run.output, context).not.toMatch(STACK);
    expect(run.output, context).not.toMatch(/Internal error/);
    if (c.code === 2) {
      // An invalid project or command line is rejected before the database is even opened.
      expect(opened, `${context}\n--- the database was opened`).toBe(0);
      expect(fileState(db), context).toBe(before);
    }
    // The run went on (and the spy sees real opens, so 0 above means something).
    if (c.code === 0) expect(opened, context).toBeGreaterThan(0);
    await c.verify?.(p, run);
    if (c.bytesOnly) expect(fileState(db), context).toBe(before);
    else if (existsSync(db)) expect(await fingerprintDatabase(db), `${context}\n--- a relation changed`).toEqual(base.fingerprint);
  } finally {
    p.cleanup();
  }
}
