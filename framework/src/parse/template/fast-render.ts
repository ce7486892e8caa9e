/**
 * Templates rendered without nunjucks' code generation. nunjucks turns every template into
 * JavaScript source and compiles it with `new Function`: at 10k models that is most of a cold
 * parse. Here the template is parsed by nunjucks' own parser (same tokens, whitespace control,
 * syntax errors; fast-lexer.ts speeds up its tokenizer) and the tree is walked directly, for
 * the subset of Jinja that models are made of: text, `{{ }}`, `{% set x = ... %}`, `{% if %}`,
 * `{% for x in ... %}`, calls (ref, source, config, macros), filters, tests and operators.
 *
 * The walk does what the generated code does, in the same order, with nunjucks' own runtime
 * (Frame, Context, memberLookup, callWrap, suppressValue), and fails the same way (the same
 * TemplateError with the same line and column). Where the generated JavaScript would parse an
 * expression differently from the tree (it emits operators without parentheses, so
 * `not a == b` means `(!a) == b`), or the template uses anything else (macros, call blocks,
 * `{% do %}`, imports, block set, loops over pairs), `compileFast` declines and nunjucks
 * compiles the template as before. Both paths are compared on every fixture template in
 * fast-render.test.ts.
 */
import type nunjucks from 'nunjucks';
import { loadNunjucks } from './environment.js';
import { fastLex } from './fast-lexer.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Node = any;

export interface FastTemplate {
  /** The source as nunjucks would hold it (after extension preprocessors are not applied: see compileFast). */
  tmplStr: string;
  path: string;
  render(ctx?: object): string;
}

interface NunjucksInternals {
  parser: { Parser: new (tokens: unknown) => { extensions: unknown[]; parseAsRoot(): Node } };
  runtime: {
    Frame: new () => Frame;
    memberLookup(obj: unknown, val: unknown): unknown;
    callWrap(obj: unknown, name: string, context: unknown, args: unknown[]): unknown;
    contextOrFrameLookup(context: unknown, frame: Frame, name: string): unknown;
    suppressValue(val: unknown, autoescape: boolean): unknown;
    makeKeywordArgs(obj: Record<string, unknown>): Record<string, unknown>;
    fromIterator(arr: unknown): any;
    inOperator(key: unknown, val: unknown): unknown;
    handleError(error: unknown, lineno: number, colno: number): unknown;
  };
  lib: { _prettifyError(path: string, withInternals: boolean, err: unknown): unknown };
}

interface Frame {
  topLevel: boolean;
  /** The frame's own variables (an object without prototype). */
  variables: Record<string, unknown>;
  set(name: string, val: unknown, resolveUp?: boolean): void;
  push(isolateWrites?: boolean): Frame;
  pop(): Frame;
}

interface Context {
  setVariable(name: string, val: unknown): void;
  addExport(name: string, val?: unknown): void;
}

/** nunjucks keeps its options on the environment (missing from @types/nunjucks). */
function optsOf(env: nunjucks.Environment): { autoescape: boolean; dev?: boolean } {
  return (env as unknown as { opts: { autoescape: boolean; dev?: boolean } }).opts;
}

type ContextClass = new (ctx: object, blocks: object, env: nunjucks.Environment) => Context;

const contextClasses = new WeakMap<nunjucks.Environment, ContextClass>();

/** nunjucks' Context class (not exported): the `this` of a function a template calls. */
function contextClassOf(env: nunjucks.Environment): ContextClass {
  let found = contextClasses.get(env);
  if (!found) {
    let captured: ContextClass | undefined;
    new (loadNunjucks().Template)('{{ grab() }}', env, 'context', true).render({
      grab(this: object) {
        captured = this.constructor as ContextClass;
        return '';
      },
    });
    if (!captured) throw new Error('nunjucks context class not found');
    found = captured;
    contextClasses.set(env, found);
  }
  return found;
}

