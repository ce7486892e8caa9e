import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestNode } from '../manifest/types.js';
import { collectSecrets } from '../log/redact.js';
import { compiledDir, compiledPath, createBackgroundFileWriter, createCompiledFileWriter, patchCompiledFiles } from './compiled-files.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'strata-compiled-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const node = (name: string, folder = 'staging'): ManifestNode =>
  ({ uniqueId: `model.p.${name}`, resourceType: 'model', name, packageName: 'p', originalFilePath: `models/${folder}/${name}.sql` }) as ManifestNode;

describe('patchCompiledFiles', () => {
  it('leaves the files and the index a writer would leave', () => {
    const secrets = collectSecrets({});
    const nodes = [node('a'), node('b', 'marts'), node('c"q'), node('d')];
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const first = createCompiledFileWriter(a, secrets);
    nodes.forEach((n, i) => first.add(n, `select ${i}`));
    first.flush();
    cpSync(a, b, { recursive: true });
    // b: a writer given everything again, two changed; a: only the changed ones, patched.
    const writer = createCompiledFileWriter(b, secrets);
    nodes.forEach((n, i) => writer.add(n, i === 1 || i === 2 ? `select ${i} -- changed ✓` : `select ${i}`));
    writer.flush();
    expect(patchCompiledFiles(a, [{ node: nodes[1], sql: 'select 1 -- changed ✓' }, { node: nodes[2], sql: 'select 2 -- changed ✓' }], secrets)).toBe(true);
    expect(readFileSync(join(a, 'compiled', '.index.json'), 'utf8')).toBe(readFileSync(join(b, 'compiled', '.index.json'), 'utf8'));
    for (const n of nodes) expect(readFileSync(compiledPath(a, n), 'utf8')).toBe(readFileSync(compiledPath(b, n), 'utf8'));
    // A node the index does not know: nothing is done, the caller uses a writer.
    expect(patchCompiledFiles(a, [{ node: node('new'), sql: 'select 9' }], secrets)).toBe(false);
  });
});

describe('createBackgroundFileWriter', () => {
  const nodes = Array.from({ length: 5000 }, (_, i) => node(`m${i}`, `f${i % 7}`));

  it('writes in a worker thread the files and the index the in-thread writer writes', async () => {
    const secrets = collectSecrets({ STRATA_TEST_PASSWORD: 'hunter2-secret' });
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const inThread = createCompiledFileWriter(a, secrets);
    const worker = createBackgroundFileWriter(b, secrets);
    nodes.forEach((n, i) => {
      const sql = `select ${i} as n, 'hunter2-secret' as s -- ✓`;
      inThread.add(n, sql);
      worker.add(n, sql);
    });
    expect(inThread.flush()).toBe(nodes.length);
    const finished = await worker.finish();
    expect(finished.written).toBe(nodes.length);
    // The folders of every file it was given: each node's compiled folder, once.
    expect(finished.folders.sort()).toEqual([...new Set(nodes.map((n) => compiledDir(b, n)))].sort());
    expect(readFileSync(join(b, 'compiled', '.index.json'), 'utf8')).toBe(readFileSync(join(a, 'compiled', '.index.json'), 'utf8'));
    for (const n of [nodes[0], nodes[2047], nodes[2048], nodes[4999]]) {
      const text = readFileSync(compiledPath(b, n), 'utf8');
      expect(text).toBe(readFileSync(compiledPath(a, n), 'utf8'));
      expect(text).not.toContain('hunter2-secret');
    }
    // Unchanged on a second pass: nothing written, one changed file written.
    const again = createBackgroundFileWriter(b, secrets);
    nodes.forEach((n, i) => again.add(n, i === 3 ? 'select 3 -- changed' : `select ${i} as n, 'hunter2-secret' as s -- ✓`));
    const second = await again.finish();
    expect(second.written).toBe(1);
    expect(second.folders.sort()).toEqual(finished.folders); // kept files' folders too
    expect(readFileSync(compiledPath(b, nodes[3]), 'utf8')).toBe('select 3 -- changed');
  });

  it('rejects with the path it could not write, and saves no index', async () => {
    const secrets = collectSecrets({});
    mkdirSync(join(dir, 'compiled', 'p', 'models'), { recursive: true });
    writeFileSync(join(dir, 'compiled', 'p', 'models', 'f3'), 'a file where a folder must go');
    const writer = createBackgroundFileWriter(dir, secrets);
    nodes.forEach((n, i) => writer.add(n, `select ${i}`));
    const err = (await writer.finish().catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toMatch(/^(ENOTDIR|EEXIST)$/);
    expect(err.path).toContain(join('models', 'f3'));
    expect(() => readFileSync(join(dir, 'compiled', '.index.json'))).toThrow();
  });
});

describe('compiledDir', () => {
  it('is the folder of compiledPath for every kind of node, asked once or many times', () => {
    const kinds = [
      node('a'), node('b', 'marts/deep'),
      { uniqueId: 'test.p.t', resourceType: 'test', testType: 'generic', name: 'unique_a_id', packageName: 'p', originalFilePath: 'models/staging/_schema.yml' },
      { uniqueId: 'test.p.u', resourceType: 'test', testType: 'generic', name: '../odd name', packageName: 'p', originalFilePath: 'models/staging/_schema.yaml' },
      { uniqueId: 'test.p.s', resourceType: 'test', testType: 'singular', name: 'check', packageName: 'p', originalFilePath: 'tests/check.sql' },
      { uniqueId: 'snapshot.p.x', resourceType: 'snapshot', name: 'x', packageName: 'p', originalFilePath: 'snapshots/all.sql' },
      { uniqueId: 'seed.q.y', resourceType: 'seed', name: 'y', packageName: 'q', originalFilePath: 'seeds/y.csv' },
    ] as ManifestNode[];
    for (let round = 0; round < 2; round++) {
      for (const n of kinds) expect(compiledDir(dir, n)).toBe(dirname(compiledPath(dir, n)));
      expect(compiledDir(join(dir, 'other'), kinds[0])).toBe(dirname(compiledPath(join(dir, 'other'), kinds[0])));
    }
  });
});

describe('compiledPath', () => {
  it('is path.join of the target, compiled, the package and the file, for plain paths and the others', () => {
    const files = [
      'models/a.sql', 'models/deep/er/b.sql', 'models/./c.sql', 'models/x/../d.sql', 'models//e.sql', './models/f.sql',
      '../outside/g.sql', 'models/dir/', '/abs/h.sql', 'models/.hidden/i.sql', 'models/..j/k.sql', 'models/l..sql', 'models/ü ✓.sql',
    ];
    const targets = [dir, `${dir}/`, `${dir}/x/..`, 'relative/target', '.', '/'];
    for (const target of targets) {
      for (const packageName of ['p', '', '..', 'q/r']) {
        for (const file of files) {
          const model = { uniqueId: 'model.p.m', resourceType: 'model', name: 'm', packageName, originalFilePath: file } as ManifestNode;
          expect(compiledPath(target, model), `${target} ${packageName} ${file}`).toBe(join(target, 'compiled', packageName, file));
        }
      }
    }
  });
});
