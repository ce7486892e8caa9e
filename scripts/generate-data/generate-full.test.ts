/**
 * The generator at full scale (about 15 s): the fidelity figures of DATASET.md §2, §2.1 and §3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from './generate.js';
import * as ref from './reference-facts.fixture.js';
import { readSalesFacts, type SalesFacts } from './sales-facts.js';

const root = mkdtempSync(join(tmpdir(), 'generate-full-'));
let facts: SalesFacts;

beforeAll(async () => {
  await generateData({ outDir: root });
  facts = await readSalesFacts(join(root, 'sales_train.csv'));
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('full-scale sales_train.csv', () => {
  it('has the real number of rows (within 1%)', () => {
    expect(Math.abs(facts.rows / ref.TRAIN_ROWS - 1)).toBeLessThan(0.01);
  });

  it('follows the monthly units curve within 5% in every month, December peaks included', () => {
    const deviations = ref.MONTHLY_UNITS.map((units, m) => Math.abs(facts.monthUnits[m] / units - 1));
    expect(deviations.map((d, m) => (d < 0.05 ? 'ok' : `month ${m}: ${(d * 100).toFixed(1)}%`))).toEqual(ref.MONTHLY_UNITS.map(() => 'ok'));
    expect(facts.monthUnits[11] / facts.monthUnits[10]).toBeGreaterThan(1.3);
    expect(facts.monthUnits[23] / facts.monthUnits[22]).toBeGreaterThan(1.3);
  });

  it('has the anomalies of DATASET.md §3', () => {
    expect(facts.duplicates).toBe(ref.DUPLICATE_ROWS);
    expect(facts.nonPositivePriceRows).toEqual([ref.NEGATIVE_PRICE_ROW]);
    expect(Math.abs(facts.returnRows / ref.RETURN_ROWS - 1)).toBeLessThan(0.1);
    expect(facts.minCount).toBe(ref.MIN_COUNT);
    expect(facts.zeroCountRows).toBe(0);
    expect(facts.maxPriceRow).toEqual(ref.MAX_PRICE_ROW);
    expect(facts.maxCountRow.slice(0, 4)).toEqual([ref.MAX_COUNT.date, '33', ref.MAX_COUNT.shop, ref.MAX_COUNT.item]);
    expect(facts.maxCountRow[5]).toBe(ref.MAX_COUNT.count);
  });

  it('has the shops of every month and sells 21,807 of the 22,170 items', () => {
    const perMonth = ref.MONTHLY_SHOPS.map((_, m) => [...facts.shopMonths.values()].filter((months) => months.has(m)).length);
    expect(perMonth).toEqual(ref.MONTHLY_SHOPS);
    expect(facts.itemUnits.size).toBe(21_807);
  });

  it('has the skewed popularity: the bag sells ~5% of units at 4–5 rub', () => {
    const total = facts.monthUnits.reduce((a, b) => a + b, 0);
    const bag = Number(ref.BAG.item);
    expect(Math.abs((facts.itemUnits.get(bag) ?? 0) / total - ref.BAG.share)).toBeLessThan(0.005);
    expect(facts.itemPriceRange.get(bag)).toEqual([ref.BAG.minPrice, ref.BAG.maxPrice]);
    const ranked = [...facts.itemUnits.entries()].sort((a, b) => b[1] - a[1]).map(([item]) => item);
    expect(ranked[0]).toBe(bag);
    // §2 "Next best sellers": Diablo III, GTA V [PS3], 1С-Онлайн payments, the PSN card.
    for (const [item, units] of [[2808, 17_245], [3732, 16_642], [17717, 15_830], [5822, 14_515]]) {
      expect(Math.abs((facts.itemUnits.get(item) ?? 0) / units - 1), `item ${item}`).toBeLessThan(0.1);
      expect(ranked.indexOf(item), `item ${item}`).toBeLessThan(12);
    }
  });

  it('keeps the row order: months ascending, shop/item blocks, dates unsorted inside', () => {
    expect(facts.monthsAscending).toBe(true);
    expect([...facts.splitBlocks].sort()).toEqual(['0/25', '0/59']);
    expect(facts.unsortedBlocks).toBeGreaterThan(100_000);
    expect(facts.firstRows.slice(0, 5)).toEqual(ref.FIRST_ROWS);
  });
});
