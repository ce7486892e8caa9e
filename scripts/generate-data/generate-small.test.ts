/**
 * The generator at scale 0.01: byte-level formats, determinism, dimension files, every anomaly,
 * shop activity windows, row order and the single-month mode. Facts are compared with
 * DATASET.md through reference-facts.fixture.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCsvFile } from './csv-format.js';
import { generateData, SALES_HEADER, type GenerateSummary } from './generate.js';
import * as ref from './reference-facts.fixture.js';
import { readSalesFacts, type SalesFacts } from './sales-facts.js';

const SCALE = 0.01;
const root = mkdtempSync(join(tmpdir(), 'generate-small-'));
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const file = (run: string, name: string): string => join(root, run, name);

let summary: GenerateSummary;
let facts: SalesFacts;

beforeAll(async () => {
  summary = await generateData({ outDir: join(root, 'a'), scale: SCALE, seed: 7 });
  await generateData({ outDir: join(root, 'b'), scale: SCALE, seed: 7 });
  await generateData({ outDir: join(root, 'c'), scale: SCALE, seed: 8 });
  facts = await readSalesFacts(file('a', 'sales_train.csv'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('file formats', () => {
  it('writes UTF-8 without BOM, LF only, a final newline and the exact headers', () => {
    const headers: Record<string, string> = {
      'sales_train.csv': SALES_HEADER,
      'items.csv': 'item_name,item_id,item_category_id',
      'item_categories.csv': 'item_category_name,item_category_id',
      'shops.csv': 'shop_name,shop_id',
    };
    for (const [name, header] of Object.entries(headers)) {
      const bytes = readFileSync(file('a', name));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), name).toBe(false);
      expect(bytes.includes(0x0d), `${name} has CR`).toBe(false);
      expect(bytes[bytes.length - 1]).toBe(0x0a);
      expect(bytes.toString('utf8').split('\n', 1)[0]).toBe(header);
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes), `${name} is not valid UTF-8`).toBe(true);
    }
  });

  it('writes sales values like the real file: dd.mm.yyyy, ints, floats with .0', () => {
    const lines = readFileSync(file('a', 'sales_train.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const row = /^\d\d\.\d\d\.20\d\d,\d{1,2},\d{1,2},\d{1,5},-?\d+(\.\d+)?,-?\d+\.0$/;
    expect(lines.filter((line) => !row.test(line)).slice(0, 3)).toEqual([]);
    expect(lines.some((line) => line.includes(',999.0,1.0'))).toBe(true);
    expect(lines.some((line) => /,\d+\.\d*[1-9]\d*,/.test(line))).toBe(true); // fractional prices exist
    expect(facts.badDates).toBe(0);
  });

  it('quotes minimally: re-serializing the parsed dimension files gives the same bytes', () => {
    for (const name of ['items.csv', 'item_categories.csv', 'shops.csv']) {
      const text = readFileSync(file('a', name), 'utf8');
      const [header, ...rows] = parse(text) as string[][];
      expect(formatCsvFile(header, rows)).toBe(text);
    }
    expect(readFileSync(file('a', 'shops.csv'), 'utf8')).toContain('\n"Адыгея ТЦ ""Мега""",2\n');
  });
});

describe('determinism', () => {
  it('gives byte-identical files for the same seed and different sales for another', () => {
    for (const name of ['sales_train.csv', 'items.csv', 'item_categories.csv', 'shops.csv']) {
      expect(sha256(file('b', name)), name).toBe(sha256(file('a', name)));
    }
    expect(sha256(file('c', 'sales_train.csv'))).not.toBe(sha256(file('a', 'sales_train.csv')));
    expect(sha256(file('c', 'items.csv'))).toBe(sha256(file('a', 'items.csv')));
  });

  it('reports what it wrote', () => {
    const sales = summary.files.find((f) => f.name === 'sales_train.csv');
    expect(sales?.rows).toBe(facts.rows);
    expect(sales?.bytes).toBe(readFileSync(file('a', 'sales_train.csv')).length);
    expect(summary.elapsedMs).toBeGreaterThan(0);
  });
});

describe('dimension files', () => {
  it('have the real sizes and counts, the same at every scale', () => {
    expect(readFileSync(file('a', 'shops.csv')).length).toBe(ref.SHOPS_CSV_BYTES);
    expect(readFileSync(file('a', 'item_categories.csv')).length).toBe(ref.ITEM_CATEGORIES_CSV_BYTES);
    const items = parse(readFileSync(file('a', 'items.csv'), 'utf8'), { from_line: 2 }) as string[][];
    expect(items).toHaveLength(ref.ITEM_COUNT);
    expect(items.every(([, id], row) => Number(id) === row)).toBe(true);
    const counts = new Array(ref.CATEGORY_COUNT).fill(0);
    for (const [, , category] of items) counts[Number(category)]++;
    expect(counts).toEqual(ref.CATEGORY_ITEMS);
  });

  it('spell 1С with a Cyrillic С where the real names do', () => {
    const categories = parse(readFileSync(file('a', 'item_categories.csv'), 'utf8'), { from_line: 2 }) as string[][];
    for (const id of [45, 49, 73]) expect(categories[id][0]).toContain('1\u0421');
    expect(categories.filter(([name]) => name.includes(',')).map(([, id]) => Number(id))).toEqual([32, 42, 47, 62, 66, 68, 71]);
  });
});

describe('sales at small scale', () => {
  it('scales the rows', () => {
    expect(facts.rows).toBe(Math.round(ref.TRAIN_ROWS * SCALE));
    expect(facts.header.join(',')).toBe(SALES_HEADER);
  });

  it('starts with the real first rows', () => {
    expect(facts.firstRows.slice(0, 5)).toEqual(ref.FIRST_ROWS);
  });

  it('keeps every anomaly', () => {
    expect(facts.duplicates).toBe(ref.DUPLICATE_ROWS);
    expect(facts.nonPositivePriceRows).toEqual([ref.NEGATIVE_PRICE_ROW]);
    expect(facts.maxPriceRow).toEqual(ref.MAX_PRICE_ROW);
    expect(facts.itemRows.get(6066)).toBe(1);
    expect(facts.maxCountRow.slice(0, 4)).toEqual([ref.MAX_COUNT.date, '33', ref.MAX_COUNT.shop, ref.MAX_COUNT.item]);
    expect(facts.maxCountRow[5]).toBe(ref.MAX_COUNT.count);
    expect(Math.abs(Number(facts.maxCountRow[4]) - ref.MAX_COUNT.price)).toBeLessThan(1e-6);
    expect(facts.minCount).toBe(ref.MIN_COUNT);
    expect(facts.zeroCountRows).toBe(0);
    expect(facts.returnRows).toBeGreaterThan(ref.RETURN_ROWS * SCALE * 0.8);
    expect(facts.returnRows).toBeLessThan(ref.RETURN_ROWS * SCALE * 1.2 + 10);
    const lines = readFileSync(file('a', 'sales_train.csv'), 'utf8').split('\n');
    expect(lines).toContain(ref.BAG_DAY_ROW.join(','));
  });

  it('has exactly the shops and activity windows of DATASET.md §3-4 in every month', () => {
    for (let shop = 0; shop < ref.SHOP_COUNT; shop++) {
      const months = [...(facts.shopMonths.get(shop) ?? [])].sort((a, b) => a - b);
      const [first, last, count] = ref.SHOP_WINDOWS[shop];
      expect([months[0], months[months.length - 1], months.length], `shop ${shop}`).toEqual([first, last, count]);
      const exact = ref.IRREGULAR_SHOPS.get(shop);
      if (exact) expect(months, `shop ${shop}`).toEqual(exact);
    }
    expect([...facts.shopMonths.get(10) ?? []]).not.toContain(25);
    expect([...facts.shopMonths.get(27) ?? []]).not.toContain(31);
    const perMonth = ref.MONTHLY_SHOPS.map((_, m) => [...facts.shopMonths.values()].filter((months) => months.has(m)).length);
    expect(perMonth).toEqual(ref.MONTHLY_SHOPS);
  });

  it('groups rows by month, then shop and item blocks, without sorting dates', () => {
    expect(facts.monthsAscending).toBe(true);
    // The only exception is the verbatim head of the real file: shop 59's first row, then shop
    // 25's, before the month's ordinary shop blocks (which include shops 59 and 25 again).
    expect([...facts.splitBlocks].sort()).toEqual(['0/25', '0/59']);
    expect(facts.unsortedBlocks).toBeGreaterThan(100);
  });
});

describe('--only-month', () => {
  it('writes one month exactly as the full run does', async () => {
    const result = await generateData({ outDir: join(root, 'm'), scale: SCALE, seed: 7, onlyMonth: 11 });
    expect(result.files.map((f) => f.name)).toEqual(['sales_train_month_11.csv']);
    const month = readFileSync(file('m', 'sales_train_month_11.csv'), 'utf8').split('\n');
    const full = readFileSync(file('a', 'sales_train.csv'), 'utf8').split('\n').filter((line) => line.split(',')[1] === '11');
    expect(month[0]).toBe(SALES_HEADER);
    expect(month.slice(1, -1)).toEqual(full);
  });

  it('continues into 2015-11 at the test-set shops with the never-sold items', async () => {
    await generateData({ outDir: join(root, 'n'), scale: 0.05, seed: 7, onlyMonth: 34 });
    const monthFacts = await readSalesFacts(file('n', 'sales_train_month_34.csv'));
    const rows = parse(readFileSync(file('n', 'sales_train_month_34.csv'), 'utf8'), { from_line: 2 }) as string[][];
    expect(rows.every(([date, month]) => date.endsWith('.11.2015') && month === '34')).toBe(true);
    expect([...monthFacts.shopMonths.keys()].sort((a, b) => a - b)).toEqual(ref.TEST_SHOPS);
    const octoberUnits = ref.MONTHLY_UNITS[33] * 0.05;
    expect(monthFacts.monthUnits[34]).toBeGreaterThan(octoberUnits * 0.9);
    expect(monthFacts.monthUnits[34]).toBeLessThan(octoberUnits * 1.4);
    expect(monthFacts.badDates).toBe(0);
  });

  it('rejects months outside 0..34', async () => {
    await expect(generateData({ outDir: join(root, 'x'), onlyMonth: 35 })).rejects.toThrow(/only-month/);
  });
});
