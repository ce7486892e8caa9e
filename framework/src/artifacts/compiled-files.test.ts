import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestNode } from '../manifest/types.js';
import { collectSecrets } from '../log/redact.js';
import { compiledPath, createCompiledFileWriter, patchCompiledFiles } from './compiled-files.js';

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
