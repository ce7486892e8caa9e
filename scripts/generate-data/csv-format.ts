/**
 * CSV text rules of the dataset (DATASET.md §1): UTF-8 without BOM, LF line endings, a final
 * newline, and minimal quoting exactly like Python's csv.writer(QUOTE_MINIMAL): a field is
 * quoted only if it contains a comma, a quote or a line break; inner quotes are doubled.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes one field only when needed. @example quoteCsvField('a "b", c') === '"a ""b"", c"' */
export function quoteCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats one CSV line (without the line ending). */
export function formatCsvLine(fields: ReadonlyArray<string | number>): string {
  return fields.map((field) => (typeof field === 'number' ? String(field) : quoteCsvField(field))).join(',');
}

/** Formats a whole CSV file: header, rows, LF endings and a final newline. */
export function formatCsvFile(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(formatCsvLine(row));
  return lines.join('\n') + '\n';
}

/**
 * Formats a float the way pandas/Python wrote the original file: integer values keep a
 * `.0` (`999.0`, `-1.0`), other values use the shortest round-trip representation, which
 * JavaScript's Number#toString shares with Python's repr for the magnitudes used here.
 *
 * @example formatFloat(999) === '999.0'; formatFloat(1709.05) === '1709.05'
 */
export function formatFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
