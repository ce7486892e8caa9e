/**
 * The shorter way down the expression grammar (fast-expressions.ts) against nunjucks' own
 * methods: the same parse tree (every node, line and column) or the same error, for every
 * template in the repository, a generated project's templates, the grammar's corners and random
 * expressions built from its operators.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syntheticProjectFiles, textsUnder } from '../../../test/files-under.js';
import { createTemplateEnvironment, loadNunjucks } from './environment.js';
import { originalExpressionMethods } from './fast-expressions.js';
import { fastLex } from './fast-lexer.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

type ParserClass = { prototype: object; new (tokens: unknown): { parseAsRoot(): unknown } };

createTemplateEnvironment(); // installs the shorter way (and jinja compatibility) on nunjucks' Parser
const Parser = (loadNunjucks() as unknown as { parser: { Parser: ParserClass } }).parser.Parser;

/** The tree (or the error) nunjucks' parser builds, with the given methods in front of its own. */
function treeOf(source: string, methods?: object): string {
  const parser = new Parser(fastLex(source));
  if (methods) Object.setPrototypeOf(parser, methods);
  try {
    return JSON.stringify(parser.parseAsRoot());
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

/** nunjucks' own expression methods over the (patched) prototype. */
const reference = Object.create(Parser.prototype, {
  parseInlineIf: { value: originalExpressionMethods!.parseInlineIf },
  parseNot: { value: originalExpressionMethods!.parseNot },
  parseUnary: { value: originalExpressionMethods!.parseUnary },
}) as object;

function parse(source: string): { fast: string; nunjucks: string } {
  return { fast: treeOf(source), nunjucks: treeOf(source, reference) };
}

function expectSameTree(source: string): void {
  const { fast, nunjucks } = parse(source);
  expect(fast, source.slice(0, 200)).toBe(nunjucks);
}

const isTemplate = (name: string) => name.endsWith('.sql');

const CORNERS = [
  '{{ x }}', '{{ ref("a") }}', '{{ a.b[c](d, e=f) | upper | replace("a", "b") }}', '{{ not x }}', '{{ not not x in y }}', '{{ x not in y }}',
  '{{ x in y and not z }}', '{{ a if b else c }}', '{{ a if b }}', '{{ (a if b else c) ~ d }}', '{{ a is none }}', '{{ a is not defined }}',
  '{{ a == b != c < d <= e > f >= g === h !== i }}', '{{ a ~ b ~ c }}', '{{ a + b - c * d / e // f % g ** h }}', '{{ -a + +b }}',
  '{{ - a | abs }}', '{{ [1, 2, (3)] }}', '{{ {"k": v, "l": [w]} }}', '{{ (a, b) }}', '{{ x or y or z }}', '{{ a and b or c and not d }}',
  '{% set x = y %}', '{% set x = y | default(1) %}{{ x }}', '{% for i in range(3) if i > 0 %}{{ i }}{% else %}none{% endfor %}',
  '{% if a %}1{% elif b or c %}2{% else %}3{% endif %}', '{% macro m(a, b=1, c="x") %}{{ a }}{% endmacro %}{{ m(1, c=2) }}',
  '{% call m(1) %}body{% endcall %}', '{% include "x.sql" ignore missing %}', '{% filter upper %}x{% endfilter %}',
  '{{ x[1:2] }}', '{{ x[:2] }}', '{{ "a" "b" }}', '{{ }}', '{{ x', '{{ x +', '{{ x not }}', '{{ not }}', '{{ a b }}', '{{ 1 2 }}',
  '{{ x if }}', '{{ (x }}', '{{ x) }}', '{{ x | }}', '{{ x is }}', '{{ r/ab/g }}', '{{ x }}{{ y - }}', '{%- set a = 1 -%}{{- a -}}',
  "{{ config(materialized='table', tags=['a','b']) }}\nselect * from {{ ref('x') }} where {{ col }} > {{ var('n', 3) * 2 }}",
];

describe('the shorter way down the expression grammar', () => {
  it('builds the trees of nunjucks\' parser for every template in the repository', () => {
    const templates = textsUnder(REPO, isTemplate);
    expect(templates.length).toBeGreaterThan(20);
    for (const source of templates) expectSameTree(source);
  });

  it('builds the same trees for a generated project\'s templates', () => {
    const templates = syntheticProjectFiles(60, isTemplate).map((file) => file.text);
    expect(templates.length).toBeGreaterThanOrEqual(60);
    for (const source of templates) expectSameTree(source);
  });

  it('builds the same trees, and fails with the same errors, in the corners of the grammar', () => {
    for (const source of CORNERS) expectSameTree(source);
    // The corners include errors: a comparison that found none would prove little.
    expect(CORNERS.filter((source) => parse(source).fast.startsWith('error:')).length).toBeGreaterThan(5);
  });

  it('builds the same trees for random expressions made of every operator and word the levels act on', () => {
    // A seeded generator: the same 3,000 expressions every run.
    let seed = 20261128;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const operands = ['a', 'b.c', 'f(x)', 'g(1, k=2)', '1', '2.5', '"s"', 'true', 'none', '[a, b]', '{"k": a}', '(a)', 'x[0]', 'y | upper'];
    const operators = ['if', 'else', 'or', 'and', 'not', 'in', 'is', 'not in', 'is not', '==', '!=', '<', '<=', '>', '>=', '~', '+', '-', '*', '/', '//', '%', '**', '|', ',', ')', '('];
    let errors = 0;
    for (let n = 0; n < 3000; n++) {
      let expression = random() < 0.2 ? 'not ' : '';
      const length = 1 + Math.floor(random() * 6);
      for (let i = 0; i < length; i++) {
        expression += operands[Math.floor(random() * operands.length)];
        if (i + 1 < length) expression += ` ${operators[Math.floor(random() * operators.length)]} `;
      }
      const source = n % 3 === 0 ? `{% set v = ${expression} %}` : n % 3 === 1 ? `{{ ${expression} }}` : `{{ f(${expression}, ${expression}) }}`;
      expectSameTree(source);
      if (parse(source).fast.startsWith('error:')) errors++;
    }
    // Both kinds are exercised: expressions that parse and expressions that fail.
    expect(errors).toBeGreaterThan(100);
    expect(errors).toBeLessThan(2900);
  });
});
