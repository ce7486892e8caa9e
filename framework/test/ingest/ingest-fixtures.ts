/**
 * Shared setup for the ingest tests: a temp project folder with small raw files in the real
 * formats of the sales dataset, a temp DuckDB file, and a logger that records its lines.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '../../src/adapters/adapter.js';
import { createDuckDbAdapter } from '../../src/adapters/duckdb/index.js';
import { createLogger, type Logger } from '../../src/log/logger.js';
import type { IngestConfig, IngestRequest } from '../../src/ingest/index.js';

/** sales_train.csv: dd.mm.yyyy dates, prices and counts written as floats (`999.0`, `-1.0`). */
export const SALES_TRAIN_CSV = [
  'date,date_block_num,shop_id,item_id,item_price,item_cnt_day',
  '02.01.2013,0,59,22154,999.0,1.0',
  '03.01.2013,0,25,2552,899.0,1.0',
  '05.01.2013,0,25,2552,899.0,-1.0',
  '06.01.2013,0,25,2554,1709.05,1.0',
  '15.01.2013,0,25,2555,1099.0,1.0',
  '31.10.2015,33,59,22087,119.0,2.0',
  '',
].join('\n');

/** shops.csv: Cyrillic names, and quoted names with a comma and doubled quotes. */
export const SHOPS_CSV = [
  'shop_name,shop_id',
  '"!Якутск Орджоникидзе, 56 фран",0',
  '"!Якутск ТЦ ""Центральный"" фран",1',
  'Адыгея ТЦ "Мега",2',
  '"Москва ТЦ ""МЕГА Белая Дача II"", Котельники",3',
  '',
].join('\n');

export const SALES_COLUMNS = {
  date: 'DATE',
  date_block_num: 'INTEGER',
  shop_id: 'INTEGER',
  item_id: 'INTEGER',
  item_price: 'DOUBLE',
  item_cnt_day: 'DOUBLE',
};

export const SHOPS_COLUMNS = { shop_name: 'VARCHAR', shop_id: 'INTEGER' };

/** The ingest block for the two fixture files in `data/raw`. */
export function fixtureConfig(overrides: Partial<IngestConfig> = {}): IngestConfig {
  return {
    schema: 'raw',
    source: 'data/raw',
    files: [
      { file: 'sales_train.csv', table: 'sales_train', columns: SALES_COLUMNS, date_format: 'DD.MM.YYYY' },
      { file: 'shops.csv', table: 'shops', columns: SHOPS_COLUMNS },
    ],
    ...overrides,
  };
}

/** A temp project with a DuckDB adapter and a recording logger; `cleanup()` removes it all. */
export interface TestProject {
  dir: string;
  rawDir: string;
  adapter: Adapter;
  lines: string[];
  logger: Logger;
  request(overrides?: Partial<IngestRequest>): IngestRequest;
  /** Run SQL on a fresh connection and return the rows. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

/** Make a temp project; with `writeFixtures` the two CSV files are written into data/raw. */
export async function createTestProject(options: { writeFixtures?: boolean } = {}): Promise<TestProject> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-ingest-'));
  const rawDir = join(dir, 'data', 'raw');
  await mkdir(rawDir, { recursive: true });
  if (options.writeFixtures ?? true) {
    await writeFile(join(rawDir, 'sales_train.csv'), SALES_TRAIN_CSV);
    await writeFile(join(rawDir, 'shops.csv'), SHOPS_CSV);
  }
  const adapter = createDuckDbAdapter({ path: join(dir, 'target', 'strata.duckdb'), schema: 'main' });
  const lines: string[] = [];
  const logger = createLogger({ secrets: { values: [] }, write: (line) => lines.push(line), isTty: false });
  return {
    dir,
    rawDir,
    adapter,
    lines,
    logger,
    request: (overrides = {}) => ({ projectDir: dir, config: fixtureConfig(), adapter, logger, env: {}, ...overrides }),
    async query(sql) {
      const connection = await adapter.connect();
      try {
        return (await connection.execute(sql)).rows;
      } finally {
        await connection.close();
      }
    },
    async cleanup() {
      await adapter.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The thrown StrataError's diagnostic (fails the test when nothing or something else is thrown). */
export async function captureError(promise: Promise<unknown>): Promise<{ code: string; message: string; file?: string; line?: number; hint?: string }> {
  try {
    await promise;
  } catch (err) {
    const diagnostics = (err as { diagnostics?: { code: string; message: string; file?: string; line?: number; hint?: string }[] }).diagnostics;
    if (!diagnostics) throw err;
    return diagnostics[0];
  }
  throw new Error('expected the promise to reject');
}
