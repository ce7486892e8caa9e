/**
 * The nunjucks environment, configured for Jinja compatibility: no autoescape, Python-style
 * literals and methods (`True`, `None`, `.items()`, `.upper()`), Jinja tests such as `is none`,
 * and the filters dbt projects use.
 */
import { createRequire } from 'node:module';
import type nunjucks from 'nunjucks';
import { installFastExpressions, type ExpressionMethods } from './fast-expressions.js';

let nunjucksModule: typeof nunjucks | undefined;

/** nunjucks, loaded on first use: commands answered from the project state never load it. */
export function loadNunjucks(): typeof nunjucks {
  nunjucksModule ??= createRequire(import.meta.url)('nunjucks') as typeof nunjucks;
  return nunjucksModule;
}

let jinjaCompatInstalled = false;

/** Jinja's string methods that nunjucks lacks; dbt macros call these on strings. */
function installStringMethods(): void {
  const proto = String.prototype as unknown as Record<string, unknown>;
  const define = (name: string, fn: (this: string, ...args: never[]) => unknown) => {
    if (!(name in proto)) Object.defineProperty(String.prototype, name, { value: fn, configurable: true, writable: true });
  };
  define('upper', function (this: string) { return this.toUpperCase(); });
  define('lower', function (this: string) { return this.toLowerCase(); });
  define('strip', function (this: string, chars?: string) {
    if (!chars) return this.trim();
    const escaped = chars.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');
    return this.replace(new RegExp(`^[${escaped}]+|[${escaped}]+$`, 'g'), '');
  });
  define('lstrip', function (this: string) { return this.trimStart(); });
  define('rstrip', function (this: string) { return this.trimEnd(); });
  define('startswith', function (this: string, prefix: string) { return this.startsWith(prefix); });
  define('endswith', function (this: string, suffix: string) { return this.endsWith(suffix); });
  define('format', function (this: string, ...args: unknown[]) {
    let i = 0;
    return this.replace(/\{\}/g, () => String(args[i++]));
  });
}

type NodeInit = (this: NunjucksNode, lineno: unknown, colno: unknown, ...values: unknown[]) => void;
interface NunjucksNode {
  constructor: unknown;
  fields: string[];
  [field: string]: unknown;
}

type NodeClass = (new (...args: unknown[]) => NunjucksNode) & { prototype: NunjucksNode & { init: NodeInit } };

/** A field name that can be written as `this.<name>` in generated code. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * nunjucks' node classes construct through every class above them (`Parent.apply(this,
 * arguments)` at each level, then `this.init.apply(this, arguments)`, whose Node.init copies its
 * arguments and calls a closure per field): about a sixth of parsing a model template. Each class whose init is Node's (or NodeList's, for a class holding only
 * `children`) gets a constructor that sets its position and fields directly, in the order and
 * with the values init gives (null for undefined; NodeList's `children` defaults to []). The new
 * constructor shares the class's prototype, so `instanceof`, `typename` and the methods are the
 * class's own; a class with another init keeps calling it, and a class extended from one later
 * is extended from the original. The field names are nunjucks' own (checked to be identifiers)
 * and are the only text put into the generated code.
 */
function installFastNodeConstructors(): void {
  const nodes = createRequire(import.meta.url)('nunjucks/src/nodes') as Record<string, unknown> & { Node: NodeClass; NodeList: NodeClass };
  const nodeInit = nodes.Node.prototype.init;
  const listInit = nodes.NodeList.prototype.init;
  for (const name of Object.keys(nodes)) {
    const original = nodes[name] as NodeClass;
    if (typeof original !== 'function' || !(original === nodes.Node || original.prototype instanceof nodes.Node)) continue;
    const proto = original.prototype;
    const fields = proto.fields as unknown;
    const plain = Array.isArray(fields) && fields.every((f) => typeof f === 'string' && IDENTIFIER.test(f));
    const list = plain && proto.init === listInit && fields.length === 1 && fields[0] === 'children';
    let fast: NodeClass;
    if (plain && (proto.init === nodeInit || list)) {
      const body = (fields as string[]).map((f, i) => (list ? `this.${f} = a${i} || [];` : `this.${f} = a${i} === undefined ? null : a${i};`));
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      fast = new Function('lineno', 'colno', ...(fields as string[]).map((_, i) => `a${i}`), ['this.lineno = lineno;', 'this.colno = colno;', ...body].join('\n')) as NodeClass;
    } else {
      fast = function (this: NunjucksNode, ...args: unknown[]) {
        (this.init as NodeInit).apply(this, args as [unknown, unknown, ...unknown[]]);
      } as unknown as NodeClass;
    }
    fast.prototype = proto;
    Object.setPrototypeOf(fast, original); // the class's statics stay reachable
    // A class made from it later (an extension's node) builds through the original chain and its own init.
    Object.defineProperty(fast, 'extend', { value: (...args: unknown[]) => (original as unknown as { extend(...a: unknown[]): unknown }).extend(...args) });
    nodes[name] = fast;
  }
}

