/**
 * One render context, two roles (dbt's parse and runtime providers): the same functions record
 * `ref()`/`source()`/`config()` calls while parsing and, with runtime state, answer
 * `is_incremental()`. Macros from the macro paths are compiled once into a library and are
 * callable from every template.
 */
import type nunjucks from 'nunjucks';
import { loadNunjucks } from './environment.js';
import { compileFast } from './fast-render.js';
import type { CrossDbMacros, QueryResult } from '../../adapters/adapter.js';
import { userError } from '../../errors/strata-error.js';
import type { DocBlock, MacroDef, RefCall, SourceCall } from '../../manifest/types.js';
import type { Logger } from '../../log/logger.js';
import type { TargetConfig } from '../../project/types.js';
import type { EnvReader } from '../../project/env-var.js';
import { BUILTIN_TEST_MACROS } from '../../data-tests/builtin-tests.js';
import { extractMacros } from '../macros.js';
import { splitKwargs } from './kwargs.js';
import { REF_TOKEN, RelationToken, SOURCE_TOKEN, THIS_TOKEN } from './placeholders.js';
import { type QueryBroker, toLoadResult, toQueryTable } from './run-query.js';
import { jinjaCompat } from './jinja-compat.js';
import { VOLATILE } from './volatile.js';
import { renderErrorToDiagnostic, templateErrorToDiagnostic } from './template-error.js';
import { StrataError } from '../../errors/strata-error.js';

/** What one render recorded. */
export interface RenderRecord {
  file: string;
  name: string;
  refs: RefCall[];
  sources: SourceCall[];
  /** Keys set by `config(...)` in the template. */
  config: Record<string, unknown>;
  /** The template asked for run-time state (`is_incremental()`), so it is rendered again at run time. */
  usesRuntime: boolean;
  /** Config known before the render (folder + YAML), for `config.get()`. */
  knownConfig: Record<string, unknown>;
}

export interface RuntimeState {
  isIncremental: boolean;
  /** Answers `run_query` and `statement` at run time (see run-query.ts); `execute` is true with it. */
  queries?: QueryBroker;
  /** Resolve ref/source/this tokens in a query's text, for the record being rendered. */
  resolveSql?: (sql: string, record: RenderRecord) => string;
}

export interface RenderSessionOptions {
  env: nunjucks.Environment;
  projectName: string;
  target: TargetConfig;
  vars: Record<string, unknown>;
  userMacros: MacroDef[];
  crossDb: CrossDbMacros;
  envReader: EnvReader;
  docs: Record<string, DocBlock>;
  logger?: Logger;
  invocationId: string;
}

export interface RenderSession {
  /** Compile template source once; throws a StrataError with file/line on syntax errors. */
  compile(source: string, file: string): nunjucks.Template;
  /**
   * True when this source (or any macro) reads per-invocation values, so its render is not
   * cacheable. `sourceVolatile`: VOLATILE's verdict on the source when already known (the scan's).
   */
  isVolatile(source: string, sourceVolatile?: boolean): boolean;
  render(template: nunjucks.Template, record: RenderRecord, runtime?: RuntimeState, extra?: Record<string, unknown>): string;
  /** Call a macro by name with keyword arguments (generic tests). */
  callMacro(name: string, kwargs: Record<string, unknown>, record: RenderRecord): string;
  hasMacro(name: string): boolean;
  newRecord(file: string, name: string, knownConfig?: Record<string, unknown>): RenderRecord;
}

const USES_EXECUTE = /\bexecute\b/;
/** Compiled templates whose source names `execute` (they render again at run time). */
const readsExecute = new WeakSet<object>();

function packageGuard(args: unknown[], projectName: string, file: string): string {
  const [first, second] = args;
  if (second === undefined || typeof second === 'object') return String(first);
  if (first === projectName) return String(second);
  throw userError('E_REF', `ref('${String(first)}', '${String(second)}'): packages are not supported yet`, {
    file, hint: `Install the package's models into this project, or write ref('${String(second)}').`,
  });
}

