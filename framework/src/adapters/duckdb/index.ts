/**
 * The DuckDB adapter: the embedded default warehouse. One `DuckDBInstance` per adapter (a
 * database file allows one writing process), one connection per thread.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
// The native module is loaded on first connect: commands that never touch the warehouse
// (compile, ls, parse) do not pay for loading it (~80 ms).
import type { DuckDBInstance } from '@duckdb/node-api';
import type { Adapter, Capabilities, Connection } from '../adapter.js';
import { userError } from '../../errors/strata-error.js';
import { wrapDuckDbConnection } from './connection.js';
import { createDuckDbDialect } from './dialect.js';
import { createDuckDbIntrospector } from './introspector.js';
import { loadDuckDbCsv } from './load-csv.js';

export interface DuckDbTargetConfig {
  /** Database file, or `:memory:`. */
  path: string;
  schema?: string;
  threads?: number;
}

const CAPABILITIES: Capabilities = {
  transactionalDdl: true,
  swapTables: false,
  merge: true,
  transientTables: false,
  maxThreads: 16,
};

/** Open DuckDB with extension auto-install/auto-load off, so it never reaches the network. */
async function openInstance(path: string): Promise<DuckDBInstance> {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    // e.g. a file where the database's folder should be (ENOTDIR/EEXIST), or no permission.
    throw userError('E_WAREHOUSE', `Cannot create the folder of the DuckDB database ${path}: ${(err as Error).message}`, {
      file: path, hint: 'Point the target path (or STRATA_DUCKDB_PATH) at a file in a folder that exists or can be created.',
    }, 1);
  }
  try {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    return await DuckDBInstance.create(path, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) {
      throw userError('E_LOCKED', `The DuckDB database ${path} is locked by another process.`, {
        file: path,
        hint: 'Another strata command is using this database; wait for it to finish, or point STRATA_DUCKDB_PATH at another file.',
      }, 1);
    }
    if (/not a valid DuckDB database|Invalid Input Error|IO Error|unable to open|Permission denied|Read-only|Is a directory|No space/i.test(message)) {
      throw userError('E_WAREHOUSE', `Cannot open the DuckDB database ${path}: ${message.split('\n')[0]}`, {
        file: path,
        hint: 'Check that the path is a DuckDB database file (or does not exist yet) and that its folder is writable.',
      }, 1);
    }
    throw err;
  }
}

export function createDuckDbAdapter(config: DuckDbTargetConfig): Adapter {
  const dialect = createDuckDbDialect();
  let instance: Promise<DuckDBInstance> | undefined;
  const getInstance = () => (instance ??= openInstance(config.path));
  const open = new Set<Connection>();
  return {
    type: 'duckdb',
    capabilities: CAPABILITIES,
    dialect,
    defaultSchema: config.schema ?? 'main',
    async connect(): Promise<Connection> {
      const raw = await (await getInstance()).connect();
      const inner = wrapDuckDbConnection(raw);
      const conn: Connection = {
        execute: (sql, binds) => inner.execute(sql, binds),
        close: async () => {
          open.delete(conn);
          await inner.close();
        },
      };
      open.add(conn);
      return conn;
    },
    introspector: (connection) => createDuckDbIntrospector(connection, dialect),
    loadCsv: (connection, request) => loadDuckDbCsv(connection, dialect, request),
    async close(): Promise<void> {
      for (const conn of open) await conn.close();
      open.clear();
      if (instance) {
        const inst = await instance.catch(() => undefined);
        inst?.closeSync();
        instance = undefined;
      }
    },
  };
}
