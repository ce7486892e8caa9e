/**
 * Writes one month of sales_train rows as bytes: shops in random order (month 0 starts with the
 * real file's first rows), each shop's items in ascending item_id blocks, each block's days in
 * random order, so rows are grouped by month and shop/item but dates are not sorted (DATASET.md §1).
 */
import { MAX_GENERAL_DAILY_COUNT, PROLOGUE_ROWS, type PinnedRow } from './anomalies.js';
import { ByteSink, encodeAscii } from './byte-sink.js';
import { formatFloat } from './csv-format.js';
import { DayPicker } from './day-picker.js';
import type { MonthLayout } from './month-layout.js';
import type { MonthPlan } from './month-plan.js';
import type { Random } from './random.js';
import { priceBlock, priceRowOfBlock } from './row-prices.js';
import type { World } from './world.js';

/** Counts of what a month wrote. */
export interface MonthWritten {
  readonly rows: number;
  readonly units: number;
}

const COUNT_SUFFIX = encodeAscii('.0\n');
const MAX_ROW_BYTES = 96;

/** Encodes rows of one month; caches the constant fragments. */
class RowEncoder {
  private readonly dayPrefix: Uint8Array[];
  private readonly shopBytes = Array.from({ length: 60 }, (_, s) => encodeAscii(`${s},`));
  private readonly priceBytes = new Map<number, Uint8Array>();
  rows = 0;
  units = 0;

  constructor(private readonly sink: ByteSink, world: World, month: number) {
    const { monthStart, monthDays, dateText } = world.calendar;
    this.dayPrefix = Array.from({ length: monthDays[month] }, (_, d) => encodeAscii(`${dateText[monthStart[month] + d]},${month},`));
  }

  /** Writes one row; `day` is the day of the month, 0-based. */
  write(day: number, shop: number, item: number, price: number, count: number): void {
    const sink = this.sink;
    sink.reserve(MAX_ROW_BYTES);
    sink.bytes(this.dayPrefix[day]);
    sink.bytes(this.shopBytes[shop]);
    sink.intComma(item);
    if (Number.isInteger(price)) {
      let bytes = this.priceBytes.get(price);
      if (!bytes) this.priceBytes.set(price, (bytes = encodeAscii(`${formatFloat(price)},`)));
      sink.bytes(bytes);
    } else {
      sink.ascii(String(price));
      sink.byte(0x2c);
    }
    sink.int(count);
    sink.bytes(COUNT_SUFFIX);
    this.rows++;
    this.units += count;
  }
}

/** Orders pair indices by (random shop rank, item). */
function orderPairs(layout: MonthLayout, rng: Random): Float64Array {
  const shops = rng.shuffle([...new Set(layout.pairs.shop)]);
  const rank = new Map(shops.map((shop, i) => [shop, i]));
  const { shop, item } = layout.pairs;
  // key = rank·2^15 + item (item < 32768), then ·2^20 + index: exact in a double.
  const keys = Float64Array.from(shop, (s, i) => ((rank.get(s) as number) * 32768 + item[i]) * 1048576 + i);
  return keys.sort();
}

/** The rows of one block before writing, in scratch arrays (no per-row objects). */
class BlockRows {
  readonly day = new Int32Array(64);
  readonly price = new Float64Array(64);
  readonly count = new Int32Array(64);
  length = 0;

  /** Inserts a row at `at`, shifting later rows. */
  insert(at: number, day: number, price: number, count: number): void {
    for (let j = this.length; j > at; j--) {
      this.day[j] = this.day[j - 1];
      this.price[j] = this.price[j - 1];
      this.count[j] = this.count[j - 1];
    }
    this.day[at] = day;
    this.price[at] = price;
    this.count[at] = count;
    this.length++;
  }
}

/** Writes the month's rows; returns what was written. */
export function writeMonth(sink: ByteSink, world: World, plan: MonthPlan, layout: MonthLayout, rng: Random): MonthWritten {
  const encoder = new RowEncoder(sink, world, plan.month);
  const picker = new DayPicker(world.calendar, plan.month);
  const firstDay = world.calendar.monthStart[plan.month];
  if (plan.prologue) for (const row of PROLOGUE_ROWS) writePinned(encoder, row, world, firstDay);
  const days = new Int32Array(32);
  const counts = new Int32Array(32);
  const block = new BlockRows();
  for (const key of orderPairs(layout, rng)) {
    const i = key % 1048576;
    const [shop, item] = [layout.pairs.shop[i], layout.pairs.item[i]];
    const price = priceBlock(world.traits, item, shop, plan.month, rng);
    const rows = layout.rows[i];
    block.length = 0;
    let earliest = 0;
    if (rows > 0) {
      picker.pickDays(rows, rng, days);
      picker.splitUnits(days, rows, layout.pairs.units[i], MAX_GENERAL_DAILY_COUNT, rng, counts);
      earliest = picker.days;
      for (let j = 0; j < rows; j++) {
        block.insert(j, days[j], priceRowOfBlock(price, counts[j], rng), counts[j]);
        earliest = Math.min(earliest, days[j]);
      }
      if (layout.duplicate[i]) block.insert(1, block.day[0], block.price[0], block.count[0]);
    }
    if (layout.returnSize[i] > 0) {
      // A return usually follows a sale; it lands on or after the block's first sale day.
      const day = earliest + rng.int(picker.days - earliest);
      block.insert(rng.int(block.length + 1), day, price.shelf, -layout.returnSize[i]);
    }
    for (const row of layout.pinned.get(i) ?? []) block.insert(rng.int(block.length + 1), row.day - firstDay, row.price, row.count);
    for (let j = 0; j < block.length; j++) encoder.write(block.day[j], shop, item, block.price[j], block.count[j]);
  }
  return { rows: encoder.rows, units: encoder.units };
}

function writePinned(encoder: RowEncoder, row: PinnedRow, world: World, firstDay: number): void {
  const day = world.calendar.dateText.indexOf(row.date, firstDay) - firstDay;
  encoder.write(day, row.shop, row.item, row.price, row.count);
}
