/**
 * The calendar of the dataset: day numbers from 2013-01-01, months as date_block_num
 * (0 = 2013-01 ... 33 = 2015-10, 34 = 2015-11 for the simulated "next month").
 * Everything is precomputed once so rows never build Date objects.
 */

/** Months the generator knows: the 34 real ones plus 2015-11. */
export const MONTH_COUNT = 35;

/** Precomputed day and month tables. */
export interface Calendar {
  /** First day number of each month. */
  readonly monthStart: Int32Array;
  /** Number of days in each month. */
  readonly monthDays: Int32Array;
  /** `dd.mm.yyyy` for each day number. */
  readonly dateText: readonly string[];
  /** Day of week per day number, 0 = Monday ... 6 = Sunday. */
  readonly weekday: Uint8Array;
  /** Calendar month (1..12) per date_block_num. */
  readonly calendarMonth: Uint8Array;
}

const DAYS_PER_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Builds the calendar for months 0..34 (2013..2015 have no leap day). */
export function buildCalendar(): Calendar {
  const monthStart = new Int32Array(MONTH_COUNT);
  const monthDays = new Int32Array(MONTH_COUNT);
  const calendarMonth = new Uint8Array(MONTH_COUNT);
  const dateText: string[] = [];
  let day = 0;
  for (let block = 0; block < MONTH_COUNT; block++) {
    const year = 2013 + Math.floor(block / 12);
    const month = (block % 12) + 1;
    monthStart[block] = day;
    monthDays[block] = DAYS_PER_MONTH[month - 1];
    calendarMonth[block] = month;
    const suffix = `.${String(month).padStart(2, '0')}.${year}`;
    for (let d = 1; d <= monthDays[block]; d++) dateText.push(String(d).padStart(2, '0') + suffix);
    day += monthDays[block];
  }
  const weekday = new Uint8Array(day);
  // 2013-01-01 was a Tuesday (index 1 with Monday = 0).
  for (let i = 0; i < day; i++) weekday[i] = (i + 1) % 7;
  return { monthStart, monthDays, dateText, weekday, calendarMonth };
}

/** Day number of a `dd.mm.yyyy` date inside the calendar (for the pinned anomaly rows). */
export function dayOfDate(calendar: Calendar, text: string): number {
  const [dd, mm, yyyy] = text.split('.').map(Number);
  const block = (yyyy - 2013) * 12 + mm - 1;
  if (block < 0 || block >= MONTH_COUNT || dd < 1 || dd > calendar.monthDays[block]) {
    throw new Error(`date ${text} is outside 01.01.2013..30.11.2015`);
  }
  return calendar.monthStart[block] + dd - 1;
}