interface NunjucksFrame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): NunjucksFrame | undefined;
  set(name: string, val: unknown, resolveUp?: boolean): void;
}

/**
 * nunjucks' Frame.set, which compiled macros call for every argument and every loop variable
 * (`loop.index`, ...), splits the name on '.' each time. This one keeps the split of each name
 * (names come from templates: a few dozen) and otherwise does exactly what the original does.
 */
function installFrameSetMemo(): void {
  const runtime = createRequire(import.meta.url)('nunjucks/src/runtime') as { Frame: { prototype: NunjucksFrame } };
  const split = new Map<string, string[]>();
  runtime.Frame.prototype.set = function set(this: NunjucksFrame, name: string, val: unknown, resolveUp?: boolean) {
    let parts = split.get(name);
    if (parts === undefined) {
      parts = name.split('.');
      if (split.size >= 10_000) split.clear();
      split.set(name, parts);
    }
    let obj = this.variables;
    if (resolveUp) {
      const frame = this.resolve(parts[0], true);
      if (frame) {
        frame.set(name, val);
        return;
      }
    }
    for (let i = 0; i < parts.length - 1; i++) {
      const id = parts[i];
      if (!obj[id]) obj[id] = {};
      obj = obj[id] as Record<string, unknown>;
    }
    obj[parts[parts.length - 1]] = val;
  };
}

/**
 * `{% do expr %}`: evaluate an expression for its effect (`{% do items.append(x) %}`), print nothing.
 * Written as a nunjucks extension because nunjucks has no `do` tag.
 */
class DoExtension {
  tags = ['do'];

  parse(parser: any, nodes: any): unknown {
    const token = parser.nextToken();
    const args = new nodes.NodeList(token.lineno, token.colno);
    args.addChild(parser.parseExpression());
    parser.advanceAfterBlockEnd(token.value);
    return new nodes.CallExtension(this, 'run', args);
  }

  run(): string {
    return '';
  }
}

/** Create the shared environment. Globals (ref, source, ...) are supplied per render. */
export function createTemplateEnvironment(): nunjucks.Environment {
  if (!jinjaCompatInstalled) {
    // installJinjaCompat patches nunjucks' own parser/runtime once per process; it is idempotent in effect.
    loadNunjucks().installJinjaCompat();
    installStringMethods();
    installFastNodeConstructors();
    installFastExpressions((loadNunjucks() as unknown as { parser: { Parser: { prototype: ExpressionMethods } } }).parser.Parser.prototype);
    installFrameSetMemo();
    jinjaCompatInstalled = true;
  }
  // dev: keep nunjucks' own TemplateError (its cause and line) instead of a bare copy of the
  // message, so a StrataError thrown by ref()/var()/env_var() reaches the user as written.
  const env = new (loadNunjucks().Environment)(null, { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false, dev: true });
  // addTest exists at run time (nunjucks 3.2) but is missing from @types/nunjucks.
  const tests = env as unknown as { addTest(name: string, fn: (v: unknown) => boolean): void };
  tests.addTest('none', (v: unknown) => v === null || v === undefined);
  tests.addTest('string', (v: unknown) => typeof v === 'string');
  tests.addTest('number', (v: unknown) => typeof v === 'number');
  tests.addTest('mapping', (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v));
  tests.addTest('iterable', (v: unknown) => Array.isArray(v) || typeof v === 'string');
  tests.addTest('sequence', (v: unknown) => Array.isArray(v) || typeof v === 'string');
  env.addExtension('do', new DoExtension());
  env.addFilter('as_bool', (v: unknown) => v === true || v === 'true' || v === 'True');
  env.addFilter('as_number', (v: unknown) => Number(v));
  env.addFilter('as_text', (v: unknown) => String(v));
  env.addFilter('tojson', (v: unknown) => JSON.stringify(v));
  env.addFilter('unique', (v: unknown[]) => [...new Set(v)]);
  return env;
}
