import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestBytes, digestParts, digestText } from './hash.js';

describe('one-shot digests', () => {
  it('give the digest of createHash for text, including non-ASCII', () => {
    for (const text of ['', 'select 1', 'Москва, ТЦ "Семеновский"', 'x'.repeat(100_000)]) {
      expect(digestText('sha256', text, 'hex')).toBe(createHash('sha256').update(text).digest('hex'));
      expect(digestText('sha1', text, 'base64')).toBe(createHash('sha1').update(text).digest('base64'));
    }
  });

  it('hash parts as updating part by part with a NUL after each', () => {
    const parts = ['model', 'models/a.sql', 'select 1\n', ''];
    const h = createHash('sha1');
    for (const p of parts) h.update(p).update('\0');
    expect(digestParts('sha1', parts, 'base64')).toBe(h.digest('base64'));
    expect(digestParts('sha1', ['ab', 'c'], 'base64')).not.toBe(digestParts('sha1', ['a', 'bc'], 'base64'));
  });

  it('give the digest of createHash for bytes, including a trailing NUL', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('select 1\0'), Buffer.from('Москва'), Buffer.alloc(100_000, 7)]) {
      expect(digestBytes('sha1', bytes, 'base64')).toBe(createHash('sha1').update(bytes).digest('base64'));
      expect(digestBytes('sha256', bytes, 'hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
