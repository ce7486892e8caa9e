/**
 * dbt-style progress lines for ingest, e.g.
 * `1 of 4 OK loaded raw.sales_train ...................... [2,935,849 rows in 3.1s]`.
 */

const LINE_WIDTH = 64;

/** Pad `head` with dots to a fixed width so the status column lines up. */
function dotted(head: string): string {
  const dots = Math.max(3, LINE_WIDTH - head.length - 1);
  return `${head} ${'.'.repeat(dots)}`;
}

/**
 * `2,935,849`: thousands separators regardless of the machine's locale. Written out rather than
 * `toLocaleString('en-US')`, whose first call loads ICU's number formatting (~9 ms of every ingest).
 */
export function formatCount(n: number): string {
  if (!Number.isInteger(n)) return n.toLocaleString('en-US');
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
}

/** One outcome line for file `index` (1-based) of `total`. */
export function formatIngestLine(
  index: number,
  total: number,
  relation: string,
  outcome: { status: 'loaded'; rows: number; seconds: number } | { status: 'unchanged' } | { status: 'error'; seconds: number },
): string {
  const prefix = `${index} of ${total}`;
  switch (outcome.status) {
    case 'loaded':
      return `${dotted(`${prefix} OK loaded ${relation}`)} [${formatCount(outcome.rows)} rows in ${outcome.seconds.toFixed(1)}s]`;
    case 'unchanged':
      return `${dotted(`${prefix} OK ${relation}`)} [unchanged]`;
    case 'error':
      return `${dotted(`${prefix} ERROR loading ${relation}`)} [ERROR in ${outcome.seconds.toFixed(1)}s]`;
  }
}

/** The line announcing a load about to start. */
export function formatStartLine(index: number, total: number, relation: string, displayFile: string): string {
  return `${index} of ${total} START load ${displayFile} into ${relation}`;
}
