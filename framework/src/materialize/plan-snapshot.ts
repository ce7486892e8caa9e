/**
 * Snapshots (dbt's SCD type 2): every version of every row of a select, with
 * `dbt_scd_id`, `dbt_updated_at`, `dbt_valid_from` and `dbt_valid_to` (NULL for the current
 * version). The first run builds the table beside the live name and swaps it in; later runs
 * stage the select into `<name>__strata_source`, then close changed (and, by config, deleted)
 * rows and insert their new versions in one transaction, so a failed run leaves the history as
 * it was. Pure: the runner stages the select and reads both column lists first.
 */
import type { ColumnType, SqlDialect } from '../adapters/adapter.js';
import { suggestName, userError } from '../errors/strata-error.js';
import type { SnapshotNode } from '../manifest/types.js';
import { altersThenDml, buildBesideAndSwap, sqlStep, stagedRelation, stageSelectSteps, type Plan, type PlanContext, type SqlStep } from './plan.js';

export const SNAPSHOT_STRATEGIES = ['timestamp', 'check'] as const;
export const HARD_DELETES = ['ignore', 'invalidate', 'new_record'] as const;

/** The meta columns a snapshot adds (dbt's names; `snapshot_meta_column_names` renames them). */
export interface SnapshotMetaColumns {
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_is_deleted: string;
}

export interface SnapshotConfig {
  strategy: (typeof SNAPSHOT_STRATEGIES)[number];
  uniqueKey: string[];
  /** timestamp strategy: the column that says when a row last changed. */
  updatedAt?: string;
  /** check strategy: the columns compared, or every column of the select. */
  checkCols?: string[] | 'all';
  hardDeletes: (typeof HARD_DELETES)[number];
  meta: SnapshotMetaColumns;
  /** SQL for dbt_valid_to of current rows (dbt's `dbt_valid_to_current`); NULL when absent. */
  validToCurrent?: string;
}

const DEFAULT_META: SnapshotMetaColumns = {
  dbt_scd_id: 'dbt_scd_id', dbt_updated_at: 'dbt_updated_at', dbt_valid_from: 'dbt_valid_from', dbt_valid_to: 'dbt_valid_to', dbt_is_deleted: 'dbt_is_deleted',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Where this snapshot's config is written, for hints. */
function configPlace(node: SnapshotNode): string {
  return /\.ya?ml$/.test(node.originalFilePath)
    ? `under config: of snapshot '${node.name}' in ${node.originalFilePath}`
    : `to the config(...) call inside {% snapshot ${node.name} %} in ${node.originalFilePath}`;
}

function configError(node: SnapshotNode, message: string, fix: string) {
  return userError('E_CONFIG', `Snapshot '${node.name}': ${message}`, { file: node.originalFilePath, hint: fix });
}

function columnList(node: SnapshotNode, key: string, value: unknown, example: string): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : null;
  if (!list || list.length === 0) {
    throw configError(node, `${key} is ${value === undefined || value === null ? 'missing' : `not a column name or list (${JSON.stringify(value)})`}`, `Add ${key}=${example} ${configPlace(node)}.`);
  }
  for (const column of list) {
    if (typeof column !== 'string' || !IDENTIFIER.test(column)) {
      throw configError(node, `${key} must name columns of the select, not ${JSON.stringify(column)}`, `Compute the value as a column in the snapshot's select and name that column in ${key}.`);
    }
  }
  return list as string[];
}

