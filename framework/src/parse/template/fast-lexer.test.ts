/**
 * The faster tokenizer (fast-lexer.ts) against nunjucks' own: the same tokens (type, value, line,
 * column), the same error, for every template in the repository, for the corners of the
 * tokenizer, and for random templates made of the characters it reacts to.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { syntheticProjectFiles, textsUnder } from '../../../test/files-under.js';
import { fastLex } from './fast-lexer.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

interface Lexer {
  nextToken(): unknown;
  in_code: boolean;
}

/** Every token until the end, or the error that stopped it (what the parser would see). */
function tokens(lexer: Lexer, limit = 100_000): unknown[] {
  const out: unknown[] = [];
  try {
    for (let tok = lexer.nextToken(); tok && out.length < limit; tok = lexer.nextToken()) out.push(tok);
  } catch (err) {
    out.push({ error: (err as Error).message });
  }
  return out;
}

function expectSameTokens(source: string, opts?: object): void {
  const slow = tokens((nunjucks as unknown as { lexer: { lex(s: string, o?: object): Lexer } }).lexer.lex(source, opts));
  const fast = tokens(fastLex(source, opts) as Lexer);
  expect(fast, JSON.stringify(source).slice(0, 200)).toEqual(slow);
}

type Parsing = { parser: { Parser: new (tokens: unknown) => { parseAsRoot(): unknown } }; lexer: { lex(s: string, o?: object): unknown } };

/** The parse tree (or the parse error) nunjucks' parser builds from a tokenizer. */
function tree(tokenizer: unknown): string {
  try {
    return JSON.stringify(new (nunjucks as unknown as Parsing).parser.Parser(tokenizer).parseAsRoot());
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

function expectSameTree(source: string): void {
  expect(tree(fastLex(source)), source.slice(0, 200)).toBe(tree((nunjucks as unknown as Parsing).lexer.lex(source)));
}

/** The texts of the .sql files under a folder. */
const isTemplate = (name: string) => name.endsWith('.sql');

const CORNERS = [
  '', 'plain text only', '{{ x }}', '{{x}}', '{{- x -}}', '{%- if a -%}\n  b\n{%- endif %}', '{# a comment #}text', '{#- trimmed -#}',
  "{{ 'single' ~ \"double\" }}", "{{ 'esc\\'aped\\n\\t\\r\\\\' }}", "{{ 'unterminated }}", '{{ "x\\', '{{ 1.5 + -3 // 2 ** 4 }}', '{{ 12. }}',
  '{{ a === b !== c == d != e <= f >= g < h > i }}', '{{ true and false or none is null }}', '{{ r/ab\\/c/gi }}', '{{ r/unterminated',
  '{{ x | upper | replace("a", "b") }}', '{{ {"k": [1, 2, (3)]} }}', '{% set x = 1 %}\r\n{{ x }}\r\n', 'a\u00a0b {{ \u00a0x\u00a0 }}',
  '{% raw %}{{ not parsed }}{% endraw %}', 'a\n{% raw %}\n{{ x }}\n{% endraw %}\nb {{ y }}', '{% verbatim %}{% raw %}x{% endraw %}{% endverbatim %}', 'text { curly } # hash %} stray', '{{ x }', 'tail {', '{%', '{{', '{#', '#}', 'x #} y',
  '{# unterminated comment', 'line1\nline2\n  {{ ref("m") }}\n', '{% for i in range(3) %}{{ i }},{% endfor %}', '{{ loop.index0 }}',
  "{{ config(materialized='table', tags=['a','b']) }}\nselect * from {{ ref('x') }}", '{{ "Привет, мир" }} ёж', '{{ 😀 }} 😀',
  `select ${Array.from({ length: 500 }, (_, i) => `{{ c${i} }}`).join(', ')} from t`, // one long line
];

describe('the faster tokenizer', () => {
  it('gives the tokens of nunjucks\' tokenizer for every template in the repository', () => {
    const templates = textsUnder(REPO, isTemplate);
    expect(templates.length).toBeGreaterThan(20);
    for (const source of templates) {
      expectSameTokens(source);
      expectSameTree(source);
    }
  });

  it('gives the same tokens for a generated project\'s templates', () => {
    const templates = syntheticProjectFiles(60, isTemplate).map((file) => file.text);
    expect(templates.length).toBeGreaterThanOrEqual(60);
    for (const source of templates) expectSameTokens(source);
  });

  it('gives the same tokens and errors in the corners (strings, escapes, regexes, operators, comments, CRLF, unterminated tags)', () => {
    for (const source of CORNERS) {
      expectSameTokens(source);
      expectSameTokens(source, { trimBlocks: true, lstripBlocks: true });
      expectSameTree(source); // raw blocks move the tokenizer back and forth from the parser
    }
  });

  it('gives the same tokens for random templates made of the characters the tokenizer reacts to', () => {
    // A seeded generator: the same 3,000 templates every run.
    let seed = 20261127;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = ['{{', '}}', '{%', '%}', '{#', '#}', '-', ' ', '\n', '\r\n', '\t', '\u00a0', "'", '"', '\\', 'r/', '/', 'a', 'x1', '12', '.', '5',
      '==', '=', '!', '<', '>', '*', '+', '(', ')', '[', ']', '{', '}', ',', ':', '|', '~', 'true', 'none', 'null', 'if', 'é', 'i'];
    for (let n = 0; n < 3000; n++) {
      let source = '';
      const length = 1 + Math.floor(random() * 40);
      for (let i = 0; i < length; i++) source += pieces[Math.floor(random() * pieces.length)];
      expectSameTokens(source, n % 2 ? { trimBlocks: true, lstripBlocks: true } : undefined);
    }
  });
});