// JavaScript precedence of the code nunjucks emits for each node (20: a primary or a call).
const PRIMARY = 20;
const UNARY = 14;
const BINARY: Record<string, number> = { Mul: 12, Div: 12, Mod: 12, Add: 11, Sub: 11, Concat: 11, And: 4, Or: 3 };
const COMPARE: Record<string, number> = { '==': 8, '===': 8, '!=': 8, '!==': 8, '<': 9, '>': 9, '<=': 9, '>=': 9 };
const PRIMARIES = new Set(['Literal', 'Symbol', 'FunCall', 'LookupVal', 'Group', 'Array', 'Dict', 'Filter', 'In', 'InlineIf', 'FloorDiv', 'Pow']);

function precedence(node: Node): number {
  const type = node.typename as string;
  if (PRIMARIES.has(type)) return PRIMARY;
  if (type === 'Not' || type === 'Neg' || type === 'Pos') return UNARY;
  if (type === 'Is') return 8; // `env.getTest(...).call(...) === true`
  if (type === 'Compare') return COMPARE[node.ops[0].type];
  return BINARY[type] ?? 0;
}

/** The callee name nunjucks reports (`_getNodeName`), or undefined where its code would differ or fail. */
function calleeName(node: Node): string | undefined {
  let name: string | undefined;
  switch (node.typename) {
    case 'Symbol':
      name = String(node.value);
      break;
    case 'FunCall': {
      const inner = calleeName(node.name);
      name = inner === undefined ? undefined : `the return value of (${inner})`;
      break;
    }
    case 'LookupVal': {
      const target = calleeName(node.target);
      const val = calleeName(node.val);
      name = target === undefined || val === undefined ? undefined : `${target}["${val}"]`;
      break;
    }
    case 'Literal':
      name = node.value === null || node.value === undefined ? undefined : String(node.value);
      break;
    default:
      name = '--expression--';
  }
  // The name is spliced into a JS string literal: anything JS would read differently is declined.
  return name !== undefined && /[\\\n\r\u2028\u2029]/.test(name) ? undefined : name;
}

/** True when the whole tree is within the subset and its generated code means what the tree says. */
function supported(node: Node): boolean {
  if (!node || typeof node !== 'object') return false;
  switch (node.typename) {
    case 'Root':
    case 'NodeList':
      return node.children.every(supported);
    case 'Output':
      return node.children.every((c: Node) => (c.typename === 'TemplateData' ? typeof c.value === 'string' : expression(c)));
    case 'Set':
      return !node.body && node.value != null && node.targets.length > 0 && node.targets.every((t: Node) => t.typename === 'Symbol') && expression(node.value);
    case 'If':
      return expression(node.cond) && supported(node.body) && (node.else_ == null || supported(node.else_));
    case 'For':
      return node.name?.typename === 'Symbol' && expression(node.arr) && supported(node.body) && (node.else_ == null || supported(node.else_));
    default:
      return false;
  }
}

function operand(child: Node, min: number, strict: boolean): boolean {
  if (!expression(child)) return false;
  const p = precedence(child);
  return strict ? p > min : p >= min;
}

function expression(node: Node): boolean {
  if (!node || typeof node !== 'object') return false;
  switch (node.typename) {
    case 'Literal':
      return node.value === null || ['string', 'number', 'boolean'].includes(typeof node.value);
    case 'Symbol':
      return typeof node.value === 'string' && /^[A-Za-z_$][\w$]*$/.test(node.value);
    case 'Array':
      return node.children.every(expression);
    case 'Group':
      return node.children.length > 0 && node.children.every(expression);
    case 'Dict':
    case 'KeywordArgs':
      return node.children.every((pair: Node) => pair.typename === 'Pair' && validKey(pair.key) && expression(pair.value));
    case 'LookupVal':
      return expression(node.target) && expression(node.val);
    case 'FunCall':
      return calleeName(node.name) !== undefined && expression(node.name) && node.args?.typename === 'NodeList'
        && node.args.children.every((a: Node, i: number, all: Node[]) => (a.typename === 'KeywordArgs' ? i === all.length - 1 && expression(a) : expression(a)));
    case 'Filter':
      return node.name?.typename === 'Symbol' && node.args?.typename === 'NodeList' && node.args.children.length > 0 && node.args.children.every(expression);
    case 'Is': {
      const right = node.right;
      if (right?.typename === 'Symbol' || right?.typename === 'Literal') return testName(right) !== undefined && expression(node.left);
      return right?.typename === 'FunCall' && right.name?.typename === 'Symbol' && right.args?.children.length === 1 && right.args.children[0].typename !== 'KeywordArgs'
        && expression(right.args.children[0]) && expression(node.left);
    }
    case 'In':
      return expression(node.left) && expression(node.right);
    case 'InlineIf':
      return expression(node.cond) && expression(node.body) && (node.else_ == null || expression(node.else_));
    case 'Not':
      // `!x` binds tighter than every binary operator; `not x is t` is handled as JS reads it.
      return node.target?.typename === 'Is' ? expression(node.target) : operand(node.target, UNARY, false);
    case 'Neg':
    case 'Pos':
      // `--x` and `++x` are other JavaScript operators.
      return node.target?.typename !== node.typename && operand(node.target, UNARY, false);
    case 'FloorDiv': // Math.floor(l / r)
      return operand(node.left, 12, false) && operand(node.right, 12, true);
    case 'Pow': // Math.pow(l, r)
      return expression(node.left) && expression(node.right);
    case 'Compare': {
      if (!node.ops?.length || !node.ops.every((op: Node) => op.type in COMPARE)) return false;
      const p = COMPARE[node.ops[0].type];
      return node.ops.every((op: Node) => COMPARE[op.type] === p && operand(op.expr, p, true)) && operand(node.expr, p, false);
    }
    default: {
      const p = BINARY[node.typename];
      return p !== undefined && operand(node.left, p, false) && operand(node.right, p, true);
    }
  }
}

