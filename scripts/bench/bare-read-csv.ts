/**
 * The baseline for ingest: DuckDB's bare read_csv of the same files with the same column types,
 * one `create table as` per file (the tables ingest makes; it adds a view over a table with
 * extra files, which names each row's file).
 * Usage: node dist/scripts/bench/bare-read-csv.js <raw dir> <duckdb file> [project.yml]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DuckDBInstance } from '@duckdb/node-api';

const [rawDir, dbPath, projectFile = 'project.yml'] = process.argv.slice(2);
const ingest = (parse(readFileSync(projectFile, 'utf8')) as { ingest: { files: Array<{ file: string; table: string; columns: Record<string, string> }> } }).ingest;
const instance = await DuckDBInstance.create(dbPath, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
const conn = await instance.connect();
const started = performance.now();
await conn.run('create schema if not exists raw');
for (const f of ingest.files) {
  const cols = Object.entries(f.columns).map(([k, v]) => `'${k}': '${v}'`).join(', ');
  await conn.run(`create or replace table raw.${f.table} as select * from read_csv('${join(rawDir, f.file)}', header = true, columns = {${cols}})`);
}
process.stdout.write(`bare read_csv: ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
conn.closeSync();
instance.closeSync();
