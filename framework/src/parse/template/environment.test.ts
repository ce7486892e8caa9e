/**
 * createTemplateEnvironment replaces nunjucks' node constructors and Frame.set with faster ones:
 * parse trees must be exactly what the original builds (same classes, same own keys in the same
 * order, same values), and frames must hold exactly what the original set leaves.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from './environment.js';

const require = createRequire(import.meta.url);

type Parser = { parse(src: string, extensions?: unknown[], opts?: object): unknown };

/** A nunjucks module loaded afresh (not patched), then the require cache put back. */
function fresh<T>(id: string): T {
  const saved = new Map<string, NodeJS.Module>();
  for (const key of Object.keys(require.cache)) {
    if (/[\\/]nunjucks[\\/]src[\\/]/.test(key)) {
      saved.set(key, require.cache[key]!);
      delete require.cache[key];
    }
  }
  try {
    return require(id) as T;
  } finally {
    for (const key of Object.keys(require.cache)) if (/[\\/]nunjucks[\\/]src[\\/]/.test(key)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
}

/** A tree as plain data: class name, then own keys in order (nodes recursively). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown> & { typename?: string };
    return [node.typename ?? node.constructor?.name, ...Object.keys(node).map((k) => [k, shape(node[k])])];
  }
  return value;
}

const TEMPLATES = [
  "{{ config(materialized='table', tags=['a']) }}select {{ pick(['id', 'name']) }} from {{ ref('x') }}",
  '{%- for k in range(3) %}{{ k * 2 + 1 }} as c_{{ k }}{% if not loop.last %},{% endif %}{%- endfor %}',
  "{% set d = {'a': [1, 2], 'b': none} %}{{ d.a[1] if d else 'x' }}{{ 'a' ~ b | upper }}{{ x is none }}{{ 1 < 2 <= 3 }}",
  '{% macro m(a, b=2) %}{{ a }}{{ caller() if caller }}{% endmacro %}{% call m(1) %}body{% endcall %}',
  "{% filter upper %}t{% endfilter %}{% set x %}captured{% endset %}{% raw %}{{ raw }}{% endraw %}{# comment #}",
  '{% if a %}1{% elif b %}2{% else %}3{% endif %}{% for k, v in d %}{{ k }}{% else %}none{% endfor %}',
  "{% from 'm.sql' import a as b, c %}{% import 'x.sql' as x %}{% include 'i.sql' %}{{ -a ** 2 // 3 % 4 }}",
  '{{ a if b else c }}{{ f(x, y=2) if 0 }}{{ [1, (2, 3)] | join(\',\') }}{% set a, b = f() %}{{ not a in b and c or d }}{{ a.b["c"] }}',
];

describe('the template environment', () => {
  it('builds parse trees exactly as nunjucks\' own Node.init does', () => {
    createTemplateEnvironment(); // installs the faster init
    const patched = require('nunjucks/src/parser') as Parser;
    const original = fresh<Parser>('nunjucks/src/parser');
    expect(patched).not.toBe(original);
    for (const source of TEMPLATES) expect(shape(patched.parse(source)), source).toEqual(shape(original.parse(source)));
  });

  it('constructs every node class as nunjucks\' own classes do (fields, order, defaults, instanceof, typename)', () => {
    createTemplateEnvironment(); // installs the faster constructors
    type Classes = Record<string, new (...args: unknown[]) => object>;
    const patched = require('nunjucks/src/nodes') as Classes;
    const original = fresh<Classes>('nunjucks/src/nodes');
    const names = Object.keys(original).filter((n) => typeof original[n] === 'function' && (original[n] === original.Node || original[n].prototype instanceof original.Node));
    expect(names.length).toBeGreaterThan(50);
    expect(Object.keys(patched).filter((n) => patched[n] !== undefined).sort()).toEqual(Object.keys(original).filter((n) => original[n] !== undefined).sort());
    const ext = { __name: 'do', autoescape: false };
    // Every argument list the parser uses: none, position only, fields given, fields undefined or falsy.
    const argLists: unknown[][] = [[], [3, 7], [3, 7, 'a', ['b'], { c: 1 }, 'd', 'e'], [3, 7, undefined, null, 0, '', false], [ext, 'run', undefined, undefined]];
    let fastOnes = 0;
    for (const name of names) {
      if (patched[name] !== original[name]) fastOnes++;
      for (const args of argLists) {
        // Node itself has no fields: both constructors throw the same way.
        const made = (cls: new (...a: unknown[]) => object) => {
          try {
            return { node: new cls(...args) };
          } catch (err) {
            return { error: (err as Error).constructor.name };
          }
        };
        const mine = made(patched[name]);
        const theirs = made(original[name]);
        expect(mine.error, `${name}(${JSON.stringify(args)})`).toBe(theirs.error);
        if (!mine.node || !theirs.node) continue;
        expect(shape(mine.node), `${name}(${JSON.stringify(args)})`).toEqual(shape(theirs.node));
        expect(mine.node instanceof patched[name] && mine.node instanceof patched.Node, name).toBe(true);
        expect(Object.getPrototypeOf(mine.node).constructor.name, name).toBe(Object.getPrototypeOf(theirs.node).constructor.name);
      }
    }
    expect(fastOnes).toBe(names.length); // all of them replaced
    // A class made from a replaced one later (as extensions do) still constructs through its init.
    type Extendable = { extend(name: string, props: object): new (...args: unknown[]) => Record<string, unknown> };
    const Custom = (patched.Node as unknown as Extendable).extend('Custom', { fields: ['x', 'y'] });
    expect(shape(new Custom(1, 2, 'x'))).toEqual(['Custom', ['lineno', 1], ['colno', 2], ['x', 'x'], ['y', null]]);
    const wider = { fields: ['cond', 'body', 'else_', 'extra'] };
    const Wider = (patched.If as unknown as Extendable).extend('Wider', wider);
    const WiderThere = (original.If as unknown as Extendable).extend('Wider', wider);
    expect(shape(new Wider(1, 2, 'c', 'b', 'e', 'x'))).toEqual(shape(new WiderThere(1, 2, 'c', 'b', 'e', 'x')));
    expect(shape(new Wider(1, 2, 'c'))).toEqual(['Wider', ['lineno', 1], ['colno', 2], ['cond', 'c'], ['body', null], ['else_', null], ['extra', null]]);
    expect(new Wider(1, 2) instanceof patched.If).toBe(true);
  });

  it('sets frame variables exactly as nunjucks\' own Frame.set does', () => {
    createTemplateEnvironment();
    type Frame = { variables: Record<string, unknown>; set(name: string, val: unknown, resolveUp?: boolean): void; push(isolate?: boolean): Frame };
    type Runtime = { Frame: new () => Frame };
    const run = (runtime: Runtime) => {
      const top = new runtime.Frame();
      const inner = top.push();
      const isolated = inner.push(true);
      const steps: Array<[Frame, string, unknown, boolean?]> = [
        [top, 'x', 1], [inner, 'loop.index', 1], [inner, 'loop.last', false], [inner, 'x', 2, true], [inner, 'y', 3, true],
        [isolated, 'x', 4, true], [isolated, 'a.b.c', 5], [top, 'zero', 0], [inner, 'zero.k', 6], [inner, 'loop', 0],
        [inner, 'loop.index', 2], [isolated, 'loop.first', true, true], [top, 'x', 7, true],
      ];
      for (const [frame, name, value, up] of steps) frame.set(name, value, up);
      return [top, inner, isolated].map((f) => JSON.parse(JSON.stringify(f.variables)));
    };
    const patched = require('nunjucks/src/runtime') as Runtime;
    const original = fresh<Runtime>('nunjucks/src/runtime');
    expect(patched.Frame).not.toBe(original.Frame);
    expect(run(patched)).toEqual(run(original));
  });
});