/**
 * The test an `is` calls: nunjucks splices `right.name.value` or `right.value` into
 * `env.getTest("...")`, so `x is none` asks for the test named "null".
 */
function testName(right: Node): string | undefined {
  const name = right.typename === 'FunCall' ? String(right.name.value) : String(right.value);
  return /["\\\n\r\u2028\u2029]/.test(name) ? undefined : name;
}

function validKey(key: Node): boolean {
  const name = key?.typename === 'Symbol' || (key?.typename === 'Literal' && typeof key.value === 'string') ? key.value : undefined;
  return typeof name === 'string' && name !== '__proto__';
}

interface RenderState {
  env: nunjucks.Environment;
  rt: NunjucksInternals['runtime'];
  context: Context;
  frame: Frame;
  lineno: number;
  colno: number;
  /** Loop variables in scope, innermost last, and their values (the generated code's JS variables). */
  scope: Node[];
  vars: Map<Node, unknown>;
  /** Each loop's length variable: like the generated `var`, it keeps its value between runs of the loop. */
  lengths: Map<Node, number | undefined>;
}

function loopVariable(state: RenderState, name: string): Node | undefined {
  for (let i = state.scope.length - 1; i >= 0; i--) if (state.scope[i].name.value === name) return state.scope[i];
  return undefined;
}

function run(state: RenderState, node: Node): string {
  let out = '';
  switch (node.typename) {
    case 'Root':
    case 'NodeList':
      for (const child of node.children) out += run(state, child);
      return out;
    case 'Output':
      for (const child of node.children) {
        if (child.typename === 'TemplateData') {
          if (child.value) out += child.value;
        } else {
          out += state.rt.suppressValue(evaluate(state, child), optsOf(state.env).autoescape) as string;
        }
      }
      return out;
    case 'Set': {
      const value = evaluate(state, node.value);
      for (const target of node.targets) {
        const bound = loopVariable(state, target.value);
        if (bound) state.vars.set(bound, value);
      }
      for (const target of node.targets) {
        const name = target.value as string;
        state.frame.set(name, value, true);
        if (state.frame.topLevel) state.context.setVariable(name, value);
        if (name.charAt(0) !== '_' && state.frame.topLevel) state.context.addExport(name, value);
      }
      return '';
    }
    case 'If':
      return evaluate(state, node.cond) ? run(state, node.body) : node.else_ ? run(state, node.else_) : '';
    case 'For': {
      state.frame = state.frame.push();
      let arr = evaluate(state, node.arr) as any;
      let len = state.lengths.get(node);
      const name = node.name.value as string;
      state.scope.push(node);
      if (!state.vars.has(node)) state.vars.set(node, undefined);
      if (arr) {
        arr = state.rt.fromIterator(arr);
        len = arr.length;
        state.lengths.set(node, len);
        for (let i = 0; i < arr.length; i++) {
          const v = arr[i];
          state.vars.set(node, v);
          const frame = state.frame;
          if (name === 'loop') {
            frame.set(name, v);
            frame.set('loop.index', i + 1);
            frame.set('loop.index0', i);
            frame.set('loop.revindex', (len as number) - i);
            frame.set('loop.revindex0', (len as number) - i - 1);
            frame.set('loop.first', i === 0);
            frame.set('loop.last', i === (len as number) - 1);
            frame.set('loop.length', len);
          } else {
            // What the eight frame.set calls above do (each splits its name on '.' and creates
            // `loop` when it is missing or falsy), without splitting names.
            const vars = frame.variables;
            vars[name] = v;
            let loop = vars.loop as Record<string, unknown>;
            if (!loop) vars.loop = loop = {};
            loop.index = i + 1;
            loop.index0 = i;
            loop.revindex = (len as number) - i;
            loop.revindex0 = (len as number) - i - 1;
            loop.first = i === 0;
            loop.last = i === (len as number) - 1;
            loop.length = len;
          }
          out += run(state, node.body);
        }
      }
      if (node.else_ && !len) out += run(state, node.else_);
      state.scope.pop();
      state.frame = state.frame.pop();
      return out;
    }
    default:
      throw new Error(`fast render: unexpected ${node.typename}`);
  }
}

function pairs(state: RenderState, node: Node): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const pair of node.children) obj[pair.key.value as string] = evaluate(state, pair.value);
  return obj;
}