/** The snapshot's config, validated: a user error naming the file and the fix otherwise. */
export function snapshotConfigOf(node: SnapshotNode): SnapshotConfig {
  const c = node.config;
  const strategy = c.strategy;
  if (strategy === undefined || strategy === null || strategy === '') {
    throw configError(node, 'strategy is missing', `Add strategy='timestamp' with updated_at='<column>', or strategy='check' with check_cols=['<column>', ...] (or 'all'), ${configPlace(node)}.`);
  }
  if (typeof strategy !== 'string' || !(SNAPSHOT_STRATEGIES as readonly string[]).includes(strategy)) {
    const guess = typeof strategy === 'string' ? suggestName(strategy, SNAPSHOT_STRATEGIES) : undefined;
    throw configError(node, `unknown strategy ${JSON.stringify(strategy)}`, `${guess ? `Did you mean '${guess}'? ` : ''}Use strategy='timestamp' or strategy='check'.`);
  }
  const uniqueKey = columnList(node, 'unique_key', c.unique_key, "'id' (or a list of columns)");
  const config: SnapshotConfig = { strategy: strategy as SnapshotConfig['strategy'], uniqueKey, hardDeletes: 'ignore', meta: { ...DEFAULT_META } };
  if (strategy === 'timestamp') {
    if (c.updated_at === undefined || c.updated_at === null || c.updated_at === '') {
      throw configError(node, "strategy 'timestamp' needs updated_at", `Add updated_at='<column that says when the row last changed>' ${configPlace(node)}, or use strategy='check' with check_cols.`);
    }
    if (typeof c.updated_at !== 'string' || !IDENTIFIER.test(c.updated_at)) {
      throw configError(node, `updated_at must name a column of the select, not ${JSON.stringify(c.updated_at)}`, 'Compute the timestamp as a column in the select and name that column in updated_at.');
    }
    config.updatedAt = c.updated_at;
  } else {
    const cols = c.check_cols;
    if (cols === 'all') config.checkCols = 'all';
    else if (cols === undefined || cols === null || typeof cols === 'string' && cols.trim() === '') {
      throw configError(node, "strategy 'check' needs check_cols", `Add check_cols=['<column>', ...] (the columns whose change makes a new version) or check_cols='all' ${configPlace(node)}.`);
    } else if (!Array.isArray(cols)) {
      throw configError(node, `check_cols must be a list of columns or 'all', not ${JSON.stringify(cols)}`, `Write check_cols=[${JSON.stringify(String(cols))}] or check_cols='all'.`);
    } else config.checkCols = columnList(node, 'check_cols', cols, "['<column>', ...]");
  }
  const hard = c.hard_deletes;
  if (hard !== undefined && hard !== null) {
    if (typeof hard !== 'string' || !(HARD_DELETES as readonly string[]).includes(hard)) {
      throw configError(node, `unknown hard_deletes ${JSON.stringify(hard)}`, `Use one of: ${HARD_DELETES.join(', ')}.`);
    }
    config.hardDeletes = hard as SnapshotConfig['hardDeletes'];
  } else if (c.invalidate_hard_deletes === true || c.invalidate_hard_deletes === 'true') {
    config.hardDeletes = 'invalidate';
  }
  for (const key of ['target_schema', 'target_database'] as const) {
    const value = c[key];
    if (value !== undefined && value !== null && (typeof value !== 'string' || value.trim() === '')) {
      throw configError(node, `${key} must be a name, not ${JSON.stringify(value)}`, `Write ${key}='snapshots' or leave it out.`);
    }
  }
  const names = c.snapshot_meta_column_names;
  if (names !== undefined && names !== null) {
    if (typeof names !== 'object' || Array.isArray(names)) {
      throw configError(node, 'snapshot_meta_column_names must be a mapping', 'Write snapshot_meta_column_names={"dbt_valid_from": "valid_from", ...}.');
    }
    for (const [key, value] of Object.entries(names as Record<string, unknown>)) {
      if (!(key in DEFAULT_META)) {
        const guess = suggestName(key, Object.keys(DEFAULT_META));
        throw configError(node, `snapshot_meta_column_names has an unknown key '${key}'`, `${guess ? `Did you mean '${guess}'? ` : ''}Keys: ${Object.keys(DEFAULT_META).join(', ')}.`);
      }
      if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
        throw configError(node, `snapshot_meta_column_names.${key} must be a column name, not ${JSON.stringify(value)}`, 'Use a plain column name.');
      }
      config.meta[key as keyof SnapshotMetaColumns] = value;
    }
  }
  const current = c.dbt_valid_to_current;
  if (current !== undefined && current !== null) {
    if (typeof current !== 'string' || current.trim() === '') {
      throw configError(node, 'dbt_valid_to_current must be a SQL expression', `Write dbt_valid_to_current="cast('9999-12-31' as timestamp)" or leave it out (current rows then have NULL).`);
    }
    config.validToCurrent = current;
  }
  return config;
}

