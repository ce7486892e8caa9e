/**
 * Turn schema-YAML test declarations into test nodes: the SQL comes from the test macro
 * (`test_<name>`) called with dbt's argument names; `model` is the attached relation.
 */
import type { Diagnostic } from '../errors/strata-error.js';
import { suggestName, StrataError } from '../errors/strata-error.js';
import type { NodeConfig, TestNode } from '../manifest/types.js';
import { finaliseConfig, isEmptyRecord, mergeConfig, resolveFolderConfig } from './folder-config.js';
import { sha256 } from './macros.js';
import type { TestDeclaration } from './schema-yaml.js';
import { REF_TOKEN, RelationToken, SOURCE_TOKEN } from './template/placeholders.js';
import type { RenderRecord, RenderSession } from './template/render-session.js';
import { hashKey, type ParseCache } from './parse-cache.js';
import { flatString, joinedWith } from '../text.js';
import { emptyList, exactArray } from '../arrays.js';
import { isPlainData, MAIN_THREAD_ONLY } from './render-pool.js';

export interface TestAttachment {
  uniqueId: string;
  /** Model/seed name, or `<source>_<table>` for sources. */
  displayName: string;
  name: string;
  sourceName?: string;
  packageName: string;
}

function sanitize(value: unknown): string {
  if (Array.isArray(value)) return joinedWith(value.map(sanitize), '__');
  const text = typeof value === 'object' && value ? JSON.stringify(value) : String(value);
  return text.replace(/[^A-Za-z0-9_]+/g, '_');
}

/** The test's name, joined with `+` (never Array.prototype.join: see joinedWith). */
function testNodeName(decl: TestDeclaration, attachment: TestAttachment): string {
  if (decl.customName) return decl.customName;
  let base = `${decl.testName}_${attachment.displayName}`;
  if (decl.columnName) base += `_${sanitize(decl.columnName)}`;
  let full = base;
  for (const key of Object.keys(decl.kwargs)) if (key !== 'column_name' && key !== 'model') full += `__${sanitize(decl.kwargs[key])}`;
  return full.length <= 64 ? full : `${base.slice(0, 40)}_${sha256(full).slice(0, 10)}`;
}

/** `make` memoised by its key, emptied past 10k keys (a long-lived process parsing many projects). */
function memoised<T>(make: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size > 10_000) known.clear();
      known.set(key, (value = make(key)));
    }
    return value;
  };
}

/**
 * Strings that 30k tests repeat (their raw code), held once: the parse keeps every test node, and
 * fewer strings are fewer to copy when the young generation is collected. Values only: the same
 * text either way.
 */
const shared = memoised((text) => text);

/**
 * Values 30k test nodes share instead of holding a copy each (fewer objects for the young
 * generation to copy): frozen, as nothing changes them (a test has no columns or meta of its own;
 * resolve-dependencies.ts replaces dependsOn.nodes, never changes it).
 */
const NO_COLUMNS: TestNode['columns'] = Object.freeze({});
const NO_META: TestNode['meta'] = Object.freeze({});
const NO_NODES = emptyList<string>();
const NO_SOURCES = emptyList<TestNode['sources'][number]>();
/** The dependsOn.macros of a test of a macro: one frozen list per macro. */
const macroList = memoised((macroId) => Object.freeze([macroId]) as unknown as string[]);

/**
 * The testMetadata of a test declared without arguments (`tests: [unique, not_null]`), one frozen
 * object per test name and column: 20k of 30k tests at 10k models.
 */
const bareMetadata = memoised((key) => {
  const [name, column] = key.split('\0');
  return Object.freeze({ name, kwargs: Object.freeze(column === undefined ? {} : { column_name: column }) });
});

function testMetadataOf(decl: TestDeclaration): NonNullable<TestNode['testMetadata']> {
  const bare = Object.keys(decl.kwargs).length === 0 && (decl.columnName === undefined || !decl.columnName.includes('\0')) && !decl.testName.includes('\0');
  if (bare) return bareMetadata(decl.columnName === undefined ? decl.testName : `${decl.testName}\0${decl.columnName}`);
  return { name: decl.testName, kwargs: { ...decl.kwargs, ...(decl.columnName !== undefined ? { column_name: decl.columnName } : {}) } };
}

/** The folders of a schema file below its root (`models/a/b/_schema.yml` -> a, b), split once per file; do not change the array. */
const foldersOf = memoised((file) => file.split('/').slice(1, -1));

