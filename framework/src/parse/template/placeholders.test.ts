import { describe, expect, it } from 'vitest';
import { REF_TOKEN, resolveTokens, SOURCE_TOKEN, THIS_TOKEN, TOKEN_PATTERN } from './placeholders.js';

/** The regex replace resolveTokens must equal: same matches, same resolver calls in the same order. */
function byRegex(sql: string, calls: string[]): string {
  return sql.replace(TOKEN_PATTERN, (_m, kind: string | undefined, index: string | undefined) => {
    if (!kind) return (calls.push('self'), 'SELF');
    calls.push(`${kind}:${Number(index)}`);
    return kind === 'ref' ? `R${Number(index)}` : `S${Number(index)}`;
  });
}

function byScan(sql: string, calls: string[]): string {
  return resolveTokens(sql, {
    ref: (i) => (calls.push(`ref:${i}`), `R${i}`),
    source: (i) => (calls.push(`src:${i}`), `S${i}`),
    self: () => (calls.push('self'), 'SELF'),
  });
}

const cases = [
  '',
  'select 1',
  `select * from ${REF_TOKEN(0)}`,
  `${REF_TOKEN(0)} join ${SOURCE_TOKEN(1)} on ${THIS_TOKEN}.id = ${REF_TOKEN(12)}.id`,
  `${REF_TOKEN(3)}${REF_TOKEN(4)}${THIS_TOKEN}${THIS_TOKEN}`,
  '__strata_ref___ __strata_ref_x__ __strata_src_1_2__ __strata_this_ __strata_ __strata',
  '___strata_ref_0__ ____strata_this__',
  '__strata_ref_007__ and __strata_src_10___ end',
  '__strata_rex_1__ __strata_ref_1__strata_ref_2__',
  `tail ${REF_TOKEN(5)}`.slice(0, -1),
  '__strata___strata_ref_9__',
  'ünïcode __strata_src_0__ 🎉 __strata_this__ ✓',
];

describe('resolveTokens', () => {
  it('replaces exactly what the token pattern matches, calling the resolver in the same order', () => {
    for (const sql of cases) {
      const regexCalls: string[] = [];
      const scanCalls: string[] = [];
      expect(byScan(sql, scanCalls)).toBe(byRegex(sql, regexCalls));
      expect(scanCalls).toEqual(regexCalls);
    }
  });

  it('agrees with the pattern on random mixes of token fragments', () => {
    const pieces = ['__strata_', 'ref_', 'src_', 'this__', '__', '_', '1', '23', 'x', ' ', '\n', REF_TOKEN(2), SOURCE_TOKEN(0), THIS_TOKEN];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 2000; n++) {
      let sql = '';
      const length = Math.floor(random() * 12);
      for (let k = 0; k < length; k++) sql += pieces[Math.floor(random() * pieces.length)];
      const regexCalls: string[] = [];
      const scanCalls: string[] = [];
      expect(byScan(sql, scanCalls)).toBe(byRegex(sql, regexCalls));
      expect(scanCalls).toEqual(regexCalls);
    }
  });

  it('returns text without tokens unchanged', () => {
    expect(resolveTokens('select 1 from t', { ref: () => 'x', source: () => 'y', self: () => 'z' })).toBe('select 1 from t');
  });
});
