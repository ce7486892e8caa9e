import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSecrets } from '../log/redact.js';
import type { Manifest } from '../manifest/types.js';
import { ManifestReader, moveRanges, moveRangesEach, packedIndexOf, packIds, piecewiseRedactionIsExact, spliceManifest, storedLayout, writeManifestPieces, type RangeMoves } from './manifest-writer.js';
import { writeManifest } from './write-artifacts.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'strata-manifest-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const artifact = () => ({
  metadata: { schemaVersion: 'v1', generatedAt: '2026-01-01T00:00:00.000Z' },
  nodes: {
    'model.p.a': { uniqueId: 'model.p.a', rawCode: 'select "ü" -- ✓\n', skip: undefined, fn: () => 1 },
    '10': { uniqueId: '10', note: 'an integer-like key sorts first' },
    'model.p.b': { uniqueId: 'model.p.b', rawCode: 'select 2' },
    'model.p.gone': undefined,
  },
  sources: { 's.p.x': { name: 'x' } },
  skipped: undefined,
  parentMap: { 'model.p.a': [] },
  compiled: { 'model.p.a': 'select "ü"', 'model.p.b': 'select 2' },
});

describe('manifest writer', () => {
  it('writes exactly JSON.stringify of the artifact and the byte range of every value', () => {
    const path = join(dir, 'manifest.json');
    const value = artifact();
    const layout = writeManifestPieces(path, value, collectSecrets({}));
    const bytes = readFileSync(path);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(value));
    expect(layout.size).toBe(bytes.length);
    expect(layout.nodeIds).toEqual(['10', 'model.p.a', 'model.p.b']);
    const reader = new ManifestReader(path);
    layout.nodeIds.forEach((id, i) => expect(JSON.parse(reader.read([layout.nodeRanges[2 * i], layout.nodeRanges[2 * i + 1]]))).toEqual(JSON.parse(JSON.stringify(value.nodes[id as keyof typeof value.nodes]))));
    expect(JSON.parse(reader.read(layout.metadata))).toEqual(value.metadata);
    expect(JSON.parse(reader.read(layout.sources))).toEqual(value.sources);
    reader.close();
  });

  it('gives byte ranges, not character ranges, where non-ASCII text is joined with ASCII across many encodings', () => {
    const path = join(dir, 'manifest.json');
    const nodes: Record<string, { uniqueId: string; text: string }> = {};
    // ~2.4 MB of JSON: ~37 stretches of 64k characters, some all ASCII and some not (one node in
    // nine holds Cyrillic, a check mark or a surrogate pair, at varying places).
    const extras = ['', 'Магазин', '✓', '😀', 'x'.repeat(70_000) + 'ё'];
    for (let i = 0; i < 9000; i++) {
      const extra = i % 9 === 0 ? extras[(i / 9) % extras.length] : '';
      nodes[`model.p.m${i}`] = { uniqueId: `model.p.m${i}`, text: `select ${i} ${'a'.repeat(i % 400)}${extra} "q"` };
    }
    const value = { metadata: { name: 'Продажи' }, nodes, sources: { 's.p.é': { name: 'é' } }, compiled: Object.fromEntries(Object.entries(nodes).map(([id, n]) => [id, n.text])) };
    const layout = writeManifestPieces(path, value, collectSecrets({}));
    const bytes = readFileSync(path);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(value));
    expect(layout.size).toBe(bytes.length);
    const reader = new ManifestReader(path);
    layout.nodeIds.forEach((id, i) => expect(reader.read([layout.nodeRanges[2 * i], layout.nodeRanges[2 * i + 1]])).toBe(JSON.stringify(nodes[id])));
    layout.compiledIds.forEach((id, i) => expect(reader.read([layout.compiledRanges[2 * i], layout.compiledRanges[2 * i + 1]])).toBe(JSON.stringify(nodes[id].text)));
    expect(reader.read(layout.metadata)).toBe(JSON.stringify(value.metadata));
    expect(reader.read(layout.sources)).toBe(JSON.stringify(value.sources));
    reader.close();
  });

  it('writes a map of compiled SQL as the object of its entries, with the same layout', () => {
    const asObject = artifact();
    const asMap = { ...artifact(), compiled: new Map(Object.entries(artifact().compiled)) };
    const objectPath = join(dir, 'object.json');
    const mapPath = join(dir, 'map.json');
    const fromObject = writeManifestPieces(objectPath, asObject, collectSecrets({}));
    const fromMap = writeManifestPieces(mapPath, asMap, collectSecrets({}));
    expect(readFileSync(mapPath, 'utf8')).toBe(JSON.stringify(asObject));
    expect(fromMap).toEqual(fromObject);
    expect(fromMap.compiledIds).toEqual(['model.p.a', 'model.p.b']);
  });

  it('writes the same manifest from a map of compiled SQL whether it writes in pieces or redacts the whole text', () => {
    const manifest = { metadata: { schemaVersion: 'x', generatedAt: 't' }, nodes: { 'model.p.a': { uniqueId: 'model.p.a' } }, sources: {}, exposures: {}, macros: {}, docs: {}, parentMap: {}, childMap: {} } as unknown as Manifest;
    const compiled = new Map([['model.p.a', 'select "tok3n99:x"'], ['model.p.b', 'select 2']]);
    const expected = (secret: string) => ({ ...manifest, metadata: { ...manifest.metadata, schemaVersion: expect.any(String) }, compiled: Object.fromEntries([...compiled].map(([k, v]) => [k, v.split(secret).join('****')])) });
    for (const secret of ['tok3n99', 'tok3n99:x']) {
      // 'tok3n99:x' holds a JSON structural character: the whole text is redacted at once.
      const target = join(dir, secret.replace(':', '_'));
      writeManifest(target, manifest, compiled, collectSecrets({ API_TOKEN: secret }));
      expect(piecewiseRedactionIsExact(collectSecrets({ API_TOKEN: secret }))).toBe(secret === 'tok3n99');
      expect(JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8'))).toEqual(expected(secret));
    }
  });

  it('splices new values in and keeps the layout true', () => {
    const path = join(dir, 'manifest.json');
    const value = artifact() as Record<string, any>;
    let layout = writeManifestPieces(path, value, collectSecrets({}));
    const i = layout.nodeIds.indexOf('model.p.a');
    value.nodes['model.p.a'] = { uniqueId: 'model.p.a', rawCode: 'a much longer body with ünïcödé ✓✓✓' };
    value.compiled['model.p.a'] = 'x';
    value.metadata.generatedAt = '2026-02-02T00:00:00.000Z';
    const j = layout.compiledIds.indexOf('model.p.a');
    layout = spliceManifest(path, layout, [
      { range: [layout.nodeRanges[2 * i], layout.nodeRanges[2 * i + 1]], text: JSON.stringify(value.nodes['model.p.a']) },
      { range: layout.metadata, text: JSON.stringify(value.metadata) },
      { range: [layout.compiledRanges[2 * j], layout.compiledRanges[2 * j + 1]], text: JSON.stringify('x') },
    ]);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(value));
    const reader = new ManifestReader(path);
    layout.nodeIds.forEach((id, k) => expect(JSON.parse(reader.read([layout.nodeRanges[2 * k], layout.nodeRanges[2 * k + 1]]))).toEqual(value.nodes[id]));
    layout.compiledIds.forEach((id, k) => expect(JSON.parse(reader.read([layout.compiledRanges[2 * k], layout.compiledRanges[2 * k + 1]]))).toBe(value.compiled[id]));
    expect(JSON.parse(reader.read(layout.sources))).toEqual(value.sources);
    expect(layout.size).toBe(readFileSync(path).length);
    reader.close();
  });

  it('moves ranges in file order in one pass as a scan of every replacement moves them', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      // Values laid out one after another (some empty), separated by a byte or more.
      const count = 1 + Math.floor(random() * 40);
      const ranges = new Float64Array(2 * count);
      let at = Math.floor(random() * 5);
      for (let i = 0; i < count; i++) {
        const length = random() < 0.1 ? 0 : 1 + Math.floor(random() * 20);
        ranges[2 * i] = at;
        ranges[2 * i + 1] = at + length;
        at += length + 1 + Math.floor(random() * 3);
      }
      // Replace some of them (a value range each, in file order), growing or shrinking each.
      const moves: RangeMoves = { starts: [], ends: [], lengths: [], deltas: [] };
      let delta = 0;
      for (let i = 0; i < count; i++) {
        if (random() > 0.2) continue;
        const length = Math.floor(random() * 30);
        delta += length - (ranges[2 * i + 1] - ranges[2 * i]);
        moves.starts.push(ranges[2 * i]);
        moves.ends.push(ranges[2 * i + 1]);
        moves.lengths.push(length);
        moves.deltas.push(delta);
      }
      expect(Array.from(moveRanges(ranges, moves)), `round ${round}`).toEqual(Array.from(moveRangesEach(ranges, moves)));
      // Out of order: the same answer, from the scan.
      const reversed = new Float64Array(ranges.length);
      for (let i = 0; i < count; i++) reversed.set([ranges[2 * (count - 1 - i)], ranges[2 * (count - 1 - i) + 1]], 2 * i);
      expect(Array.from(moveRanges(reversed, moves))).toEqual(Array.from(moveRangesEach(reversed, moves)));
    }
  });

  it('finds each id of a packed list at its index, and only whole ids', () => {
    const ids = ['model.p.a', 'model.p.ab', 'test.p.a', 'b', 'model.p.a.x', '', 'ü.✓'];
    const packed = packIds(ids);
    ids.forEach((id, i) => expect(packedIndexOf(packed, id), id).toBe(i));
    // Pieces of ids, or an id with its neighbour's separator, are not ids.
    for (const missing of ['model.p', 'p.a', 'a', 'model.p.a\0model.p.ab', 'model.p.a.x.y', 'c']) expect(packedIndexOf(packed, missing), missing).toBe(-1);
    expect(packedIndexOf(packIds([]), 'a')).toBe(-1);
    expect(packedIndexOf(packIds(['a', 'a']), 'a')).toBe(0);
  });

  it('splices a stored layout (packed ids) as it splices the written one', () => {
    const path = join(dir, 'manifest.json');
    const value = artifact() as Record<string, any>;
    const written = writeManifestPieces(path, value, collectSecrets({}));
    const stored = storedLayout(written);
    const i = packedIndexOf(stored.nodeIds, 'model.p.b');
    expect(i).toBe(written.nodeIds.indexOf('model.p.b'));
    value.nodes['model.p.b'] = { uniqueId: 'model.p.b', rawCode: 'select 22222' };
    const next = spliceManifest(path, stored, [{ range: [stored.nodeRanges[2 * i], stored.nodeRanges[2 * i + 1]], text: JSON.stringify(value.nodes['model.p.b']) }]);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(value));
    expect(next.nodeIds).toBe(stored.nodeIds);
    const reader = new ManifestReader(path);
    written.nodeIds.forEach((id, k) => expect(JSON.parse(reader.read([next.nodeRanges[2 * k], next.nodeRanges[2 * k + 1]]))).toEqual(JSON.parse(JSON.stringify(value.nodes[id]))));
    reader.close();
  });

  it('redacts piece by piece only when that equals redacting the whole', () => {
    expect(piecewiseRedactionIsExact(collectSecrets({ API_TOKEN: 'abcd1234' }))).toBe(true);
    expect(piecewiseRedactionIsExact(collectSecrets({ API_TOKEN: 'ab":cd' }))).toBe(false);
    const path = join(dir, 'manifest.json');
    const secrets = collectSecrets({ API_TOKEN: 'sekret42' });
    const value = { metadata: { a: 'sekret42' }, nodes: { 'model.p.sekret42': { body: 'x sekret42 y' } } };
    writeManifestPieces(path, value, secrets);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(value).split('sekret42').join('****'));
  });
});
