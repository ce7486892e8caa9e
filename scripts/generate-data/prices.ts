/**
 * Price model. Base prices follow each category's [p10, median, p90, max] (DATASET.md §6) and
 * end like retail prices (…99, …49, …90; DATASET.md §6: last digit 9 on ~75% of rows, 0 on
 * ~11%). Rows then add markdowns over time and occasional fractional prices from discounts or
 * from averaging two prices on one day (≈6% of rows are fractional in the real subset).
 */
import type { Random } from './random.js';

/** Rounds a raw amount to a retail-looking price. */
export function roundToRetailPrice(raw: number, rng: Random): number {
  if (raw < 10) return Math.max(1, Math.round(raw));
  const roll = rng.float();
  if (raw < 100) return roll < 0.12 ? Math.round(raw / 10) * 10 : Math.max(19, Math.round(raw / 10) * 10 - 1);
  if (raw < 1000) {
    if (roll < 0.08) return Math.round(raw / 100) * 100; // 300, 500
    if (roll < 0.16) return Math.round(raw / 100) * 100 - 10; // …90
    return Math.round(raw / 50) * 50 - 1; // …49 / …99
  }
  if (roll < 0.06) return Math.round(raw / 500) * 500; // round thousands: 1000, 1500
  if (roll < 0.2) return Math.round(raw / 100) * 100 - 10; // 1690, 2490
  return Math.round(raw / 100) * 100 - 1; // 1099, 2599
}

/** Draws a category base price from a split log-normal through p10, median and p90. */
export function drawBasePrice(profile: readonly [number, number, number, number], rng: Random): number {
  const [p10, median, p90, max] = profile;
  // A category whose subset shows one price still has spread in the full catalogue.
  const sigmaLow = Math.max(0.25, Math.log(median / p10) / 1.2816);
  const sigmaHigh = Math.max(0.25, Math.log(p90 / median) / 1.2816);
  const z = rng.normal();
  const raw = median * Math.exp(z * (z < 0 ? sigmaLow : sigmaHigh));
  const clipped = Math.min(max, Math.max(p10 * 0.5, raw));
  return Math.min(max, roundToRetailPrice(clipped, rng));
}

/**
 * The price written on one row. `count` is the row's item_cnt_day. Most rows carry the
 * shelf price; some get a percentage discount (rounded to kopecks, e.g. 1799 * 0.95 = 1709.05)
 * and some multi-unit days average a full and a discounted price (an unrounded float).
 */
export function priceRow(shelf: number, count: number, rng: Random): number {
  const roll = rng.float();
  if (count >= 2 && roll < 0.15) {
    const discount = rng.pick([0.05, 0.1, 0.15, 0.2, 0.3]);
    return (shelf * (count - 1) + shelf * (1 - discount)) / count;
  }
  if (roll < 0.055) return Math.round(shelf * (1 - rng.pick([0.05, 0.1, 0.15, 0.2, 0.3])) * 100) / 100;
  return shelf;
}
