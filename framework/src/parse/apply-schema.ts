/**
 * Apply schema YAML to parsed nodes: descriptions (with doc()), columns, configs in dbt's order
 * (folder < YAML < config() in SQL), relation names; build sources, exposures and generic tests.
 */
import type { Diagnostic, DiagnosticBag } from '../errors/strata-error.js';
import { StrataError, suggestName } from '../errors/strata-error.js';
import { MATERIALIZATIONS } from '../materialize/plan-node.js';
import type { ColumnInfo, DocBlock, ExposureNode, ModelNode, SeedNode, SnapshotNode, SourceNode, TestNode } from '../manifest/types.js';
import type { ProjectConfig } from '../project/types.js';
import type { Candidate } from './candidate.js';
import { contentDigest, readAheadOf, readDiscovered, type DiscoveredFile, type ReadAheadFiles } from './discover.js';
import { finaliseConfig, isEmptyRecord, mergeConfig } from './folder-config.js';
import { buildGenericTest, type TestAttachment, type TestSqlMemo } from './generic-tests.js';
import { nameRelation } from './relation-naming.js';
import { finaliseSnapshot } from './parse-snapshots.js';
import { readSchemaFile, type ColumnPatch, type TestDeclaration } from './schema-yaml.js';
import type { RenderSession } from './template/render-session.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashKey, type ParseCache } from './parse-cache.js';
import type { SchemaFileContents } from './schema-yaml.js';
import { flatString } from '../text.js';
import { emptyList } from '../arrays.js';

export interface ApplySchemaRequest {
  project: ProjectConfig;
  session: RenderSession;
  bag: DiagnosticBag;
  files: DiscoveredFile[];
  candidates: Candidate<ModelNode | SnapshotNode | SeedNode | TestNode>[];
  docs: Record<string, DocBlock>;
  cache?: ParseCache;
  /** Files already read, by absolute path (ParseOptions.texts). */
  texts?: ReadAheadFiles;
  /**
   * The parse's test-SQL memo (testSqlMemoFor), when its macros allow one: the tests are then
   * rendered once per distinct call and never go through the parse cache, whichever function
   * builds them (30k cache entries of test SQL made a warm full parse's cache 20 MB, not 12.6).
   */
  memo?: TestSqlMemo;
}

export interface SchemaResult {
  tests: TestNode[];
  sources: Record<string, SourceNode>;
  exposures: Record<string, ExposureNode>;
}

const KIND_OF = { models: 'model', seeds: 'seed', snapshots: 'snapshot' } as const;

/** What 30k tests built without a problem reported: one frozen list. */
const NO_DIAGNOSTICS = emptyList<Diagnostic>();

/** A generic test built ahead (buildTestsAhead), with what building it reported. */
interface TestBuiltAhead {
  attachedTo: string;
  test?: TestNode;
  diagnostics: Diagnostic[];
}

/**
 * Schema files read and their generic tests built before the nodes exist: neither needs them (a
 * test needs only its declaration and the unique id of what it is attached to). The two-thread
 * parse does this while the worker renders model templates; applySchemaFiles then uses it, and
 * reports exactly what it would have reported building the same tests itself.
 */
export interface SchemaAhead {
  contents: Map<string, SchemaFileContents>;
  tests: Map<TestDeclaration, TestBuiltAhead>;
}

export function buildTestsAhead(request: Pick<ApplySchemaRequest, 'project' | 'session' | 'files' | 'cache' | 'texts' | 'memo'>): SchemaAhead {
  const { project, session, memo } = request;
  const ahead: SchemaAhead = { contents: new Map(), tests: new Map() };
  const build = (decl: TestDeclaration, attachment: TestAttachment) => {
    const diagnostics: Diagnostic[] = [];
    const test = buildGenericTest(decl, attachment, session, project.tests, diagnostics, request.cache, memo);
    ahead.tests.set(decl, { attachedTo: attachment.uniqueId, test, diagnostics: diagnostics.length ? diagnostics : NO_DIAGNOSTICS });
  };
  for (const file of request.files) {
    const contents = readSchemaContents(file, request.cache, request.texts);
    ahead.contents.set(file.path, contents);
    for (const patch of contents.patches) {
      const attachment: TestAttachment = { uniqueId: flatString(`${KIND_OF[patch.kind]}.${project.name}.${patch.name}`), displayName: patch.name, name: patch.name, packageName: project.name };
      for (const decl of [...patch.tests, ...patch.columns.flatMap((c) => c.tests)]) build(decl, attachment);
    }
  }
  return ahead;
}