/** Arguments dbt's builtin generic tests cannot do without. */
const REQUIRED_ARGUMENTS: Record<string, string[]> = { accepted_values: ['values'], relationships: ['to', 'field'] };
const REQUIRED_HINT: Record<string, string> = {
  accepted_values: "List them: accepted_values: { values: ['placed', 'shipped'] }",
  relationships: "Name the parent and its key: relationships: { to: ref('customers'), field: customer_id }",
};

/**
 * A test's final config. Tests with the same folder and YAML configs share one object (configs
 * are replaced, never changed in place): 30k tests then hold a handful of configs, which the
 * project state and the parse cache store once.
 */
const testConfigs = new Map<string, NodeConfig>();
function testConfig(folder: Record<string, unknown>, own: Record<string, unknown>): NodeConfig {
  const key = `${JSON.stringify(folder)}\0${JSON.stringify(own)}`;
  let config = testConfigs.get(key);
  if (!config) {
    config = finaliseConfig(mergeConfig(mergeConfig({ severity: 'error' }, folder), own), 'test');
    if (testConfigs.size > 10_000) testConfigs.clear();
    testConfigs.set(key, config);
  }
  return config;
}

/**
 * Test SQL already rendered in this parse, by macro, attached relation token and arguments: 10k
 * `unique(id)` tests render the same text (the attached model is always `__strata_ref_0__`).
 * Only renders that left the record as they found it are kept (a macro that calls ref(), sets
 * config or asks for run-time state renders every time). The caller passes a memo only when no
 * macro may log and none reads what differs between two tests with the same arguments (`this`,
 * the test's config, the attached relation's name): `testSqlMemoFor`.
 */
export type TestSqlMemo = Map<string, string>;

/**
 * Words in macro source that make a test's SQL depend on more than its macro and arguments:
 * `this`, config, run-time state, and the attached relation's name however it is reached
 * (`model.name`, or `rel.identifier` in a macro the test passes `model` to).
 */
