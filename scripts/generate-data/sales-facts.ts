/**
 * Reads a generated sales file with csv-parse and computes the facts that DATASET.md states
 * about the real one (monthly units, duplicates, returns, anomalies, shop activity, row order).
 * Used by the tests; also handy to check a generated folder by hand.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** Facts of one sales file. */
export interface SalesFacts {
  readonly header: readonly string[];
  readonly rows: number;
  /** Units (Σ item_cnt_day) per date_block_num. */
  readonly monthUnits: number[];
  /** Months with rows, per shop. */
  readonly shopMonths: Map<number, Set<number>>;
  /** Rows minus distinct rows (pandas drop_duplicates). */
  readonly duplicates: number;
  readonly returnRows: number;
  readonly zeroCountRows: number;
  readonly minCount: number;
  readonly nonPositivePriceRows: string[][];
  readonly maxPriceRow: string[];
  readonly maxCountRow: string[];
  /** Units and rows per item. */
  readonly itemUnits: Map<number, number>;
  readonly itemRows: Map<number, number>;
  /** Lowest and highest price per item (for the bag's 4–5 rub). */
  readonly itemPriceRange: Map<number, [number, number]>;
  /** date_block_num never decreases. */
  readonly monthsAscending: boolean;
  /** (month, shop) or (month, shop, item) blocks that appear in two separate runs, e.g. "0/59". */
  readonly splitBlocks: string[];
  /** Blocks whose dates are not in ascending order (the real file does not sort dates). */
  readonly unsortedBlocks: number;
  /** Rows whose date is not dd.mm.yyyy or does not match date_block_num. */
  readonly badDates: number;
  /** The first rows, re-joined with commas. */
  readonly firstRows: string[];
}

const DATE = /^(\d\d)\.(\d\d)\.(\d{4})$/;

/** Parses `path` and computes its facts (streams; about 5 s for the full 2.9M rows). */
export async function readSalesFacts(path: string): Promise<SalesFacts> {
  const facts = {
    header: [] as string[], rows: 0, monthUnits: [] as number[], shopMonths: new Map<number, Set<number>>(),
    duplicates: 0, returnRows: 0, zeroCountRows: 0, minCount: Infinity, nonPositivePriceRows: [] as string[][],
    maxPriceRow: [] as string[], maxCountRow: [] as string[], itemUnits: new Map<number, number>(), itemRows: new Map<number, number>(),
    itemPriceRange: new Map<number, [number, number]>(), monthsAscending: true, splitBlocks: [] as string[], unsortedBlocks: 0, badDates: 0,
    firstRows: [] as string[],
  };
  const seenRows = new Set<string>();
  const seenBlocks = new Set<number>();
  let [lastMonth, lastShopKey, lastItemKey, lastDay, blockUnsorted] = [-1, -1, -1, -1, false];
  let [maxPrice, maxCount] = [-Infinity, -Infinity];
  const parser = createReadStream(path).pipe(parse({ relax_column_count: false }));
  for await (const record of parser as AsyncIterable<string[]>) {
    if (facts.header.length === 0) {
      facts.header = record;
      continue;
    }
    const [date, monthText, shopText, itemText, priceText, countText] = record;
    const [month, shop, item, price, count] = [Number(monthText), Number(shopText), Number(itemText), Number(priceText), Number(countText)];
    const line = record.join(',');
    facts.rows++;
    if (facts.firstRows.length < 10) facts.firstRows.push(line);
    if (seenRows.has(line)) facts.duplicates++;
    else seenRows.add(line);
    facts.monthUnits[month] = (facts.monthUnits[month] ?? 0) + count;
    if (!facts.shopMonths.has(shop)) facts.shopMonths.set(shop, new Set());
    facts.shopMonths.get(shop)?.add(month);
    if (count < 0) facts.returnRows++;
    if (count === 0) facts.zeroCountRows++;
    facts.minCount = Math.min(facts.minCount, count);
    if (price <= 0) facts.nonPositivePriceRows.push(record);
    if (price > maxPrice) (maxPrice = price), (facts.maxPriceRow = record);
    if (count > maxCount) (maxCount = count), (facts.maxCountRow = record);
    facts.itemUnits.set(item, (facts.itemUnits.get(item) ?? 0) + count);
    facts.itemRows.set(item, (facts.itemRows.get(item) ?? 0) + 1);
    const range = facts.itemPriceRange.get(item);
    if (range) (range[0] = Math.min(range[0], price)), (range[1] = Math.max(range[1], price));
    else facts.itemPriceRange.set(item, [price, price]);
    const parts = DATE.exec(date);
    const day = parts ? Number(parts[1]) : -1;
    if (!parts || (Number(parts[3]) - 2013) * 12 + Number(parts[2]) - 1 !== month) facts.badDates++;
    if (month < lastMonth) facts.monthsAscending = false;
    // Blocks: a (month, shop) run, and inside it a (month, shop, item) run; keys are exact integers.
    const shopKey = month * 60 + shop;
    const itemKey = shopKey * 32768 + item;
    if (shopKey !== lastShopKey) {
      if (seenBlocks.has(-1 - shopKey)) facts.splitBlocks.push(`${month}/${shop}`);
      seenBlocks.add(-1 - shopKey);
    }
    if (itemKey !== lastItemKey) {
      if (seenBlocks.has(itemKey)) facts.splitBlocks.push(`${month}/${shop}/${item}`);
      seenBlocks.add(itemKey);
      if (blockUnsorted) facts.unsortedBlocks++;
      blockUnsorted = false;
    } else if (day < lastDay) blockUnsorted = true;
    [lastMonth, lastShopKey, lastItemKey, lastDay] = [month, shopKey, itemKey, day];
  }
  if (blockUnsorted) facts.unsortedBlocks++;
  return facts;
}