/**
 * A schema file's contents as the parse cache holds them: their JSON text where that reads back
 * the same values. For the 22 files at 10k models, JSON takes ~20 ms to write and ~25 ms to read
 * back, structured values (v8.serialize) ~40 and ~80 ms: a cold compile writes the cache after
 * the render worker is done, and a full parse after a schema edit reads the other files back.
 */
type CachedContents = SchemaFileContents | { json: string };

/**
 * JSON gives back what it was given, but for NaN and the infinities (null), -0 (0) and undefined
 * list items (null): a file that could hold one (a null value in the JSON, `.nan`, `.inf` or `-0`
 * in the YAML) is cached as structured values. Undefined properties are left out, as reading them
 * gives undefined either way.
 */
export function schemaContentsForCache(text: string, contents: SchemaFileContents): CachedContents {
  if (/\.(nan|NaN|NAN|inf|Inf|INF)|-0/.test(text)) return contents;
  const json = JSON.stringify(contents);
  // A null value follows a colon, a bracket or a comma (a string that holds such text falls back too).
  return /[:,[]null/.test(json) ? contents : { json };
}

export function schemaContentsFromCache(cached: CachedContents): SchemaFileContents {
  return 'json' in cached ? (JSON.parse(cached.json) as SchemaFileContents) : cached;
}

/** A schema file's contents, from the parse cache when its text is unchanged. */
function readSchemaContents(file: DiscoveredFile, cache: ParseCache | undefined, texts: ReadAheadFiles | undefined): SchemaFileContents {
  const text = readDiscovered(file, texts);
  const key = cache ? hashKey('yaml', file.path, readAheadOf(file, text, texts)?.hash ?? contentDigest(text)) : undefined;
  const cached = key ? cache!.get<CachedContents>(key) : undefined;
  if (cached) return schemaContentsFromCache(cached);
  const contents = readSchemaFile(file, text);
  if (key) cache!.set(key, schemaContentsForCache(text, contents));
  return contents;
}

export function applySchemaFiles(request: ApplySchemaRequest & { ahead?: SchemaAhead }): SchemaResult {
  const { project, session, bag, ahead } = request;
  /** The line of the YAML file where a failing description starts (error path only). */
  const lineOfText = (file: string, text: string): number | undefined => {
    const first = text.split('\n')[0].trim();
    try {
      const index = readFileSync(join(project.projectDir, file), 'utf8').split('\n').findIndex((l) => l.includes(first));
      return index >= 0 ? index + 1 : undefined;
    } catch {
      return undefined;
    }
  };
  // A description is a template of its own: positions inside it are not lines of the YAML file.
  const renderText = (text: string, file: string, line?: number): string => {
    if (!text.includes('{{') && !text.includes('{%')) return text;
    try {
      return session.render(session.compile(text, file), session.newRecord(file, 'description'));
    } catch (err) {
      if (err instanceof StrataError) err.diagnostics.forEach((d) => bag.add({ ...d, line: lineOfText(file, text) ?? line, column: undefined }));
      return text;
    }
  };
  const toColumns = (patches: ColumnPatch[], file: string): Record<string, ColumnInfo> =>
    Object.fromEntries(patches.map((c) => [c.name, { name: c.name, description: renderText(c.description, file), dataType: c.dataType, meta: c.meta, tags: c.tags }]));

  // By resource type, then name (no key string made for each of 10k nodes and 10k patches).
  const byKind = new Map<string, Map<string, Candidate<ModelNode | SnapshotNode | SeedNode | TestNode>>>();
  for (const c of request.candidates) {
    let byName = byKind.get(c.node.resourceType);
    if (!byName) byKind.set(c.node.resourceType, (byName = new Map()));
    byName.set(c.node.name, c);
  }
  const yamlConfig = new Map<string, Record<string, unknown>>();
  /**
   * The tests of each patch or source table, in order: its own, then its columns'. Built once the
   * configs are final, and only for an enabled node (a source's are always built).
   */
  const pendingTests: Array<{ own: TestDeclaration[]; columns: Array<{ tests: TestDeclaration[] }>; attachment: TestAttachment; node?: { config: { enabled: boolean } } }> = [];
  const sources: Record<string, SourceNode> = {};
  const exposures: Record<string, ExposureNode> = {};

  for (const file of request.files) {
    const contents = ahead?.contents.get(file.path) ?? readSchemaContents(file, request.cache, request.texts);
    contents.diagnostics.forEach((d) => bag.add(d));
    for (const patch of contents.patches) {
      const candidate = byKind.get(KIND_OF[patch.kind])?.get(patch.name);
      if (!candidate) {
        bag.add({ code: 'E_REF', severity: 'warn', file: patch.file, line: patch.line, message: `${patch.kind.slice(0, -1)} '${patch.name}' is documented here but no such file exists`, hint: `Create ${patch.kind === 'seeds' ? 'seeds' : 'models'}/.../${patch.name}.${patch.kind === 'seeds' ? 'csv' : 'sql'} or fix the name.` });
        continue;
      }
      const node = candidate.node;
      node.description = renderText(patch.description, patch.file, patch.line);
      node.columns = toColumns(patch.columns, patch.file);
      node.meta = patch.meta;
      node.patchPath = patch.file;
      yamlConfig.set(node.uniqueId, patch.config);
      const attachment: TestAttachment = { uniqueId: node.uniqueId, displayName: node.name, name: node.name, packageName: project.name };
      pendingTests.push({ own: patch.tests, columns: patch.columns, attachment, node });
    }
    for (const s of contents.sources) {
      const uniqueId = `source.${project.name}.${s.sourceName}.${s.name}`;
      if (sources[uniqueId]) {
        bag.add({ code: 'E_DUPLICATE', file: s.file, line: s.line, message: `Source table ${s.sourceName}.${s.name} is declared twice (also in ${sources[uniqueId].originalFilePath})`, hint: 'Declare each source table once.' });
        continue;
      }
      const database = s.database ?? (project.target.database as string | undefined);
      sources[uniqueId] = {
        uniqueId, resourceType: 'source', name: s.name, sourceName: s.sourceName, sourceDescription: renderText(s.sourceDescription, s.file),
        packageName: project.name, originalFilePath: s.file, fqn: [project.name, s.sourceName, s.name], tags: s.tags,
        description: renderText(s.description, s.file), columns: toColumns(s.columns, s.file), meta: s.meta,
        config: { enabled: true, materialized: 'source', tags: s.tags }, dependsOn: { nodes: [], macros: [] }, loader: s.loader,
        relation: database ? { database, schema: s.schema, identifier: s.identifier } : { schema: s.schema, identifier: s.identifier },
      };
      const attachment: TestAttachment = { uniqueId, displayName: `source_${s.sourceName}_${s.name}`, name: s.name, sourceName: s.sourceName, packageName: project.name };
      pendingTests.push({ own: s.tests, columns: s.columns, attachment });
    }
    for (const e of contents.exposures) {
      const record = session.newRecord(e.file, e.name);
      for (const dep of e.dependsOn) {
        try {
          session.render(session.compile(`{{ ${dep} }}`, e.file), record);
        } catch (err) {
          if (err instanceof StrataError) err.diagnostics.forEach((d) => bag.add({ ...d, line: d.line ?? e.line }));
        }
      }
      const uniqueId = `exposure.${project.name}.${e.name}`;
      exposures[uniqueId] = {
        uniqueId, resourceType: 'exposure', name: e.name, type: e.type, label: e.label, url: e.url, owner: e.owner,
        packageName: project.name, originalFilePath: e.file, fqn: [project.name, e.name], tags: e.tags,
        description: renderText(e.description, e.file), columns: {}, meta: e.meta,
        config: { enabled: true, materialized: 'exposure', tags: e.tags }, dependsOn: { nodes: [], macros: [] },
        refs: record.refs, sources: record.sources,
      };
    }
  }

  /** A model's materialization must be one Strata has (before, a number fell back to view silently). */
  const checkMaterialized = (name: string, value: unknown, file: string) => {
    if (value === undefined || (typeof value === 'string' && MATERIALIZATIONS.includes(value))) return;
    const guess = typeof value === 'string' ? suggestName(value, MATERIALIZATIONS) : undefined;
    bag.add({
      code: 'E_CONFIG', file, line: lineOfMaterialized(file, value),
      message: typeof value === 'string' ? `Model '${name}': unknown materialization '${value}'` : `Model '${name}': materialized must be a name, not ${JSON.stringify(value)}`,
      hint: `${guess ? `Did you mean '${guess}'? ` : ''}Use one of: ${MATERIALIZATIONS.join(', ')}.`,
    });
  };
  const lineOfMaterialized = (file: string, value: unknown): number | undefined => {
    try {
      const index = readFileSync(join(project.projectDir, file), 'utf8').split('\n').findIndex((l) => /materiali[sz]ed/.test(l) && l.includes(String(value)));
      return index >= 0 ? index + 1 : undefined;
    } catch {
      return undefined;
    }
  };

  // Final configs, in dbt's precedence, then relation names (schema/alias may come from any layer).
  for (const c of request.candidates) {
    const node = c.node;
    // Merging an empty YAML config would only copy the folder config once more (most models' YAML sets none).
    const fromYaml = yamlConfig.get(node.uniqueId);
    const merged = mergeConfig(fromYaml === undefined || isEmptyRecord(fromYaml) ? c.folderConfig : mergeConfig(c.folderConfig, fromYaml), c.inlineConfig);
    if (node.resourceType === 'model' && merged.enabled !== false) {
      const setIn = c.inlineConfig.materialized !== undefined ? node.originalFilePath
        : fromYaml?.materialized !== undefined && node.patchPath ? node.patchPath : project.configFile;
      checkMaterialized(node.name, merged.materialized, setIn);
    }
    node.config = finaliseConfig(merged, node.config.materialized);
    node.tags = node.config.tags;
    if (node.resourceType === 'seed') {
      const declared = (node.config.column_types ?? {}) as Record<string, string>;
      for (const [col, type] of Object.entries(declared)) {
        if (!node.columnNames.includes(col)) {
          bag.add({ code: 'E_CONFIG', severity: 'warn', file: node.originalFilePath, message: `column_types names '${col}', which is not a column of the seed`, hint: `Columns: ${node.columnNames.join(', ')}` });
        } else node.columnTypes[col] = String(type);
      }
    }
    if (node.resourceType !== 'test') {
      node.relation = nameRelation({ name: node.name, file: node.originalFilePath, config: node.config }, project.target, session);
    }
    if (node.resourceType === 'snapshot') finaliseSnapshot(node, bag);
  }

  const tests: TestNode[] = [];
  const addTest = (decl: TestDeclaration, attachment: TestAttachment) => {
    const built = ahead?.tests.get(decl);
    let test: TestNode | undefined;
    if (built && built.attachedTo === attachment.uniqueId) {
      test = built.test;
      built.diagnostics.forEach((d) => bag.add(d));
    } else {
      const diagnostics: Diagnostic[] = [];
      test = buildGenericTest(decl, attachment, session, project.tests, diagnostics, request.cache, request.memo);
      diagnostics.forEach((d) => bag.add(d));
    }
    if (test) tests.push(test);
  };
  for (const { own, columns, attachment, node } of pendingTests) {
    if (node && !node.config.enabled) continue;
    for (const decl of own) addTest(decl, attachment);
    for (const column of columns) for (const decl of column.tests) addTest(decl, attachment);
  }
  return { tests, sources, exposures };
}
