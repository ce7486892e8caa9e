import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/index.js';
import { SALES_TRAIN_CSV, captureError, createTestProject, type TestProject } from './ingest-fixtures.js';

const HEADER = 'date,date_block_num,shop_id,item_id,item_price,item_cnt_day';

describe('ingest errors', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject();
  });
  afterEach(async () => {
    await project.cleanup();
  });

  async function loadOnceThenBreakSales(contents: string | Buffer): Promise<void> {
    await runIngest(project.request());
    await writeFile(join(project.rawDir, 'sales_train.csv'), contents);
  }

  async function expectPreviousSalesIntact(): Promise<void> {
    expect(await project.query('select count(*) as n from raw.sales_train')).toEqual([{ n: 6 }]);
    const tables = await project.query(`select table_name from information_schema.tables where table_schema = 'raw' order by 1`);
    expect(tables.map((r) => r.table_name)).toEqual(['_strata_load_ledger', 'sales_train', 'shops']);
    // The ledger still describes the old file, so the next run retries the broken one.
    expect(await project.query(`select row_count from raw._strata_load_ledger where table_name = 'sales_train'`)).toEqual([{ row_count: 6 }]);
  }

  it('reports a wrong header with file, line 1, expected and actual, and keeps the old table', async () => {
    await loadOnceThenBreakSales(SALES_TRAIN_CSV.replace(HEADER, 'date,block,shop_id,item_id,item_price,item_cnt_day'));
    const error = await captureError(runIngest(project.request()));
    expect(error).toMatchObject({ code: 'E_INGEST', file: 'data/raw/sales_train.csv', line: 1 });
    expect(error.message).toContain('column 2 is "block", expected "date_block_num"');
    expect(error.message).toContain(`expected: ${HEADER}`);
    expect(error.message).toContain('actual:   date,block,shop_id');
    expect(error.hint).toMatch(/ingest\.files/);
    expect(project.lines.some((l) => /1 of 2 ERROR loading raw\.sales_train/.test(l))).toBe(true);
    await expectPreviousSalesIntact();
  });

  it('suggests the delimiter when the header is one semicolon-separated field', async () => {
    await loadOnceThenBreakSales(SALES_TRAIN_CSV.replaceAll(',', ';'));
    const error = await captureError(runIngest(project.request()));
    expect(error.line).toBe(1);
    expect(error.hint).toContain('delimiter: ";"');
  });

  it('reports a row with the wrong field count with its line, and keeps the old table', async () => {
    const lines = SALES_TRAIN_CSV.split('\n');
    lines[4] = '06.01.2013,0,25,2554,1709.05';
    await loadOnceThenBreakSales(lines.join('\n'));
    const error = await captureError(runIngest(project.request()));
    expect(error).toMatchObject({ code: 'E_INGEST', file: 'data/raw/sales_train.csv', line: 5 });
    expect(error.message).toContain('Bad row at line 5: expected 6 fields, found 5');
    expect(error.message).toContain('row: 06.01.2013,0,25,2554,1709.05');
    await expectPreviousSalesIntact();
  });

  it('reports a value that does not parse as its type', async () => {
    const lines = SALES_TRAIN_CSV.split('\n');
    lines[3] = '05.01.2013,0,25,abc,899.0,-1.0';
    await loadOnceThenBreakSales(lines.join('\n'));
    const error = await captureError(runIngest(project.request()));
    expect(error).toMatchObject({ file: 'data/raw/sales_train.csv', line: 4 });
    expect(error.message).toContain('value "abc" in column item_id is not a valid INTEGER');
    await expectPreviousSalesIntact();
  });

  it('reports a date in the wrong format with the expected format', async () => {
    const lines = SALES_TRAIN_CSV.split('\n');
    lines[6] = '2015-10-31,33,59,22087,119.0,2.0';
    await loadOnceThenBreakSales(lines.join('\n'));
    const error = await captureError(runIngest(project.request()));
    expect(error.line).toBe(7);
    expect(error.message).toContain('value "2015-10-31" in column date is not a valid DATE in the format %d.%m.%Y');
  });

  it('counts physical lines when a quoted field spans lines', async () => {
    await writeFile(join(project.rawDir, 'shops.csv'), 'shop_name,shop_id\n"Два\nстроки",1\n"ok",2\n"bad",x\n');
    const error = await captureError(runIngest(project.request({ select: ['shops'] })));
    expect(error).toMatchObject({ file: 'data/raw/shops.csv', line: 5 });
    expect(error.message).toContain('value "x" in column shop_id is not a valid INTEGER');
  });

  it('reports a UTF-8 byte order mark clearly', async () => {
    await loadOnceThenBreakSales(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SALES_TRAIN_CSV)]));
    const error = await captureError(runIngest(project.request()));
    expect(error).toMatchObject({ code: 'E_INGEST', file: 'data/raw/sales_train.csv', line: 1 });
    expect(error.message).toMatch(/byte order mark \(BOM, bytes EF BB BF\)/);
    expect(error.hint).toMatch(/without|strip/i);
    await expectPreviousSalesIntact();
  });

  it('rejects an empty file', async () => {
    await writeFile(join(project.rawDir, 'shops.csv'), '');
    const error = await captureError(runIngest(project.request({ select: ['shops'] })));
    expect(error).toMatchObject({ file: 'data/raw/shops.csv', line: 1 });
    expect(error.message).toMatch(/empty/);
  });

  it('names the missing files and the folder when there is no generator', async () => {
    const empty = await createTestProject({ writeFixtures: false });
    try {
      const error = await captureError(runIngest(empty.request()));
      expect(error.code).toBe('E_INGEST');
      expect(error.message).toContain(join(empty.dir, 'data', 'raw'));
      expect(error.message).toContain('sales_train.csv, shops.csv');
      expect(error.hint).toMatch(/ingest\.generator/);
      expect(await readdir(join(empty.dir))).not.toContain('target');
    } finally {
      await empty.cleanup();
    }
  });
});