function evaluate(state: RenderState, node: Node): any {
  const rt = state.rt;
  switch (node.typename) {
    case 'Literal':
      return node.value;
    case 'Symbol': {
      const bound = loopVariable(state, node.value);
      return bound ? state.vars.get(bound) : rt.contextOrFrameLookup(state.context, state.frame, node.value);
    }
    case 'Array':
      return node.children.map((c: Node) => evaluate(state, c));
    case 'Group': {
      let value: unknown;
      for (const c of node.children) value = evaluate(state, c);
      return value;
    }
    case 'Dict':
      return pairs(state, node);
    case 'KeywordArgs':
      return rt.makeKeywordArgs(pairs(state, node));
    case 'LookupVal': {
      const target = evaluate(state, node.target);
      return rt.memberLookup(target, evaluate(state, node.val));
    }
    case 'FunCall': {
      state.lineno = node.lineno;
      state.colno = node.colno;
      const callee = evaluate(state, node.name);
      const args = node.args.children.map((a: Node) => evaluate(state, a));
      return rt.callWrap(callee, calleeName(node.name)!, state.context, args);
    }
    case 'Filter': {
      const filter = (state.env as unknown as { getFilter(name: string): (...a: unknown[]) => unknown }).getFilter(node.name.value);
      const args = node.args.children.map((a: Node) => evaluate(state, a));
      return filter.call(state.context, ...args);
    }
    case 'Is':
      return testOf(state, node) === true;
    case 'In': {
      const left = evaluate(state, node.left);
      return rt.inOperator(left, evaluate(state, node.right));
    }
    case 'InlineIf':
      return evaluate(state, node.cond) ? evaluate(state, node.body) : node.else_ != null ? evaluate(state, node.else_) : '';
    case 'Not':
      // `!env.getTest(...).call(...) === true` reads as `(!test) === true`.
      return node.target.typename === 'Is' ? !testOf(state, node.target) === true : !evaluate(state, node.target);
    case 'Neg':
      return -evaluate(state, node.target);
    case 'Pos':
      return +evaluate(state, node.target);
    case 'And': {
      const left = evaluate(state, node.left);
      return left && evaluate(state, node.right);
    }
    case 'Or': {
      const left = evaluate(state, node.left);
      return left || evaluate(state, node.right);
    }
    case 'Add': {
      const left = evaluate(state, node.left);
      return left + evaluate(state, node.right);
    }
    case 'Concat': {
      const left = evaluate(state, node.left);
      return left + '' + evaluate(state, node.right);
    }
    case 'Sub': {
      const left = evaluate(state, node.left);
      return left - evaluate(state, node.right);
    }
    case 'Mul': {
      const left = evaluate(state, node.left);
      return left * evaluate(state, node.right);
    }
    case 'Div': {
      const left = evaluate(state, node.left);
      return left / evaluate(state, node.right);
    }
    case 'Mod': {
      const left = evaluate(state, node.left);
      return left % evaluate(state, node.right);
    }
    case 'FloorDiv': {
      const left = evaluate(state, node.left);
      return Math.floor(left / evaluate(state, node.right));
    }
    case 'Pow': {
      const left = evaluate(state, node.left);
      return Math.pow(left, evaluate(state, node.right));
    }
    case 'Compare': {
      let value = evaluate(state, node.expr);
      for (const op of node.ops) {
        const right = evaluate(state, op.expr);
        switch (op.type) {
          case '==': value = value == right; break; // eslint-disable-line eqeqeq
          case '===': value = value === right; break;
          case '!=': value = value != right; break; // eslint-disable-line eqeqeq
          case '!==': value = value !== right; break;
          case '<': value = value < right; break;
          case '>': value = value > right; break;
          case '<=': value = value <= right; break;
          case '>=': value = value >= right; break;
        }
      }
      return value;
    }
    default:
      throw new Error(`fast render: unexpected ${node.typename}`);
  }
}

