/**
 * Number and date formats used on every chart and KPI, so the build-time SVG and the browser
 * redraw print exactly the same text. Money is always `₽` + compact figure (₽1.23M).
 */
import type { Metric } from './types.ts';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `₽1.23M`, `₽845K`, `₽950`, `−₽1.2K`. */
export function formatRub(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '−' : '';
  return `${sign}₽${compact.format(Math.abs(value))}`;
}

/** `1.23M`, `845K`, `950`: for axes and compact labels. */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '−' : '';
  return sign + compact.format(Math.abs(value));
}

/** `3,648,206`. */
export function formatInt(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return whole.format(value).replace('-', '−');
}

/** `+4.2%`, `−17.0%`; null (no previous month) gives `—`. */
export function formatPct(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${Math.abs(value).toFixed(1)}%`;
}

/** Price in rubles with no compaction below 10K: `₽1,299`. */
export function formatPrice(value: number): string {
  return Math.abs(value) < 10_000 ? `₽${whole.format(value)}` : formatRub(value);
}

/** The metric in its natural unit: money for revenue, compact count for units. */
export function formatMetric(metric: Metric, value: number): string {
  return metric === 'revenue' ? formatRub(value) : formatCompact(value);
}

export function metricLabel(metric: Metric): string {
  return metric === 'revenue' ? 'Revenue' : 'Units sold';
}

/** `2014-01-01` -> `Jan 2014`. Parsed by hand: no time zone can shift the month. */
export function formatMonth(iso: string): string {
  const [year, month] = iso.split('-');
  return `${MONTHS[Number(month) - 1]} ${year}`;
}

/** `2014-01-01` -> `Jan`; for dense axes where the year is shown separately. */
export function formatMonthShort(iso: string): string {
  return MONTHS[Number(iso.slice(5, 7)) - 1] ?? iso;
}

export function monthOfYearName(monthOfYear: number): string {
  return MONTHS[monthOfYear - 1] ?? String(monthOfYear);
}

/** ISO date -> UTC Date at midnight, for Plot's time scales. */
export function monthDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** `2025-03-12T14:03:00Z` -> `12 Mar 2025, 14:03 UTC`. */
export function formatTimestamp(iso: string | null): string {
  if (!iso) return 'unknown';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** Shorten long labels for axes: keeps the start, ends with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