/** Context of a snapshot plan: when it runs, and for a snapshot that exists, both column lists. */
export interface SnapshotPlanContext extends PlanContext {
  /** The run's time, `YYYY-MM-DD HH:MM:SS.mmm` (UTC): the check strategy's and hard deletes' timestamp. */
  snapshotTime: string;
  /** A snapshot that exists: columns of the live table and of the staged select (the runner reads them). */
  columns?: { existing: ColumnType[]; source: ColumnType[] };
}

/** The time a snapshot run stamps on versions, as the planner wants it. */
export function snapshotTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Where the select's rows are staged before they are compared with the snapshot. */
export function snapshotSourceRelation(node: SnapshotNode) {
  return stagedRelation(node.relation, '__strata_source');
}

/** The select without trailing semicolons, so it can be wrapped in a subquery. */
function asSubquery(sql: string): string {
  return sql.trim().replace(/;+\s*$/, '');
}

/**
 * The statements that stage the select (drop a stale copy, create it). The runner runs them
 * before planning a snapshot that exists, to read the select's columns.
 */
export function snapshotStagingSteps(node: SnapshotNode, compiledSql: string, dialect: SqlDialect): SqlStep[] {
  return stageSelectSteps(dialect, snapshotSourceRelation(node), asSubquery(compiledSql), { drop: 'drop stale staged select', create: 'stage select' });
}

/** SQL pieces of one snapshot on one dialect. */
function sqlKit(node: SnapshotNode, config: SnapshotConfig, ctx: SnapshotPlanContext) {
  const { dialect } = ctx;
  const { macros } = dialect;
  const q = (c: string) => dialect.quoteIdentifier(c);
  const m = {
    scd: q(config.meta.dbt_scd_id), updated: q(config.meta.dbt_updated_at), from: q(config.meta.dbt_valid_from),
    to: q(config.meta.dbt_valid_to), deleted: q(config.meta.dbt_is_deleted),
  };
  const now = `cast(${dialect.stringLiteral(ctx.snapshotTime)} as ${macros.type_timestamp()})`;
  const text = (expr: string) => `coalesce(cast(${expr} as ${macros.type_string()}), '')`;
  /** dbt_scd_id: md5 of the key columns and the version's timestamp, joined with '|'. */
  const scdId = (alias: string, stampText: string) =>
    macros.hash(macros.concat(...config.uniqueKey.flatMap((k) => [text(`${alias}.${q(k)}`), "'|'"]), stampText));
  /** The version's timestamp: updated_at (timestamp strategy) or the run's time (check strategy). */
  const stamp = (alias: string) => (config.strategy === 'timestamp' ? `${alias}.${q(config.updatedAt!)}` : now);
  const stampText = (alias: string) => (config.strategy === 'timestamp' ? text(stamp(alias)) : dialect.stringLiteral(ctx.snapshotTime));
  const keyMatch = (a: string, b: string) => config.uniqueKey.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' and ');
  const isCurrent = (alias: string) =>
    config.validToCurrent ? `(${alias}.${m.to} is null or ${alias}.${m.to} = ${config.validToCurrent})` : `${alias}.${m.to} is null`;
  const currentValue = config.validToCurrent ?? 'null';
  const isDeletedMarker = (alias: string) => `coalesce(${alias}.${m.deleted}, 'False') = 'True'`;
  return { q, m, now, scdId, stamp, stampText, keyMatch, isCurrent, currentValue, isDeletedMarker };
}