const MEMO_UNSAFE = /\b(this|config|invocation_id|run_started_at|execute|run_query|statement|load_result)\b|\bmodel\s*[.[]|\.\s*(identifier|name|table)\b|\[\s*['"](identifier|name|table)['"]\s*\]/;

/**
 * A memo for the tests of a parse whose macros (the project's and the built-in tests) allow one:
 * none may log (MAIN_THREAD_ONLY) or read the above.
 */
export function testSqlMemoFor(macroSources: string[]): TestSqlMemo | undefined {
  return macroSources.some((source) => MAIN_THREAD_ONLY.test(source) || MEMO_UNSAFE.test(source)) ? undefined : new Map();
}

/** The arguments a test stores (all but `model`) and their JSON: the test's id and its memo key both use them. */
function storedArguments(kwargs: Record<string, unknown>): { stored: Record<string, unknown>; json: string } {
  const { model: _model, ...stored } = kwargs;
  return { stored, json: JSON.stringify(stored) };
}

/** A memo key: the macro, the attached relation's token and the stored arguments' JSON. */
function memoKeyText(macroName: string, token: string, json: string): string {
  return `${macroName}\0${token}\0${json}`;
}

function memoKeyOf(macroName: string, args: { stored: Record<string, unknown>; json: string }, model: RelationToken): string | undefined {
  if (!isPlainData(args.stored)) return undefined;
  return memoKeyText(macroName, model.render(), args.json);
}

/** A test argument written with Jinja (rendered every parse). */
function templated(value: unknown): boolean {
  return typeof value === 'string' && /\{\{|\{%/.test(value);
}

/** A test argument that is a ref() or source() call (rendered to its relation's token). */
function isRelationCall(value: unknown): value is string {
  return typeof value === 'string' && /^\s*(ref|source)\s*\(/.test(value);
}

/** A test's raw code: its macro called with its stored arguments' names, one string per text. */
function rawCodeOf(macroName: string, stored: Record<string, unknown>): string {
  return shared(`{{ ${macroName}(${Object.keys(stored).join(', ')}) }}`);
}

/**
 * What every test of one macro, attached relation token and column, declared without arguments
 * (`tests: [unique, not_null]`: 20k of 30k tests at 10k models), would otherwise work out for
 * itself: its stored arguments and their JSON, its memo key and its raw code. `plainColumn`: the
 * column name is neither a ref/source call nor a template, so rendering the arguments changes nothing.
 */
interface BareCall {
  stored: { stored: Record<string, unknown>; json: string };
  memoKey: string;
  rawCode: string;
  plainColumn: boolean;
}

/** The bare calls of one macro and relation token, by column. */
const bareCallsOf = memoised(() => new Map<string | undefined, BareCall>());

function bareCallOf(macroName: string, token: string, columnName: string | undefined): BareCall {
  const byColumn = bareCallsOf(memoKeyText(macroName, token, ''));
  let call = byColumn.get(columnName);
  if (!call) {
    const stored = storedArguments(columnName === undefined ? {} : { column_name: columnName });
    const plainColumn = !isRelationCall(columnName) && !templated(columnName);
    call = {
      stored, plainColumn, memoKey: memoKeyText(macroName, token, stored.json),
      rawCode: rawCodeOf(macroName, stored.stored),
    };
    if (byColumn.size > 10_000) byColumn.clear();
    byColumn.set(columnName, call);
  }
  return call;
}

export function buildGenericTest(
  decl: TestDeclaration,
  attachment: TestAttachment,
  session: RenderSession,
  projectTestsConfig: Record<string, unknown>,
  diagnostics: Diagnostic[],
  cache?: ParseCache,
  memo?: TestSqlMemo,
): TestNode | undefined {
  const macroName = `test_${decl.testName}`;
  if (!session.hasMacro(macroName)) {
    const known = ['not_null', 'unique', 'accepted_values', 'relationships'];
    const guess = suggestName(decl.testName, known);
    diagnostics.push({
      code: 'E_REF', severity: 'error', file: decl.file, line: decl.line,
      message: `Generic test '${decl.testName}' is not defined`,
      hint: guess ? `Did you mean '${guess}'?` : `Define it in macros/ with {% test ${decl.testName}(model, column_name) %} ... {% endtest %}`,
    });
    return undefined;
  }
  // Without these the builtin macros render `not in ()` or `select  as to_field`: a SQL error at run time.
  const missing = (REQUIRED_ARGUMENTS[decl.testName] ?? []).filter((arg) => {
    const value = decl.kwargs[arg];
    const jinja = typeof value === 'string' && /\{\{/.test(value);
    return value === undefined || value === null || value === '' || (arg === 'values' && !jinja && (!Array.isArray(value) || value.length === 0));
  });
  if (missing.length > 0) {
    diagnostics.push({
      code: 'E_CONFIG', severity: 'error', file: decl.file, line: decl.line,
      message: `Test ${decl.testName} on ${attachment.displayName}${decl.columnName ? `.${decl.columnName}` : ''} needs ${missing.map((m) => `'${m}'`).join(' and ')}`,
      hint: REQUIRED_HINT[decl.testName],
    });
    return undefined;
  }
  const name = flatString(testNodeName(decl, attachment));
  const fqn = exactArray([attachment.packageName, ...foldersOf(decl.file), name]);
  const config = testConfig(resolveFolderConfig(projectTestsConfig, fqn), decl.config);
  const record = session.newRecord(decl.file, name, config);
  // The attached relation is the first ref (or source) of the test, as in dbt.
  const modelToken = attachment.sourceName
    ? ((record.sources = [{ source: attachment.sourceName, table: attachment.name }]), SOURCE_TOKEN(0))
    : ((record.refs = [{ name: attachment.name }]), REF_TOKEN(0));
  const rawWhere = typeof config.where === 'string' && config.where.trim() ? config.where : undefined;
  const where = rawWhere && templated(rawWhere) ? String(renderTestArgument(session, rawWhere, decl.file, record)) : rawWhere;
  const model = new RelationToken(where ? `(select * from ${modelToken} where ${where}) dbt_subquery` : modelToken, attachment.name);
  const kwargs: Record<string, unknown> = { ...decl.kwargs, model };
  if (decl.columnName !== undefined) kwargs.column_name = decl.columnName;
  try {
    // Arguments with Jinja read vars and env vars: rendered every parse, never cached. With a memo
    // the parse cache is not used either: the memo renders each distinct call once, which costs
    // less than a key, an entry and its share of the cache file for each of 30k tests.
    const usesJinja = Object.values(decl.kwargs).some((v) => templated(v) || (Array.isArray(v) && v.some(templated)));
    const cacheKey = cache && !memo && !usesJinja ? hashKey('test', macroName, attachment.uniqueId, JSON.stringify(decl.kwargs), String(decl.columnName), where ?? '') : undefined;
    // `args`: the arguments as rendered (ref('x') becomes its token); they name the test's unique id,
    // so a cached test must have the id a fresh render gives.
    let stored: ReturnType<typeof storedArguments> | undefined;
    // A test without arguments: its stored arguments, memo key and raw code are its macro's, relation's and column's.
    const bare = memo && !where && isEmptyRecord(decl.kwargs) ? bareCallOf(macroName, modelToken, decl.columnName) : undefined;
    const hit = cacheKey ? cache!.get<{ renderedCode: string; refs: TestNode['refs']; sources: TestNode['sources']; args?: Record<string, unknown> }>(cacheKey) : undefined;
    let renderedCode: string;
    if (hit?.args) {
      renderedCode = hit.renderedCode;
      record.refs = hit.refs;
      record.sources = hit.sources;
      for (const key of Object.keys(hit.args)) kwargs[key] = hit.args[key];
    } else {
      if (!bare?.plainColumn) for (const [key, value] of Object.entries(kwargs)) {
        if (isRelationCall(value)) {
          kwargs[key] = session.render(session.compile(`{{ ${value} }}`, decl.file), record);
        } else if (templated(value)) {
          kwargs[key] = renderTestArgument(session, value as string, decl.file, record);
        } else if (Array.isArray(value) && value.some(templated)) {
          kwargs[key] = value.map((item) => (templated(item) ? renderTestArgument(session, item as string, decl.file, record) : item));
        }
      }
      // The memo key and, when the memo answers (no macro runs), the test's id take the arguments as they are now.
      stored = bare?.plainColumn ? bare.stored : storedArguments(kwargs);
      const memoKey = bare?.plainColumn ? bare.memoKey : memo ? memoKeyOf(macroName, stored, model) : undefined;
      const known = memoKey !== undefined ? memo!.get(memoKey) : undefined;
      if (known !== undefined) {
        renderedCode = known;
      } else {
        const before = [record.refs.length, record.sources.length, Object.keys(record.config).length];
        renderedCode = session.callMacro(macroName, kwargs, record);
        stored = undefined; // the id takes the arguments as the macro left them (a list argument could change)
        const untouched = record.refs.length === before[0] && record.sources.length === before[1] && Object.keys(record.config).length === before[2] && !record.usesRuntime;
        if (memoKey !== undefined && untouched) memo!.set(memoKey, renderedCode);
      }
      if (cacheKey) {
        const { model: _model, ...args } = kwargs;
        cache!.set(cacheKey, { renderedCode, refs: record.refs, sources: record.sources, args });
      }
    }
    stored ??= storedArguments(kwargs);
    const storedKwargs = stored.stored;
    // What the test is (what it is attached to, its file, arguments and test): the id takes the
    // first 10 characters of its digest, the checksum all of it. Its line is not part of it (a test
    // moved in its file is the same test); its config is compared on its own (state:modified).
    const digest = sha256(`${attachment.uniqueId}|${decl.file}|${stored.json}|${decl.testName}`);
    return {
      uniqueId: flatString(`test.${attachment.packageName}.${name}.${digest.slice(0, 10)}`),
      resourceType: 'test', testType: 'generic', name, packageName: attachment.packageName,
      originalFilePath: decl.file, fqn, tags: config.tags, description: '', columns: NO_COLUMNS, meta: NO_META, config,
      dependsOn: { nodes: NO_NODES, macros: macroList(`macro.${attachment.packageName}.${macroName}`) },
      rawCode: bare && stored === bare.stored ? bare.rawCode : rawCodeOf(macroName, storedKwargs), checksum: digest,
      refs: record.refs, sources: record.sources.length ? record.sources : NO_SOURCES,
      testMetadata: testMetadataOf(decl), attachedNode: attachment.uniqueId, columnName: decl.columnName,
      renderedCode,
    };
  } catch (err) {
    if (err instanceof StrataError) {
      diagnostics.push(...err.diagnostics.map((d) => ({ ...d, file: decl.file, line: d.line ?? decl.line })));
      return undefined;
    }
    throw err;
  }
}

const SINGLE_EXPRESSION = /^\s*\{\{([\s\S]*?)\}\}\s*$/;

/**
 * A test argument or `where` written with Jinja, rendered as dbt does: a value that is one
 * `{{ expression }}` keeps the expression's type (`values: "{{ var('statuses') }}"` is a list);
 * anything else renders to text.
 */
function renderTestArgument(session: RenderSession, value: string, file: string, record: RenderRecord): unknown {
  const single = SINGLE_EXPRESSION.exec(value);
  if (single && !single[1].includes('}}') && !single[1].includes('{{')) {
    let captured: unknown;
    const capture = (v: unknown) => {
      captured = v;
      return '';
    };
    session.render(session.compile(`{{ __strata_native(${single[1]}) }}`, file), record, undefined, { __strata_native: capture });
    return captured;
  }
  return session.render(session.compile(value, file), record);
}
