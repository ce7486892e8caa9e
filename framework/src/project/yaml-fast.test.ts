/**
 * The fast YAML reader against the `yaml` package: where it reads a file, the value and the line
 * of every key and item must be the package's; where it cannot, it must decline.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { filesUnder, syntheticProjectFiles } from '../../test/files-under.js';
import { parseFastYaml } from './yaml-fast.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The yaml package's reading, as yaml-file.ts did before the fast reader. */
function slow(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  let value: unknown;
  let ok = doc.errors.length === 0;
  try {
    value = ok ? doc.toJS() : undefined;
  } catch {
    ok = false; // an alias without its anchor
  }
  return {
    ok,
    value,
    lineOf(path: (string | number)[]) {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const pair = path.length ? (doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: [number] } }> } | undefined) : undefined;
      const keyNode = pair?.items?.find((item) => item.key?.value === path[path.length - 1])?.key;
      const offset = keyNode?.range?.[0] ?? node?.range?.[0];
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** Every path into a value (keys of mappings, indexes of lists), plus a few that lead nowhere. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  out.push([...prefix, 'missing'], [...prefix, 99]);
  return out;
}

/** Compare both readers on `text`; returns whether the fast one read it. */
function compare(text: string, label: string): boolean {
  const fast = parseFastYaml(text);
  const reference = slow(text);
  if (!fast) return false;
  expect(reference.ok, `${label}: the fast reader read a file the yaml package rejects`).toBe(true);
  expect(fast.value, label).toEqual(reference.value);
  expect(JSON.stringify(fast.value), label).toBe(JSON.stringify(reference.value));
  for (const p of paths(reference.value)) expect(fast.lineOf(p), `${label} ${JSON.stringify(p)}`).toBe(reference.lineOf(p));
  return true;
}

const isYaml = (name: string) => /\.ya?ml$/.test(name);
const yamlFilesUnder = (dir: string) => filesUnder(dir, isYaml);

const CASES = [
  '',
  '# only a comment\n',
  'version: 2\n',
  'a: 1\nb: 2.50\nc: 0o17\nd: 0x1F\ne: 1e3\nf: .inf\ng: .NaN\nh: ~\ni: null\nj: True\nk: FALSE\nl: 017\nm: +5\nn: 1.\no: .5\np: 12345678901234567890\nq: 1_000\nr: yes\n',
  "a: 'it''s'\nb: \"double 'q'\"\nc: ''\nd: plain with spaces   \ne: a#b\nf: x # comment\ng: 'q' # c\nh: http://example.com/x?y=1\n",
  'list: [a, b, 1, true, null, \'q, r\']\nempty: []\nmap: { severity: warn, n: 3 }\nemptymap: {}\ntight: {a: 1}\n',
  'models:\n- name: a\n  description: x\n- name: b\n',
  'models:\n  - name: a\n    columns:\n      - name: id\n        tests: [unique, not_null]\n      - name: n\n        tests:\n          - accepted_values:\n              values: [\'x\', \'y\']\n              config: { severity: warn }\n',
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
  'a:\n\n  # comment\n  b: 1   # trailing\n\n',
  'a:\n- 1\n- two\n- [3]\nb: x\n',
  '+materialized: table\nkey-with-dash: 1\nkey.dot: 2\n',
  'a: >\n  folded\n  text\n\n  next paragraph\n\n\n  after two\nb: 1\n',
  'a: >-\n  stripped\n  text\nb: |\n  literal\n    indented\n\n  end\nc: |-\n  x\n',
  'a: >\n  normal\n    more indented\n    again\n  back\n\n    more after blank\n  end\n',
  'models:\n  - name: a\n    description: >\n      One {{ doc(\'x\') }} line: with "quotes"\n      # not a comment\n      - not a list\n    columns:\n      - name: id\n        description: >\n          deep\n\n',
  'a: > # a comment\n  text\n',
  'a: >\n  at the end',
  'a: >\n  text\n\n\n# trailing comment\nb: 2\n',
  'a: Null\nb: nULL\nc: no\nd: NaN\ne: inf\nf: _x\ng: Zebra\nh: tRUE\ni: False\nj: fa\nk: tx\nl: n\nm: [Null, nan, _1, t, off]\nn: { k: N, v: Yes }\n',
  'wide:\n' + Array.from({ length: 40 }, (_, i) => `  k${i}: v${i}\n`).join('') + 'after: [1]\n',
  'a: 1 #c\nlist:\n  - x # y\n  - "q" # z\n  - [1, 2] # w\nb: a:b\nc: a #b\n',
  'k: v   \n  \nm:   \n  - a   \n  -   n: 1\n      o: 2   \n',
  'a:\n  - b: 1\n    c: 2\n  -   d: 3\n      e: 4\nz: end',
  'models:\n  - name: магазины\n    description: Магазины и их города # комментарий\n    tests: [unique]\n',
  // declined: the yaml package reads these (or rejects them)
  'a: |+\n  keep\n\n',
  'a: >2\n   indicator\n',
  'a: >\n\n  leading blank\n',
  'a: >\n  x\n   \n  y\n',
  'a: >\n    deeper first\n  then less\n',
  'a: >\nb: 1\n',
  'a: multi\n  line\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '"quoted key": 1\n',
  'a: "esc\\n"\n',
  'a: [[1]]\n',
  'a: [1,]\n',
  'a: 1\na: 2\n',
  'wide:\n' + Array.from({ length: 40 }, (_, i) => `  k${i}: v${i}\n`).join('') + '  k7: again\n',
  '---\na: 1\n',
  'a:\tb\n',
  'a: b: c\n',
  'a: b:\n',
  '1: x\n',
  'true: x\n',
  '- a\n- b\n',
  'a: -1\n',
  'a:\r\n  b: 1\r\n',
  '__proto__: 1\n',
  'a: [1\n',
  'a: x\n b: y\n',
  '  a: 1\n',
  'a:\n  - b\n   - c\n',
  '- \n',
  'a#b: 1\n',
  'a:\n  -\n',
  'a:\n  - # c\n',
  'a:\n  - - x\n',
  'nbsp:\u00a0x\u00a0\nb:\n  c: 1\u00a0\n',
  'a: 1\nb: em\u2003space\n',
  'a:\v1\n',
];

