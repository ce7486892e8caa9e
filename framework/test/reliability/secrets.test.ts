/**
 * Secrets from the environment (names like *PASSWORD*, *TOKEN*, *_KEY, *SECRET*, STRATA_SECRET_*)
 * never reach a log line, an artifact, a compiled SQL file or any other file under target/,
 * whatever the command and log format — even when they are used in models, hooks, tests and
 * project.yml, appear in warehouse error messages, or contain characters JSON escapes. A plain
 * env var used the same way does appear, which shows the search would find a leak.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, strata, type CliRun, type TempProject } from '../helpers.js';

const SECRETS: Record<string, string> = {
  STRATA_SECRET_SALT: 's3cr3t-salt-7f9c2e',
  WAREHOUSE_PASSWORD: 'Pa55word!fromENV#42',
  MY_API_TOKEN: 'tok_live_9a8b7c6d5e4f',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  SIGNING_KEY: 'quote"and\\backslash-key',
};
const PLAIN = { REGION_NAME: 'eu-north-plain-region' };
const ENV = { ...SECRETS, ...PLAIN };

/** The ways a secret could be written: as is, JSON-escaped, and as UTF-16 (v8 serialisation of non-Latin-1 strings). */
function encodings(value: string): Array<{ label: string; bytes: Buffer }> {
  const json = JSON.stringify(value).slice(1, -1);
  const out = [{ label: 'utf-8', bytes: Buffer.from(value) }, { label: 'utf-16le', bytes: Buffer.from(value, 'utf16le') }];
  if (json !== value) out.push({ label: 'json-escaped', bytes: Buffer.from(json) }, { label: 'json-escaped utf-16le', bytes: Buffer.from(json, 'utf16le') });
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every place a secret shows up in `bytes`, by name and encoding. */
function findSecrets(bytes: Buffer, where: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(SECRETS)) {
    for (const { label, bytes: needle } of encodings(value)) if (bytes.includes(needle)) found.push(`${name} (${label}) in ${where}`);
  }
  return found;
}

let p: TempProject;
const runs: Array<{ argv: string[]; run: CliRun }> = [];

beforeAll(async () => {
  p = copyFixture('jaffle');
  // project.yml: credentials in the target, and a hook that uses a secret.
  p.write('project.yml', p.read('project.yml')
    .replace('    threads: 2\n', `    threads: 2\n    password: "{{ env_var('WAREHOUSE_PASSWORD') }}"\n    token: "{{ env_var('MY_API_TOKEN') }}"\n    region: "{{ env_var('REGION_NAME') }}"\n`)
    .concat(`on-run-start:\n  - "select '{{ env_var('STRATA_SECRET_SALT') }}' as salt"\n`));
  p.write('models/marts/hashed_customers.sql', [
    "{{ config(materialized='table') }}",
    `{{ log("salt is " ~ env_var('STRATA_SECRET_SALT')) }}`,
    "select md5('{{ env_var('STRATA_SECRET_SALT') }}' || customer_id::varchar) as hashed_id,",
    "  md5('{{ env_var('SIGNING_KEY') | replace(\"'\", \"''\") }}') as signature,",
    "  '{{ env_var('REGION_NAME') }}' as region",
    "from {{ ref('customers') }}",
    '',
  ].join('\n'));
  // A warehouse error whose message quotes the secret.
  p.write('models/marts/token_as_number.sql', "{{ config(materialized='table') }}\nselect cast('{{ env_var('MY_API_TOKEN') }}' as integer) as n\n");
  p.write('tests/no_key_rows.sql', "select * from {{ ref('customers') }} where '{{ env_var('AWS_SECRET_ACCESS_KEY') }}' = city\n");

  const commands = [
    ['build'], ['build', '--debug'], ['compile'], ['parse'], ['debug'], ['docs', 'generate'], ['ls', '--output', 'json'],
    ['show', '--inline', "select '{{ env_var('MY_API_TOKEN') }}' as token, '{{ env_var('SIGNING_KEY') }}' as k"],
    ['run', '-s', 'token_as_number'],
  ];
  for (const format of ['text', 'json']) {
    for (const argv of commands) {
      const full = [...argv, '--log-format', format];
      runs.push({ argv: full, run: await strata(p.dir, full, ENV) });
    }
  }
}, 120_000);
afterAll(() => p?.cleanup());

describe('secrets from the environment', () => {
  it('the commands ran and did what they do (so the output is worth searching)', () => {
    const byCommand = (argv: string) => runs.filter((r) => r.argv.join(' ').startsWith(argv)).map((r) => r.run);
    for (const build of byCommand('build')) {
      expect(build.code, build.output).toBe(1); // token_as_number fails, the rest builds
      expect(build.output).toMatch(/OK created sql table model main_marts\.hashed_customers/);
      expect(build.output).toMatch(/Could not convert string '\*\*\*\*' to INT32/);
    }
    for (const run of [...byCommand('compile'), ...byCommand('parse'), ...byCommand('docs'), ...byCommand('ls'), ...byCommand('show'), ...byCommand('debug')]) {
      expect(run.code, run.output).toBe(0);
    }
    expect(byCommand('debug')[0].output).toMatch(/password: \*\*\*\*/);
    expect(byCommand('show')[0].output).toMatch(/\| \*\*\*\* +\| \*\*\*\*/);
  });

  it('never appear in stdout or stderr, in text or JSON logs', () => {
    const leaks = runs.flatMap(({ argv, run }) => findSecrets(Buffer.from(run.output), `the output of strata ${argv.join(' ')}`));
    expect(leaks).toEqual([]);
  });

  it('never appear in any file under target/ (artifacts, compiled SQL, docs data, caches, the database)', () => {
    const files = filesUnder(join(p.dir, 'target'));
    const relative = files.map((f) => f.slice(p.dir.length + 1));
    expect(relative).toEqual(expect.arrayContaining(['target/manifest.json', 'target/run_results.json', 'target/catalog.json', 'target/compiled/jaffle/models/marts/hashed_customers.sql', 'target/compiled/jaffle/tests/no_key_rows.sql']));
    const leaks = files.flatMap((file) => findSecrets(readFileSync(file), file.slice(p.dir.length + 1)));
    expect(leaks).toEqual([]);
  });

  it('never appear in the strings of the JSON artifacts once decoded', () => {
    const leaks: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (typeof value === 'string') {
        for (const [name, secret] of Object.entries(SECRETS)) if (value.includes(secret)) leaks.push(`${name} in ${where}`);
      } else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) walk(inner, `${where}.${key}`);
      }
    };
    for (const file of filesUnder(join(p.dir, 'target')).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(file, 'utf8')), file.slice(p.dir.length + 1));
    expect(leaks).toEqual([]);
  });

  it('a plain env var used the same way does show up (the search finds what is there)', () => {
    const compiled = readFileSync(join(p.dir, 'target/compiled/jaffle/models/marts/hashed_customers.sql'), 'utf8');
    expect(compiled).toContain(PLAIN.REGION_NAME);
    expect(compiled).toContain("md5('****' || customer_id::varchar)");
    expect(runs.find((r) => r.argv[0] === 'debug')!.run.output).toContain(`region: ${PLAIN.REGION_NAME}`);
  });
});
