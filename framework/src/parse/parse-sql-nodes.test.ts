import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbDialect } from '../adapters/duckdb/dialect.js';
import { loadProject } from '../project/load-project.js';
import { parseProject } from './parse-project.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('folder configs of SQL files', () => {
  it('give each model its own copy: a template that changes its tags or meta in place changes only its own', async () => {
    dir = mkdtempSync(join(tmpdir(), 'strata-folder-'));
    writeFileSync(join(dir, 'project.yml'), [
      'name: p', 'target: dev', 'targets:', '  dev:', '    type: duckdb', '    path: target/p.duckdb',
      'models:', '  p:', '    staging:', '      +tags: [staging]', '      +meta: { owner: data }', '      +materialized: table', '',
    ].join('\n'));
    mkdirSync(join(dir, 'models', 'staging'), { recursive: true });
    writeFileSync(join(dir, 'models', 'staging', 'a.sql'), "{% do config.get('tags').append('mine') %}{% do config.get('meta').update({'x': 1}) %}select 1\n");
    writeFileSync(join(dir, 'models', 'staging', 'b.sql'), 'select 2\n');
    writeFileSync(join(dir, 'models', 'staging', 'c.sql'), "select {{ config.get('tags') | length }} as n\n");
    const project = loadProject({ projectDir: dir, env: {} });
    const { manifest } = await parseProject({ project, crossDb: createDuckDbDialect().macros, env: {}, invocationId: 'x' });
    const node = (name: string) => manifest.nodes[`model.p.${name}`];
    expect(node('a').config.tags).toEqual(['staging', 'mine']);
    expect(node('a').config.meta).toEqual({ owner: 'data', x: 1 });
    for (const name of ['b', 'c']) {
      expect(node(name).config.tags, name).toEqual(['staging']);
      expect(node(name).config.meta, name).toEqual({ owner: 'data' });
      expect(node(name).config.materialized, name).toBe('table');
    }
    expect(node('c').renderedCode).toBe('select 1 as n\n');
  });
});
