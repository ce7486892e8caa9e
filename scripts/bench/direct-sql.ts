/**
 * The baseline for build overhead: run the same compiled SQL (seeds through read_csv, models as
 * CREATE TABLE/VIEW AS, snapshots as their first run, tests as counts) in one DuckDB connection, in dependency order, no framework.
 * Usage: node dist/scripts/bench/direct-sql.js <project dir> <duckdb file>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ManifestArtifact } from '../../framework/src/artifacts/types.js';
import { createDuckDbDialect } from '../../framework/src/adapters/duckdb/dialect.js';

function topologicalOrder(manifest: ManifestArtifact): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const p of manifest.parentMap[id] ?? []) visit(p);
    order.push(id);
  };
  Object.keys(manifest.nodes).sort().forEach(visit);
  return order;
}

export async function runDirectSql(projectDir: string, dbPath: string): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(projectDir, 'target', 'manifest.json'), 'utf8')) as ManifestArtifact;
  const dialect = createDuckDbDialect();
  const instance = await DuckDBInstance.create(dbPath, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  const started = performance.now();
  const schemas = new Set<string>();
  for (const id of topologicalOrder(manifest)) {
    const node = manifest.nodes[id];
    if (!node) continue;
    if ('relation' in node && !schemas.has(node.relation.schema)) {
      schemas.add(node.relation.schema);
      await conn.run(dialect.createSchema(node.relation.schema));
    }
    if (node.resourceType === 'seed') {
      const cols = node.columnNames.map((c) => `'${c}': '${node.columnTypes[c]}'`).join(', ');
      await conn.run(dialect.createTableAs(node.relation, `select * from read_csv('${join(projectDir, node.originalFilePath)}', header = true, columns = {${cols}})`));
    } else if (node.resourceType === 'model' && node.config.materialized !== 'ephemeral') {
      const sql = manifest.compiled![id];
      await conn.run(node.config.materialized === 'view' ? dialect.createViewAs(node.relation, sql) : dialect.createTableAs(node.relation, sql));
    } else if (node.resourceType === 'snapshot') {
      // A first snapshot run: the select plus dbt's SCD columns.
      const select = `select *, md5(cast(row_number() over () as varchar)) as dbt_scd_id, current_timestamp as dbt_updated_at,
        current_timestamp as dbt_valid_from, cast(null as timestamp) as dbt_valid_to from (${manifest.compiled![id]}) s`;
      await conn.run(dialect.createTableAs(node.relation, select));
    } else if (node.resourceType === 'test') {
      await conn.run(`select count(*) from (${manifest.compiled![id]}) t`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  conn.closeSync();
  instance.closeSync();
  return seconds;
}

if (process.argv[1]?.endsWith('direct-sql.js')) {
  const [projectDir, dbPath] = process.argv.slice(2);
  const seconds = await runDirectSql(projectDir, dbPath);
  process.stdout.write(`direct SQL: ${seconds.toFixed(2)} s\n`);
}