function testOf(state: RenderState, node: Node): unknown {
  const right = node.right;
  const test = (state.env as unknown as { getTest(name: string): (...a: unknown[]) => unknown }).getTest(testName(right)!);
  const left = evaluate(state, node.left);
  return right.typename === 'FunCall' ? test.call(state.context, left, evaluate(state, right.args.children[0])) : test.call(state.context, left);
}

/**
 * A nunjucks Context over `ctx` without the copy its constructor makes (`lib.extend({}, ctx)`:
 * every name of the macro library and the render functions, enumerated and stored again for
 * each of 10k renders). Its variables are an object whose prototype is `ctx`: lookups and `in`
 * see the same names and values, and `{% set %}` at top level writes to the layer, as it wrote to
 * the copy, leaving `ctx` unchanged. Getters on `ctx` (`this`, `execute`) run when a template
 * reads them, during the render, instead of when the copy was made at its start: the same
 * values, as the render's state does not change between the two. The subset never hands the
 * variables to anything that enumerates them (include, import and blocks are declined).
 */
function layeredContext(ContextClass: ContextClass, ctx: object, env: nunjucks.Environment): Context {
  const context = Object.create(ContextClass.prototype) as Context & { env: unknown; ctx: object; blocks: object; exported: string[] };
  context.env = env;
  context.ctx = Object.create(ctx) as object;
  context.blocks = {};
  context.exported = [];
  return context;
}

/**
 * Parse `source` (already through jinjaCompat) and return a template that renders it by walking
 * the tree, or undefined when nunjucks must compile it (outside the subset, a syntax error, an
 * extension preprocessor).
 */
export function compileFast(source: string, env: nunjucks.Environment, path: string): FastTemplate | undefined {
  const nj = loadNunjucks() as unknown as NunjucksInternals;
  const extensions = (env as unknown as { extensionsList: Array<{ preprocess?: unknown }> }).extensionsList ?? [];
  if (extensions.some((e) => e.preprocess)) return undefined;
  let root: Node;
  try {
    // nunjucks' parser.parse(source, extensions, opts), with the faster tokenizer (fast-lexer.ts).
    const parser = new nj.parser.Parser(fastLex(source, optsOf(env)));
    parser.extensions = extensions;
    root = parser.parseAsRoot();
  } catch {
    return undefined; // nunjucks reports it
  }
  if (!supported(root)) return undefined;
  const ContextClass = contextClassOf(env);
  return {
    tmplStr: source,
    path,
    render(ctx?: object): string {
      const rt = nj.runtime;
      const frame = new rt.Frame();
      frame.topLevel = true;
      const state: RenderState = { env, rt, context: layeredContext(ContextClass, ctx ?? {}, env), frame, lineno: 0, colno: 0, scope: [], vars: new Map(), lengths: new Map() };
      try {
        return run(state, root);
      } catch (err) {
        throw nj.lib._prettifyError(path, optsOf(env).dev ?? false, rt.handleError(err, state.lineno, state.colno));
      }
    },
  };
}
