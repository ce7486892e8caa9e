import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { openParseCache } from './parse-cache.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('parse cache file', () => {
  it('keeps the entries a run used, under the same global key', () => {
    dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
    const first = openParseCache(dir, 'g', {});
    first.set('a', { rendered: 'select 1', refs: [] });
    first.set('b', ['x']);
    first.save();
    const second = openParseCache(dir, 'g', {});
    expect(second.has('a')).toBe(true);
    expect(second.get('a')).toEqual({ rendered: 'select 1', refs: [] });
    expect(second.hits).toBe(1);
    second.save(); // 'b' was not used: dropped
    const third = openParseCache(dir, 'g', {});
    expect(third.get('b')).toBeUndefined();
    expect(third.get('a')).toEqual({ rendered: 'select 1', refs: [] });
    expect(openParseCache(dir, 'other', {}).get('a')).toBeUndefined();
  });

  it('ignores a file in the earlier format (entries in an object)', () => {
    dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
    writeFileSync(join(dir, 'parse-cache.bin'), serialize({ version: 1, globalKey: 'g', env: {}, entries: { a: 'old' } }));
    const cache = openParseCache(dir, 'g', {});
    expect(cache.has('a')).toBe(false);
    expect(cache.get('a')).toBeUndefined();
  });
});