describe('fast YAML reader', () => {
  it('reads the plain shapes exactly as the yaml package does, and declines the rest', () => {
    let fast = 0;
    CASES.forEach((text, i) => {
      if (compare(text, `case ${i}: ${JSON.stringify(text)}`)) fast++;
    });
    expect(fast).toBeGreaterThanOrEqual(12);
    for (const text of CASES.slice(CASES.indexOf('a: |+\n  keep\n\n'))) expect(parseFastYaml(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads every YAML file of the repository as the yaml package does', () => {
    const files = yamlFilesUnder(REPO);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) compare(readFileSync(file, 'utf8'), file);
  });

  it('reads random schema-like files as the yaml package does, or declines them', () => {
    // A seeded generator: the same 2,000 files every run, made of the shapes the reader handles
    // (mappings, lists of scalars and of mappings, flow lists and maps, quoted and plain scalars,
    // comments, blank lines, trailing spaces) and of near misses it must decline or read right.
    let seed = 20261127;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const SCALARS = ['id', 'x y', "'q'", "'it''s'", '"d q"', '1', '-2', '0.5', '1e3', 'true', 'null', '~', '', 'a:b', 'a #c', 'a#b', ':x', '- x', '[a, b]', '[]', '{ k: v }', '{}', "['a', 1]", '{k: v, n: 2}', 'ёж', 'a: b', '>', '|-', '&x', '*x', '!t', '%x', '@x', '`x', '"esc\\n"', '[a, [b]]', '[a,]'];
    const KEYS = ['name', 'tests', 'columns', 'k', 'desc-ription', 'a.b', '_x', '+c', '1', 'true', 'x y', '"q"', 'a#b'];
    const spaces = () => pick(['', '', '', ' ', '  ']);
    const scalar = () => (random() < 0.75 ? pick(SCALARS.slice(0, 14)) : pick(SCALARS));
    const comment = () => (random() < 0.15 ? ` # ${pick(['c', 'x: y', '- z'])}` : '');
    function value(depth: number, indent: number): string[] {
      const r = random();
      if (depth > 3 || r < 0.45) return [`${scalar()}${comment()}`];
      if (r < 0.75) return ['', ...mapping(depth + 1, indent + pick([2, 2, 4, 1]))];
      return ['', ...sequence(depth + 1, indent + pick([0, 2, 2, 3]))];
    }
    function mapping(depth: number, indent: number): string[] {
      const lines: string[] = [];
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        const [first, ...rest] = value(depth, indent);
        const key = random() < 0.9 ? pick(KEYS.slice(0, 7)) : pick(KEYS);
        lines.push(`${' '.repeat(indent)}${key}:${first === '' ? comment() : ` ${first}`}${spaces()}`, ...rest);
        if (random() < 0.1) lines.push(pick(['', '   ', `${' '.repeat(indent)}# note`]));
      }
      return lines;
    }
    function sequence(depth: number, indent: number): string[] {
      const lines: string[] = [];
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        if (random() < 0.5) {
          const [first, ...rest] = mapping(depth + 1, indent + 2);
          lines.push(`${' '.repeat(indent)}-${pick([' ', ' ', '   '])}${first.trimStart()}`, ...rest);
        } else {
          lines.push(`${' '.repeat(indent)}- ${scalar()}${comment()}${spaces()}`);
        }
      }
      return lines;
    }
    let read = 0;
    for (let i = 0; i < 2000; i++) {
      const text = mapping(0, 0).join('\n') + pick(['\n', '', '\n\n']);
      if (compare(text, `random file ${i}: ${JSON.stringify(text)}`)) read++;
    }
    // ~400 of them are read by the fast reader (the others repeat a key or hold a near miss).
    expect(read).toBeGreaterThan(350);
  });

  it('reads the synthetic benchmark schema files', () => {
    const files = syntheticProjectFiles(300, isYaml);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(compare(file.text, file.path), file.path).toBe(true);
  });
});