export function createRenderSession(options: RenderSessionOptions): RenderSession {
  const { env } = options;
  let current: { record: RenderRecord; runtime?: RuntimeState; statements?: Map<string, QueryResult | undefined> } | undefined;
  const returned: { set: boolean; value: unknown } = { set: false, value: undefined };
  /** A query's result from the run-time broker (undefined at parse time or until it has run). */
  const askBroker = (state: NonNullable<typeof current>, sql: string): QueryResult | undefined => {
    const broker = state.runtime?.queries;
    if (!broker) return undefined;
    return broker.lookup(state.runtime?.resolveSql ? state.runtime.resolveSql(sql, state.record) : sql);
  };
  const need = () => {
    if (!current) throw new Error('render context used outside a render');
    return current;
  };

  const ref = (...args: unknown[]) => {
    const { record } = need();
    const { positional, kwargs } = splitKwargs(args);
    const name = packageGuard(positional, options.projectName, record.file);
    const call: RefCall = { name };
    if (kwargs.version !== undefined || kwargs.v !== undefined) call.version = (kwargs.version ?? kwargs.v) as string;
    const index = record.refs.push(call) - 1;
    return new RelationToken(REF_TOKEN(index), name);
  };
  const source = (sourceName: unknown, table: unknown) => {
    const { record } = need();
    const index = record.sources.push({ source: String(sourceName), table: String(table) }) - 1;
    return new RelationToken(SOURCE_TOKEN(index), String(table), String(sourceName));
  };
  const config = Object.assign(
    (...args: unknown[]) => {
      const { record } = need();
      const { positional, kwargs } = splitKwargs(args);
      const dict = positional[0] && typeof positional[0] === 'object' ? (positional[0] as Record<string, unknown>) : {};
      Object.assign(record.config, dict, kwargs);
      return '';
    },
    {
      get: (key: string, fallback?: unknown) => {
        const { record } = need();
        return record.config[key] ?? record.knownConfig[key] ?? fallback ?? null;
      },
      require: (key: string) => {
        const { record } = need();
        const value = record.config[key] ?? record.knownConfig[key];
        if (value === undefined) throw userError('E_CONFIG', `Config '${key}' is required`, { file: record.file, hint: `Set ${key} in config(...) or project.yml` });
        return value;
      },
    },
  );
  const varFn = (name: string, fallback?: unknown) => {
    if (name in options.vars) return options.vars[name];
    if (fallback !== undefined) return fallback;
    const { record } = need();
    throw userError('E_TEMPLATE', `Required var '${name}' is not defined`, {
      file: record.file, hint: `Add it under vars: in the project file, pass --vars '{${name}: ...}', or give a default: var('${name}', default)`,
    });
  };
  const doc = (name: string) => {
    const block = options.docs[name] ?? Object.values(options.docs).find((d) => d.name === name);
    if (!block) throw userError('E_REF', `doc('${name}') not found`, { file: current?.record.file, hint: 'Define it in a .md file: {% docs ' + name + ' %}...{% enddocs %}' });
    return block.blockContents;
  };
  const target = { ...options.target, profile_name: options.projectName, password: undefined, private_key: undefined, private_key_passphrase: undefined };
  const crossDb: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(options.crossDb)) crossDb[name] = (...args: unknown[]) => (fn as (...a: unknown[]) => string)(...splitKwargs(args).positional.map((a) => (a instanceof RelationToken ? a.token : a)));

  const base: Record<string, unknown> = {
    ...crossDb,
    dbt: crossDb,
    ref,
    source,
    config,
    var: varFn,
    env_var: (name: string, fallback?: unknown) => options.envReader.read(name, fallback),
    doc,
    target,
    project_name: options.projectName,
    is_incremental: () => {
      const state = need();
      state.record.usesRuntime = true;
      return state.runtime?.isIncremental ?? false;
    },
    log: (message: unknown) => {
      options.logger?.info(String(message));
      return '';
    },
    print: (message: unknown) => {
      options.logger?.info(String(message));
      return '';
    },
    exceptions: {
      raise_compiler_error: (message: unknown) => {
        throw userError('E_TEMPLATE', String(message), { file: current?.record.file });
      },
      warn: (message: unknown) => {
        options.logger?.warn(String(message));
        return '';
      },
    },
    run_query: (sql: unknown) => {
      const state = need();
      state.record.usesRuntime = true;
      return toQueryTable(askBroker(state, String(sql)));
    },
    statement: (...args: unknown[]) => {
      const state = need();
      state.record.usesRuntime = true;
      const { positional, kwargs } = splitKwargs(args);
      const name = String(positional[0] ?? kwargs.name ?? 'statement');
      const caller = kwargs.caller as (() => unknown) | undefined;
      const sql = caller ? String(caller()) : '';
      if (state.runtime?.queries && sql.trim()) (state.statements ??= new Map()).set(name, askBroker(state, sql));
      return '';
    },
    load_result: (name: unknown) => {
      const state = need();
      return state.statements?.has(String(name)) ? toLoadResult(state.statements.get(String(name))) : null;
    },
    // dbt's return(): the value replaces the macro's text output (see the library wrapper below).
    return: (value: unknown) => {
      returned.value = value;
      returned.set = true;
      return '';
    },
  };
  base.invocation_id = options.invocationId;
  base.run_started_at = new Date().toISOString();
  // dbt's `execute`: true when the template renders to run (queries can answer), false at parse.
  // nunjucks reads context properties when it copies a context, so the getter cannot tell who
  // uses it: templates that name `execute` are noted at compile and marked when they render.
  Object.defineProperty(base, 'execute', {
    enumerable: true,
    get: () => current?.runtime?.queries !== undefined,
  });
  Object.defineProperty(base, 'this', {
    enumerable: true,
    get: () => new RelationToken(THIS_TOKEN, current?.record.name ?? ''),
  });

  // Defined before the library runs: macros see the context as it was then (adapter.dispatch in macros).
  // `library` is read when dispatch is called, after it is built.
  const adapterObject = {
    type: () => options.target.type,
    quote: (identifier: string) => `"${identifier.replace(/"/g, '""')}"`,
    dispatch: (name: string) => {
      const candidates = [`${options.target.type}__${name}`, `default__${name}`, name];
      const found = candidates.find((c) => typeof library[c] === 'function');
      if (!found) throw userError('E_TEMPLATE', `adapter.dispatch('${name}'): no macro ${candidates.join(' or ')}`, { file: current?.record.file, hint: `Define default__${name} in macros/` });
      return library[found];
    },
  };
  base.adapter = adapterObject;

  // The macro library: builtin generic tests first, user macros override by name.
  const builtin = extractMacros(BUILTIN_TEST_MACROS, '<builtin>', 'strata');
  const byName = new Map<string, MacroDef>();
  for (const m of [...builtin, ...options.userMacros]) byName.set(m.name, m);
  const librarySource = [...byName.values()].map((m) => m.source).join('\n');
  let library: Record<string, unknown>;
  try {
    const template = new (loadNunjucks().Template)(jinjaCompat(librarySource), env, 'macros', true);
    library = {};
    // getExported runs the library's top level (macro definitions only) with the shared context.
    (template as unknown as { getExported(ctx: object, cb: (err: unknown, exported: Record<string, unknown>) => void): void })
      .getExported(base, (err, exported) => {
        if (err) throw err;
        library = exported;
      });
  } catch (err) {
    // Pin the error on the macro file that fails to compile on its own.
    for (const m of byName.values()) {
      try {
        new (loadNunjucks().Template)(jinjaCompat(m.source), env, m.originalFilePath, true);
      } catch (inner) {
        throw new StrataError(templateErrorToDiagnostic(inner, m.originalFilePath, m.line - 1));
      }
    }
    throw new StrataError(templateErrorToDiagnostic(err, 'macros'));
  }
  // Macros called from templates give the value of return() when they call it.
  for (const [name, fn] of Object.entries(library)) {
    if (typeof fn !== 'function') continue;
    library[name] = (...args: unknown[]) => {
      const saved = { ...returned };
      returned.set = false;
      const output = (fn as (...a: unknown[]) => unknown)(...args);
      const result = returned.set ? returned.value : output;
      Object.assign(returned, saved);
      return result;
    };
  }
  const libraryVolatile = VOLATILE.test(librarySource);
  const context: Record<string, unknown> = { ...library, ...base };
  Object.defineProperty(context, 'this', Object.getOwnPropertyDescriptor(base, 'this')!);
  Object.defineProperty(context, 'execute', Object.getOwnPropertyDescriptor(base, 'execute')!);
  for (const [name, fn] of Object.entries(library)) base[name] = fn;

  return {
    compile(source, file) {
      const text = jinjaCompat(source);
      // Most templates render by walking nunjucks' parse tree (fast-render.ts); the rest compile.
      let template = compileFast(text, env, file) as unknown as nunjucks.Template | undefined;
      if (!template) {
        try {
          template = new (loadNunjucks().Template)(text, env, file, true);
        } catch (err) {
          throw new StrataError(templateErrorToDiagnostic(err, file, 0, source));
        }
      }
      if (USES_EXECUTE.test(text)) readsExecute.add(template);
      return template;
    },
    render(template, record, runtime, extra) {
      const previous = current;
      current = { record, runtime };
      try {
        const ctx = extra ? { ...context, ...extra } : context;
        const output = template.render(ctx);
        if (readsExecute.has(template)) record.usesRuntime = true;
        return output;
      } catch (err) {
        throw new StrataError(renderErrorToDiagnostic(err, record.file));
      } finally {
        current = previous;
      }
    },
    callMacro(name, kwargs, record) {
      const macro = library[name] as ((...args: unknown[]) => unknown) | undefined;
      if (typeof macro !== 'function') throw userError('E_REF', `Macro '${name}' is not defined`, { file: record.file });
      const previous = current;
      current = { record };
      try {
        return String(macro({ ...kwargs, __keywords: true }));
      } catch (err) {
        throw new StrataError(templateErrorToDiagnostic(err, record.file));
      } finally {
        current = previous;
      }
    },
    hasMacro: (name) => typeof library[name] === 'function',
    isVolatile: (source, sourceVolatile) => libraryVolatile || (sourceVolatile ?? VOLATILE.test(source)),
    newRecord: (file, name, knownConfig = {}) => ({ file, name, refs: [], sources: [], config: {}, usesRuntime: false, knownConfig }),
  };
}
