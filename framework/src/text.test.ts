import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { flatString, joinedWith, jsonString } from './text.js';

/** v8 stores a one-byte string in its length plus a header, a two-byte one in twice that (3+ characters). */
const oneByte = (text: string) => serialize(text).length < serialize('').length + 2 * text.length;

describe('joinedWith', () => {
  it('joins as Array.prototype.join does', () => {
    for (const parts of [[], ['a'], ['a', 'b', 'c'], ['', ''], ['ü', '✓', 'x']]) expect(joinedWith(parts, '__')).toBe(parts.join('__'));
  });

  it('keeps ASCII parts that have been property keys one-byte', () => {
    const parts = ['model', 'orders', 'id'].map((p) => p.split('').join(''));
    const keys: Record<string, number> = { model: 1, orders: 2, id: 3 };
    for (const part of parts) expect(keys[part]).toBeGreaterThan(0);
    const joined = joinedWith(parts, '.');
    expect(joined).toBe('model.orders.id');
    expect(oneByte(joined)).toBe(true);
  });
});

describe('jsonString', () => {
  it('writes every text as JSON.stringify does', () => {
    const texts = [
      '', 'model.shop.orders', 'test.shop.unique_orders_id.3f9ae7b9bd', 'a"b', 'a\\b', 'line\nbreak', 'tab\t', '\u0000', '\u001f', '\u007f',
      'ünïcödé', '✓', '\u2028\u2029', '😀', '\ud83d', '\ude00', 'x\ud83dy', '/slash/', "'quote'",
    ];
    for (const text of texts) expect(jsonString(text), JSON.stringify(text)).toBe(JSON.stringify(text));
    for (let code = 0; code < 0x10000; code++) {
      const text = `id${String.fromCharCode(code)}`;
      if (jsonString(text) !== JSON.stringify(text)) expect(jsonString(text), `U+${code.toString(16)}`).toBe(JSON.stringify(text));
    }
  });
});

describe('flatString', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const idOf = (i: number) => `test.bench.${'unique'}_${`m_${i}`}_${'id'}.${(i * 2654435761).toString(16).slice(0, 10)}`;
  const retained = (make: (i: number) => string) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 20_000 }, (_, i) => make(i));
    gc();
    const bytes = process.memoryUsage().heapUsed - before;
    expect(kept).toHaveLength(20_000);
    return bytes;
  };

  it('is the same string, one-byte when its pieces are', () => {
    for (const i of [0, 7, 12345]) expect(flatString(idOf(i))).toBe(idOf(i));
    expect(flatString('')).toBe('');
    expect(oneByte(flatString(idOf(3)))).toBe(true);
    expect(flatString(`ü${'x'}✓`)).toBe('üx✓');
  });

  it('keeps an id built from pieces in less than half the heap of the pieces', () => {
    const pieces = retained(idOf);
    const flat = retained((i) => flatString(idOf(i)));
    expect(flat).toBeLessThan(pieces / 2);
  });
});
