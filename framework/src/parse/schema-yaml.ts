/**
 * Schema YAML files (`version: 2`): model/seed patches, sources, exposures, and the test
 * declarations they carry. Pure reading; turning test declarations into nodes is generic-tests.ts.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../errors/strata-error.js';
import { suggestName } from '../errors/strata-error.js';
import { parseYamlText } from '../project/yaml-file.js';
import type { DiscoveredFile } from './discover.js';
import { emptyList } from '../arrays.js';

export interface TestDeclaration {
  /** Generic test name, e.g. `not_null` or `dbt_utils.expression_is_true` (namespace dropped). */
  testName: string;
  kwargs: Record<string, unknown>;
  config: Record<string, unknown>;
  /** Custom name given with `name:`. */
  customName?: string;
  columnName?: string;
  file: string;
  line?: number;
}

export interface ColumnPatch {
  name: string;
  description: string;
  dataType?: string;
  meta: Record<string, unknown>;
  tags: string[];
  tests: TestDeclaration[];
}

export interface NodePatch {
  kind: 'models' | 'seeds' | 'snapshots';
  name: string;
  description: string;
  config: Record<string, unknown>;
  columns: ColumnPatch[];
  tests: TestDeclaration[];
  meta: Record<string, unknown>;
  file: string;
  line?: number;
}

export interface SourceTableDecl {
  sourceName: string;
  sourceDescription: string;
  name: string;
  identifier: string;
  schema: string;
  database?: string;
  loader?: string;
  description: string;
  columns: ColumnPatch[];
  tests: TestDeclaration[];
  meta: Record<string, unknown>;
  tags: string[];
  file: string;
  line?: number;
}

export interface ExposureDecl {
  name: string;
  type: string;
  label?: string;
  url?: string;
  description: string;
  owner?: { name?: string; email?: string };
  dependsOn: string[];
  tags: string[];
  meta: Record<string, unknown>;
  file: string;
  line?: number;
}

export interface SchemaFileContents {
  patches: NodePatch[];
  sources: SourceTableDecl[];
  exposures: ExposureDecl[];
  diagnostics: Diagnostic[];
}

const TOP_KEYS = ['version', 'models', 'seeds', 'snapshots', 'sources', 'exposures', 'macros', 'metrics', 'semantic_models', 'saved_queries', 'groups', 'analyses', 'unit_tests', 'data_tests'];
const TEST_CONFIG_KEYS = ['severity', 'where', 'warn_if', 'error_if', 'store_failures', 'limit', 'tags', 'enabled', 'meta', 'fail_calc', 'alias', 'schema', 'database'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
/**
 * The empty arguments, config, meta and tags that most of 30k test declarations and their
 * columns have: one frozen value each instead of an object or list per declaration (fewer for
 * the garbage collector to copy; the parse cache then stores each once). Nothing changes them:
 * generic-tests.ts copies a declaration's arguments before it adds to them.
 */
const NONE: Obj = Object.freeze({}) as Obj;
const NO_TAGS = emptyList<string>();
const orNone = (value: Obj): Obj => (Object.keys(value).length ? value : NONE);

function readTests(list: unknown, file: string, lineOf: (p: (string | number)[]) => number | undefined, path: (string | number)[], columnName?: string): TestDeclaration[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry, i) => {
    const line = lineOf([...path, i]);
    if (typeof entry === 'string') return { testName: entry.split('.').pop()!, kwargs: NONE, config: NONE, columnName, file, line };
    if (!isObj(entry)) return { testName: String(entry), kwargs: NONE, config: NONE, columnName, file, line };
    const [testKey, rawArgs] = Object.entries(entry)[0] ?? ['', {}];
    const args = isObj(rawArgs) ? { ...rawArgs } : {};
    // dbt 1.10+: arguments under `arguments:`; older: alongside configs.
    const kwargs: Obj = isObj(args.arguments) ? { ...(args.arguments as Obj) } : {};
    const config: Obj = isObj(args.config) ? { ...(args.config as Obj) } : {};
    for (const [k, v] of Object.entries(args)) {
      if (k === 'config' || k === 'arguments' || k === 'name' || k === 'test_name' || k === 'description') continue;
      if (TEST_CONFIG_KEYS.includes(k)) config[k] = v;
      else kwargs[k] = v;
    }
    const testName = str(args.test_name ?? testKey).split('.').pop()!;
    return { testName, kwargs: orNone(kwargs), config: orNone(config), customName: args.name ? str(args.name) : undefined, columnName, file, line };
  });
}

function readColumns(list: unknown, file: string, lineOf: (p: (string | number)[]) => number | undefined, path: (string | number)[]): ColumnPatch[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObj).map((c, i) => ({
    name: str(c.name),
    description: str(c.description),
    dataType: c.data_type ? str(c.data_type) : undefined,
    meta: isObj(c.meta) ? c.meta : NONE,
    tags: Array.isArray(c.tags) ? c.tags.map(String) : NO_TAGS,
    tests: [
      ...readTests(c.tests, file, lineOf, [...path, i, 'tests'], str(c.name)),
      ...readTests(c.data_tests, file, lineOf, [...path, i, 'data_tests'], str(c.name)),
    ],
  }));
}

