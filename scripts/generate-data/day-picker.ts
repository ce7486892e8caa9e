/**
 * Picks the days of a (shop, item) block and splits its units over them. Days are weighted by
 * the weekday profile of DATASET.md §6 (Saturday peak) and a pre-New-Year rush in late December.
 */
import type { Calendar } from './calendar.js';
import type { Random } from './random.js';

/** Share of units by weekday, Monday first (DATASET.md §6, real subset). */
const WEEKDAY_SHARE = [11.6, 14.4, 12.3, 12.7, 15.2, 18.6, 15.3];

/** Day weights of one month and scratch space for picking. */
export class DayPicker {
  readonly days: number;
  readonly firstDay: number;
  private readonly weights: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly used: Uint8Array;

  constructor(calendar: Calendar, month: number) {
    this.days = calendar.monthDays[month];
    this.firstDay = calendar.monthStart[month];
    this.weights = new Float64Array(this.days);
    this.cumulative = new Float64Array(this.days);
    this.used = new Uint8Array(this.days);
    let sum = 0;
    for (let d = 0; d < this.days; d++) {
      const rush = calendar.calendarMonth[month] === 12 && d >= 19 ? 1 + (d - 18) * 0.08 : 1;
      this.weights[d] = WEEKDAY_SHARE[calendar.weekday[this.firstDay + d]] * rush;
      this.cumulative[d] = sum += this.weights[d];
    }
  }

  /** One weighted day of the month (0-based). */
  drawDay(rng: Random): number {
    const x = rng.float() * this.cumulative[this.days - 1];
    let low = 0;
    let high = this.days - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid] > x) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** Fills `out` with `count` distinct weighted days in random order. */
  pickDays(count: number, rng: Random, out: Int32Array): void {
    if (count * 2 <= this.days) {
      for (let filled = 0; filled < count; ) {
        const day = this.drawDay(rng);
        if (this.used[day]) continue;
        this.used[day] = 1;
        out[filled++] = day;
      }
      for (let j = 0; j < count; j++) this.used[out[j]] = 0;
      return;
    }
    const keys = Array.from({ length: this.days }, (_, d) => [-Math.log(1 - rng.float()) / this.weights[d], d]);
    keys.sort((a, b) => a[0] - b[0]);
    for (let j = 0; j < count; j++) out[j] = keys[j][1];
  }

  /** Splits `units` over the chosen days: one each, the rest by day weight, capped per day. */
  splitUnits(days: Int32Array, count: number, units: number, cap: number, rng: Random, out: Int32Array): void {
    let weightSum = 0;
    for (let j = 0; j < count; j++) (out[j] = 1), (weightSum += this.weights[days[j]]);
    let left = units - count;
    for (let j = 0; j < count && left > 0; j++) {
      const weight = this.weights[days[j]];
      const give = Math.min(cap - 1, j === count - 1 ? left : rng.binomial(left, weight / weightSum));
      out[j] += give;
      left -= give;
      weightSum -= weight;
    }
    // Caps can leave units over; they go to days with room (the month has enough rows).
    for (let j = 0; left > 0 && j < count; j++) {
      const give = Math.min(cap - out[j], left);
      out[j] += give;
      left -= give;
    }
  }
}
