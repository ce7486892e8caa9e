import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { emptyList, exactArray } from './arrays.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes that `make` leaves alive (what it returns is held until measured). */
function retainedBy(make: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  expect(kept).toBeTruthy();
  return bytes;
}

describe('exactArray', () => {
  it('gives a copy with the same items, in order', () => {
    for (const items of [[], ['a'], ['model.x.a', 'model.x.b', 'model.x.a'], [1, undefined, { k: 1 }]]) {
      const copy = exactArray(items);
      expect(copy).toEqual(items);
      expect(copy).not.toBe(items);
    }
  });

  it('keeps short lists in a fraction of the heap that lists grown by push or spread keep', () => {
    const n = 20_000;
    const folders = ['staging'];
    const pushed = retainedBy(() => Array.from({ length: n }, (_, i) => {
      const list: string[] = [];
      list.push(`model.p.m_${i}`);
      return list;
    }));
    const spread = retainedBy(() => Array.from({ length: n }, (_, i) => ['p', ...folders, `m_${i}`]));
    const exactPushed = retainedBy(() => Array.from({ length: n }, (_, i) => {
      const list: string[] = [];
      list.push(`model.p.m_${i}`);
      return exactArray(list);
    }));
    const exactSpread = retainedBy(() => Array.from({ length: n }, (_, i) => exactArray(['p', ...folders, `m_${i}`])));
    // A grown list keeps 17+ slots (152+ bytes): 20k of them ~2 MB more than exact ones.
    expect(pushed - exactPushed).toBeGreaterThan(n * 80);
    expect(spread - exactSpread).toBeGreaterThan(n * 80);
  });
});

describe('emptyList', () => {
  it('is one frozen empty list, whatever its item type', () => {
    const ids = emptyList<string>();
    expect(ids).toEqual([]);
    expect(emptyList<number>()).toBe(ids);
    expect(Object.isFrozen(ids)).toBe(true);
    expect(() => ids.push('x')).toThrow(TypeError);
    expect(JSON.stringify({ ids })).toBe('{"ids":[]}');
  });
});