/** The first run: the select with the meta columns, built beside the live name and swapped in. */
function planFirstBuild(node: SnapshotNode, compiledSql: string, config: SnapshotConfig, ctx: SnapshotPlanContext): Plan {
  const { dialect, capabilities } = ctx;
  const k = sqlKit(node, config, ctx);
  const stamp = k.stamp('sbq');
  const validTo = config.validToCurrent ? `coalesce(nullif(${stamp}, ${stamp}), ${config.validToCurrent})` : `nullif(${stamp}, ${stamp})`;
  const meta = [
    `${k.scdId('sbq', k.stampText('sbq'))} as ${k.m.scd}`,
    `${stamp} as ${k.m.updated}`,
    `${stamp} as ${k.m.from}`,
    `${validTo} as ${k.m.to}`,
    ...(config.hardDeletes === 'new_record' ? [`'False' as ${k.m.deleted}`] : []),
  ];
  // One wrapper line before the select, so the warehouse's line numbers are one off, as for tables.
  const select = `select sbq.*, ${meta.join(', ')} from (${asSubquery(compiledSql)}\n) as sbq`;
  // History cannot be rebuilt: never a TRANSIENT table (no Fail-safe) unless asked for.
  const transient = capabilities.transientTables && node.config.transient === true;
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'snapshot',
    // Only reached when no table exists (a view is refused first), so the swap replaces nothing.
    steps: buildBesideAndSwap(ctx, node.relation, (staged) => sqlStep(dialect.createTableAs(staged, select, { transient }), 'create staged snapshot', true)),
  };
}

/**
 * A snapshot that exists: new columns of the select are added, then in one transaction changed
 * rows are closed, deleted rows handled per `hard_deletes`, and new versions and new keys inserted.
 */
