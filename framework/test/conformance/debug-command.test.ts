/**
 * `strata debug --target <snowflake target>` against the emulator: a good login, a wrong
 * password and an unreachable endpoint, each explained in plain words and never with a secret.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceProject, createProject, useTarget } from './conformance-project.js';
import { duckDbTarget, EMULATED_PASSWORD, emulatedSnowflakeTarget } from './targets.js';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const NO_STACK = /\n\s+at .*\.js:\d+/;

describe('strata debug on a Snowflake target (emulated)', () => {
  const target = emulatedSnowflakeTarget();
  useTarget(target);
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target);
  });
  afterAll(() => p?.cleanup());

  it('shows the configuration without secrets and reports a good connection', async () => {
    const run = await p.cli(['debug', '--target', 'conf']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/target: conf \(type snowflake\)/);
    expect(run.stdout).toMatch(/ {2}account: emulator/);
    expect(run.stdout).toMatch(/ {2}password: \*\*\*\*/);
    expect(run.stdout).toMatch(/ {2}authentication: password/);
    expect(run.stdout).toMatch(/Connection test: OK/);
    expect(run.output).not.toContain(EMULATED_PASSWORD);
  });

  it('explains a wrong password as a rejected login, without printing it', async () => {
    const wrong = 'not-the-Passw0rd';
    const run = await p.cli(['debug', '--target', 'conf'], { CONF_SF_PASSWORD: wrong });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Connection test: FAILED/);
    expect(run.stderr).toMatch(/Snowflake did not accept the login \[390100\]: Snowflake rejected the user name or password\./);
    expect(run.stderr).toMatch(/hint: Check `user` and `password` in the target/);
    expect(run.output).not.toContain(wrong);
    expect(run.output).not.toMatch(NO_STACK);
  });

  it('explains an unreachable endpoint as a network problem', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const run = await p.cli(['debug', '--target', 'conf'], { CONF_SF_ACCESS_URL: url });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Snowflake could not be reached/);
    expect(run.stderr).toContain(`Could not reach ${url}`);
    expect(run.stderr).toMatch(/hint: Check the account identifier/);
    expect(run.output).not.toContain(EMULATED_PASSWORD);
    expect(run.output).not.toMatch(NO_STACK);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('strata debug on a DuckDB target', () => {
  const target = duckDbTarget();
  useTarget(target);

  it('reports a good connection', async () => {
    const p = createProject(target);
    try {
      const run = await p.cli(['debug']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/target: conf \(type duckdb\)/);
      expect(run.stdout).toMatch(/Connection test: OK/);
    } finally {
      p.cleanup();
    }
  });
});
