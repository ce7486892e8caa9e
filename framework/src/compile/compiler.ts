/**
 * Compile nodes: resolve the parse-time tokens to relation names (dialect-quoted), inline
 * ephemeral models as CTEs, and re-render the few templates that read run-time state.
 */
import type { SqlDialect } from '../adapters/adapter.js';
import { isEphemeral, type Manifest, type ManifestNode, type ModelNode, type Relation, type SnapshotNode, type TestNode } from '../manifest/types.js';
import { resolveTokens } from '../parse/template/placeholders.js';
import type { RenderRecord, RenderSession, RuntimeState } from '../parse/template/render-session.js';
import { userError } from '../errors/strata-error.js';
import { nodeValues } from '../manifest/node-list.js';
import { emptyList } from '../arrays.js';

type SqlNode = ModelNode | SnapshotNode | TestNode;

export interface Compiler {
  /** Compiled SQL for a node (cached unless a runtime state is given). */
  compile(node: SqlNode, runtime?: RuntimeState): string;
  /** The fully qualified relation name of a model, seed, snapshot or source. */
  relationNameOf(uniqueId: string): string;
  /**
   * Relation names for the tokens of SQL rendered outside a node's compile (hooks, run_query):
   * `record` holds its ref/source calls, `self` is what `{{ this }}` means there.
   */
  resolveRecordTokens(text: string, record: RenderRecord, file: string, self: string): string;
  /** `--defer`: read an unbuilt parent from another environment's relation. Call before compiling. */
  deferTo(uniqueId: string, relation: Relation): void;
}

const CTE_PREFIX = '__dbt__cte__';
const NO_CTES = emptyList<{ name: string; sql: string }>();

/** Insert CTE definitions in front of a query, merging with a leading WITH if it has one. */
export function injectCtes(sql: string, ctes: Array<{ name: string; sql: string }>): string {
  if (ctes.length === 0) return sql;
  const defs = ctes.map((c) => `${c.name} as (\n${c.sql}\n)`).join(',\n');
  const leading = /^(\s*(?:--[^\n]*\n|\/\*[\s\S]*?\*\/|\s)*)with\s+(recursive\s+)?/i.exec(sql);
  if (leading) {
    return `${leading[1]}with ${leading[2] ?? ''}${defs},\n${sql.slice(leading[0].length)}`;
  }
  return `with ${defs}\n${sql}`;
}