function planUpdate(node: SnapshotNode, config: SnapshotConfig, ctx: SnapshotPlanContext): Plan {
  const { dialect } = ctx;
  const columns = ctx.columns;
  if (!columns) throw new Error(`planSnapshot(${node.uniqueId}): the columns of the live snapshot and of the staged select are needed`);
  const k = sqlKit(node, config, ctx);
  const low = (s: string) => s.toLowerCase();
  const metaNames = new Set(Object.values(config.meta).map(low));
  const existing = new Map(columns.existing.map((c) => [low(c.name), c]));
  const rel = dialect.relationName(node.relation);
  if (!existing.has(low(config.meta.dbt_valid_to)) || !existing.has(low(config.meta.dbt_valid_from))) {
    throw userError('E_CONFIG', `${rel} exists but is not a snapshot (it has no ${config.meta.dbt_valid_from} / ${config.meta.dbt_valid_to} columns)`, {
      file: node.originalFilePath, hint: `Drop or rename that table, or point snapshot '${node.name}' elsewhere (schema/alias).`,
    });
  }
  const sourceNames = new Set(columns.source.map((c) => low(c.name)));
  const clash = columns.source.find((c) => metaNames.has(low(c.name)));
  if (clash) {
    throw configError(node, `the select returns a column named ${clash.name}, which the snapshot adds itself`, 'Rename or drop that column in the select (or rename the meta columns with snapshot_meta_column_names).');
  }
  const needs = (key: string, cols: string[]) => {
    for (const col of cols) {
      if (!sourceNames.has(low(col))) {
        throw configError(node, `${key} names '${col}', which the select does not return`, `Columns of the select: ${columns.source.map((c) => c.name).join(', ')}.`);
      }
    }
  };
  needs('unique_key', config.uniqueKey);
  if (config.updatedAt) needs('updated_at', [config.updatedAt]);
  if (Array.isArray(config.checkCols)) needs('check_cols', config.checkCols);

  const added: ColumnType[] = columns.source.filter((c) => !existing.has(low(c.name)));
  if (config.hardDeletes === 'new_record' && !existing.has(low(config.meta.dbt_is_deleted))) {
    added.push({ name: config.meta.dbt_is_deleted, type: dialect.macros.type_string() });
  }
  const alters = added.map((c) => sqlStep(dialect.addColumn(node.relation, c), 'add column'));

  const src = dialect.relationName(snapshotSourceRelation(node));
  const sourceCols = columns.source.map((c) => k.q(c.name));
  const dataCols = [...columns.existing.filter((c) => !metaNames.has(low(c.name))), ...columns.source.filter((c) => !existing.has(low(c.name)))].map((c) => k.q(c.name));
  const checkCols = config.checkCols === 'all' ? columns.source.map((c) => c.name) : (config.checkCols ?? []);
  const changed = config.strategy === 'timestamp'
    ? `${rel}.${k.m.from} < s.${k.q(config.updatedAt!)}`
    : checkCols.map((c) => `${rel}.${k.q(c)} is distinct from s.${k.q(c)}`).join('\n    or ');
  const newRecord = config.hardDeletes === 'new_record';
  const closeWhen = newRecord ? `(${changed}\n    or ${k.isDeletedMarker(rel)})` : `(${changed})`;
  const closeAt = config.strategy === 'timestamp' ? `s.${k.q(config.updatedAt!)}` : k.now;
  const notInSource = (alias: string) => `not exists (select 1 from ${src} as s where ${k.keyMatch('s', alias)})`;

  const dml: SqlStep[] = [
    sqlStep(
      `update ${rel}\nset ${k.m.to} = ${closeAt}\nfrom ${src} as s\nwhere ${k.keyMatch('s', rel)}\n  and ${k.isCurrent(rel)}\n  and ${closeWhen}`,
      'close changed rows',
    ),
  ];
  if (config.hardDeletes === 'invalidate') {
    dml.push(sqlStep(`update ${rel}\nset ${k.m.to} = ${k.now}\nwhere ${k.isCurrent(rel)}\n  and ${notInSource(rel)}`, 'close deleted rows'));
  } else if (newRecord) {
    const live = `${k.isCurrent('t')}\n  and not ${k.isDeletedMarker('t')}\n  and ${notInSource('t')}`;
    dml.push(sqlStep(
      `insert into ${rel} (${[...dataCols, k.m.scd, k.m.updated, k.m.from, k.m.to, k.m.deleted].join(', ')})\n`
        + `select ${[...dataCols.map((c) => `t.${c}`), k.scdId('t', dialect.stringLiteral(ctx.snapshotTime)), k.now, k.now, k.currentValue, "'True'"].join(', ')}\n`
        + `from ${rel} as t\nwhere ${live}`,
      'record deleted rows',
    ));
    dml.push(sqlStep(`update ${rel}\nset ${k.m.to} = ${k.now}\nwhere ${k.isCurrent(rel)}\n  and not ${k.isDeletedMarker(rel)}\n  and ${notInSource(rel)}`, 'close deleted rows'));
  }
  const stamp = k.stamp('s');
  dml.push(sqlStep(
    `insert into ${rel} (${[...sourceCols, k.m.scd, k.m.updated, k.m.from, k.m.to, ...(newRecord ? [k.m.deleted] : [])].join(', ')})\n`
      + `select ${[...sourceCols.map((c) => `s.${c}`), k.scdId('s', k.stampText('s')), stamp, stamp, k.currentValue, ...(newRecord ? ["'False'"] : [])].join(', ')}\n`
      + `from ${src} as s\nwhere not exists (select 1 from ${rel} as t where ${k.keyMatch('t', 's')} and ${k.isCurrent('t')})`,
    'insert new versions',
    true,
  ));
  return {
    uniqueId: node.uniqueId,
    relation: node.relation,
    description: 'snapshot',
    steps: [
      ...altersThenDml(ctx.capabilities, alters, dml),
      sqlStep(dialect.dropRelation(snapshotSourceRelation(node), 'table'), 'drop staged select'),
    ],
  };
}

/**
 * Plan one snapshot run. `--full-refresh` does not rebuild a snapshot (its history cannot be
 * recomputed), as in dbt. A view of the same name is an error rather than replaced.
 */
export function planSnapshot(node: SnapshotNode, compiledSql: string, ctx: SnapshotPlanContext): Plan {
  const config = snapshotConfigOf(node);
  if (ctx.existing === 'view') {
    throw userError('E_CONFIG', `Snapshot '${node.name}': ${ctx.dialect.relationName(node.relation)} is a view`, {
      file: node.originalFilePath, hint: 'Drop the view, or give the snapshot another schema or alias.',
    });
  }
  return ctx.existing ? planUpdate(node, config, ctx) : planFirstBuild(node, compiledSql, config, ctx);
}