export function readSchemaFile(file: DiscoveredFile, text: string = readFileSync(file.absolutePath, 'utf8')): SchemaFileContents {
  const out: SchemaFileContents = { patches: [], sources: [], exposures: [], diagnostics: [] };
  const parsed = parseYamlText(text, file.path);
  if (parsed.diagnostics.length) {
    out.diagnostics.push(...parsed.diagnostics);
    return out;
  }
  if (parsed.value === null || parsed.value === undefined) return out;
  if (!isObj(parsed.value)) {
    out.diagnostics.push({ code: 'E_YAML', severity: 'error', file: file.path, line: 1, message: 'A schema file must be a mapping (version: 2, models: [...])', hint: 'Start the file with `version: 2`.' });
    return out;
  }
  const doc = parsed.value;
  const lineOf = parsed.lineOf;
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key)) {
      const guess = suggestName(key, TOP_KEYS);
      out.diagnostics.push({ code: 'E_YAML', severity: 'warn', file: file.path, line: lineOf([key]), message: `Unknown key '${key}' is ignored`, hint: guess ? `Did you mean '${guess}'?` : undefined });
    }
  }
  for (const kind of ['models', 'seeds', 'snapshots'] as const) {
    const list = doc[kind];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      out.diagnostics.push({ code: 'E_YAML', severity: 'error', file: file.path, line: lineOf([kind]), message: `'${kind}' must be a list`, hint: `Write ${kind}:\n  - name: my_${kind.slice(0, -1)}` });
      continue;
    }
    list.forEach((m, i) => {
      if (!isObj(m) || typeof m.name !== 'string') {
        out.diagnostics.push({ code: 'E_YAML', severity: 'error', file: file.path, line: lineOf([kind, i]), message: `Entry ${i + 1} under '${kind}' has no name`, hint: 'Each entry needs `name: <node name>`.' });
        return;
      }
      out.patches.push({
        kind, name: m.name, description: str(m.description), config: isObj(m.config) ? m.config : {},
        columns: readColumns(m.columns, file.path, lineOf, [kind, i, 'columns']),
        tests: [...readTests(m.tests, file.path, lineOf, [kind, i, 'tests']), ...readTests(m.data_tests, file.path, lineOf, [kind, i, 'data_tests'])],
        meta: isObj(m.meta) ? m.meta : {}, file: file.path, line: lineOf([kind, i]),
      });
    });
  }
  if (Array.isArray(doc.sources)) {
    doc.sources.forEach((s, i) => {
      if (!isObj(s) || typeof s.name !== 'string') {
        out.diagnostics.push({ code: 'E_YAML', severity: 'error', file: file.path, line: lineOf(['sources', i]), message: `Source ${i + 1} has no name`, hint: 'Each source needs `name:` and `tables:`.' });
        return;
      }
      const tables = Array.isArray(s.tables) ? s.tables : [];
      tables.forEach((t, j) => {
        if (!isObj(t) || typeof t.name !== 'string') return;
        out.sources.push({
          sourceName: s.name as string, sourceDescription: str(s.description), name: t.name,
          identifier: str(t.identifier || t.name), schema: str(s.schema || s.name),
          database: s.database ? str(s.database) : undefined, loader: s.loader ? str(s.loader) : undefined,
          description: str(t.description), columns: readColumns(t.columns, file.path, lineOf, ['sources', i, 'tables', j, 'columns']),
          tests: [...readTests(t.tests, file.path, lineOf, ['sources', i, 'tables', j, 'tests']), ...readTests(t.data_tests, file.path, lineOf, ['sources', i, 'tables', j, 'data_tests'])],
          meta: isObj(t.meta) ? t.meta : {}, tags: Array.isArray(t.tags) ? t.tags.map(String) : [],
          file: file.path, line: lineOf(['sources', i, 'tables', j]),
        });
      });
    });
  }
  if (Array.isArray(doc.exposures)) {
    doc.exposures.filter(isObj).forEach((e, i) => {
      out.exposures.push({
        name: str(e.name), type: str(e.type || 'dashboard'), label: e.label ? str(e.label) : undefined, url: e.url ? str(e.url) : undefined,
        description: str(e.description), owner: isObj(e.owner) ? (e.owner as ExposureDecl['owner']) : undefined,
        dependsOn: Array.isArray(e.depends_on) ? e.depends_on.map(String) : [], tags: Array.isArray(e.tags) ? e.tags.map(String) : [],
        meta: isObj(e.meta) ? e.meta : {}, file: file.path, line: lineOf(['exposures', i]),
      });
    });
  }
  return out;
}