export function createCompiler(manifest: Manifest, dialect: SqlDialect, session?: RenderSession): Compiler {
  const byName = new Map<string, ManifestNode>();
  for (const node of nodeValues(manifest.nodes)) {
    if (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot') byName.set(node.name, node);
  }
  const sourceByKey = new Map(Object.values(manifest.sources).map((s) => [`${s.sourceName}.${s.name}`, s]));
  const cache = new Map<string, { sql: string; ctes: Array<{ name: string; sql: string }> }>();
  const deferred = new Map<string, Relation>();
  /** Quoted relation names by unique id: a model is ref'd by many nodes (and tests). */
  const names = new Map<string, string>();

  const relationNameOf = (uniqueId: string): string => {
    let name = names.get(uniqueId);
    if (name === undefined) {
      const override = deferred.get(uniqueId);
      const node = manifest.nodes[uniqueId] ?? manifest.sources[uniqueId];
      if (!override && (!node || !('relation' in node))) throw new Error(`No relation for ${uniqueId}`);
      name = dialect.relationName(override ?? (node as { relation: Relation }).relation);
      names.set(uniqueId, name);
    }
    return name;
  };

  const refTarget = (name: string, file: string): ManifestNode => {
    const target = byName.get(name);
    if (!target) throw new Error(`Unresolved ref('${name}') in ${file}`);
    return target;
  };
  const sourceRelationName = (call: { source: string; table: string }, file: string): string => {
    const src = sourceByKey.get(`${call.source}.${call.table}`);
    if (!src) throw new Error(`Unresolved source('${call.source}', '${call.table}') in ${file}`);
    return dialect.relationName(src.relation);
  };
  const selfName = (node: SqlNode) => ('relation' in node ? dialect.relationName(node.relation) : node.name);

  /** Relation names in SQL rendered outside a compile (ephemeral models have none to give). */
  const resolveRecordTokens = (text: string, record: RenderRecord, file: string, self: string): string =>
    resolveTokens(text, {
      ref: (i) => {
        const target = refTarget(record.refs[i].name, file);
        if (isEphemeral(target)) {
          throw userError('E_TEMPLATE', `ref('${target.name}') is an ephemeral model: it has no relation to read in a hook or run_query`, { file, hint: 'Materialize it as a view or table, or query its upstream relations.' });
        }
        return relationNameOf(target.uniqueId);
      },
      source: (i) => sourceRelationName(record.sources[i], file),
      self: () => self,
    });

  /**
   * The resolver of a node whose refs name no ephemeral model (nearly all): one object for every
   * such compile, not four closures each. It never compiles another node while it resolves, so
   * the node it is given stays its own; an ephemeral ref sets `inlines`, and the node compiles
   * again the general way.
   */
  const direct = {
    node: undefined as unknown as SqlNode,
    inlines: false,
    ref(i: number): string {
      const target = refTarget(direct.node.refs[i].name, direct.node.originalFilePath);
      if (isEphemeral(target)) {
        direct.inlines = true;
        return '';
      }
      return relationNameOf(target.uniqueId);
    },
    source: (i: number): string => sourceRelationName(direct.node.sources[i], direct.node.originalFilePath),
    self: (): string => selfName(direct.node),
  };

  /** Compile without CTE injection; returns the body and the ephemeral CTEs it needs (ordered). */
  const compileParts = (node: SqlNode, runtime?: RuntimeState): { sql: string; ctes: Array<{ name: string; sql: string }> } => {
    if (!runtime) {
      const hit = cache.get(node.uniqueId);
      if (hit) return hit;
    }
    if (!runtime || !('usesRuntime' in node && node.usesRuntime && session)) {
      direct.node = node;
      direct.inlines = false;
      const sql = resolveTokens(node.renderedCode, direct);
      if (!direct.inlines) {
        const result = { sql, ctes: NO_CTES };
        // Kept for what compiles again (an ephemeral model inlined by many, a model compiled for
        // its run): nothing refs a test, and a test compiles once per command.
        if (!runtime && node.resourceType !== 'test') cache.set(node.uniqueId, result);
        return result;
      }
    }
    let rendered = node.renderedCode;
    let refs = node.refs;
    let sources = node.sources;
    if (runtime && 'usesRuntime' in node && node.usesRuntime && session) {
      const record = session.newRecord(node.originalFilePath, node.name, node.config);
      const withSql: RuntimeState = runtime.queries ? { ...runtime, resolveSql: (text, rec) => resolveRecordTokens(text, rec, node.originalFilePath, selfName(node)) } : runtime;
      rendered = session.render(session.compile(node.rawCode, node.originalFilePath), record, withSql);
      refs = record.refs;
      sources = record.sources;
    }
    // Made on the first ephemeral parent: 40k nodes at 10k models have none.
    let ctes: Array<{ name: string; sql: string }> = NO_CTES;
    let seen: Set<string> | undefined;
    const sql = resolveTokens(rendered, {
      ref: (i) => {
        const target = refTarget(refs[i].name, node.originalFilePath);
        if (isEphemeral(target)) {
          if (!seen) {
            seen = new Set<string>();
            ctes = [];
          }
          const inner = compileParts(target);
          for (const cte of inner.ctes) if (!seen.has(cte.name)) { seen.add(cte.name); ctes.push(cte); }
          const name = `${CTE_PREFIX}${target.name}`;
          if (!seen.has(name)) { seen.add(name); ctes.push({ name, sql: inner.sql }); }
          return name;
        }
        return relationNameOf(target.uniqueId);
      },
      source: (i) => sourceRelationName(sources[i], node.originalFilePath),
      self: () => selfName(node),
    });
    const result = { sql, ctes };
    if (!runtime) cache.set(node.uniqueId, result);
    return result;
  };

  return {
    compile(node, runtime) {
      const { sql, ctes } = compileParts(node, runtime);
      return injectCtes(sql, ctes);
    },
    relationNameOf,
    resolveRecordTokens,
    deferTo(uniqueId, relation) {
      deferred.set(uniqueId, relation);
      cache.clear();
      names.delete(uniqueId);
    },
  };
}
