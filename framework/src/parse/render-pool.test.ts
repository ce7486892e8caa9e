import { describe, expect, it } from 'vitest';
import { isPlainData, sharedCounter, takeJob } from './render-pool.js';
import { RelationToken } from './template/placeholders.js';

describe('render pool', () => {
  it('sends back only outcomes a copy between threads keeps as they are', () => {
    expect(isPlainData({ rendered: 'select 1', refs: [{ name: 'a' }], config: { tags: ['x'], meta: { n: 1, ok: true, none: null } } })).toBe(true);
    // A token object would arrive as a plain object, a function not at all, a date as a date but not a string.
    expect(isPlainData({ config: { relation: new RelationToken('__strata_ref_0__', 'a') } })).toBe(false);
    expect(isPlainData({ config: { hook: () => 'x' } })).toBe(false);
    expect(isPlainData({ config: { at: new Date(0) } })).toBe(false);
    expect(isPlainData([1, 'a', [2, { b: 3n }]])).toBe(false);
  });

  it('hands out each job number once, then none', () => {
    const next = sharedCounter();
    const taken = [takeJob(next, 3), takeJob(next, 3), takeJob(next, 3), takeJob(next, 3)];
    expect(taken).toEqual([0, 1, 2, undefined]);
  });
});
