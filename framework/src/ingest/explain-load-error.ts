/**
 * Turn a warehouse's CSV load error into an `E_INGEST` error with the file, the physical line
 * and a one-line reason. DuckDB's read_csv errors carry `CSV Error on Line: N`, the offending
 * row and the cause; the rest of its message (its own option dump) is noise for our users.
 */
import { open } from 'node:fs/promises';
import { StrataError, userError } from '../errors/strata-error.js';

/** The parts of a warehouse CSV error that we can use. */
export interface CsvErrorFacts {
  /** Record number as the warehouse counts it (1 = header line). */
  record?: number;
  row?: string;
  reason: string;
}

const MAX_ROW_CHARS = 200;

/** The warehouse's raw text, without our own wrapping. */
function messageOf(err: unknown): string {
  if (err instanceof StrataError) return err.diagnostics.map((d) => d.message).join('\n');
  return err instanceof Error ? err.message : String(err);
}

/** Extract line, row and reason from a DuckDB (or Snowflake-style) CSV error message. */
export function parseCsvError(message: string, dateFormat?: string): CsvErrorFacts {
  const record = /CSV Error on Line: (\d+)/.exec(message) ?? /\bline (\d+)/i.exec(message);
  const row = /Original Line: ([^\n]*)/.exec(message);
  const facts: CsvErrorFacts = { reason: '' };
  if (record) facts.record = Number(record[1]);
  if (row) facts.row = row[1];

  const count = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  const convert = /Error when converting column "([^"]*)"\. Could not convert string "(.*)" to '([^']+)'/.exec(message);
  if (count) {
    facts.reason = `expected ${count[1]} fields, found ${count[2]}`;
  } else if (convert) {
    const [, column, value, type] = convert;
    const format = /^DATE$|^TIMESTAMP/i.test(type) && dateFormat ? ` in the format ${dateFormat}` : '';
    facts.reason = `value "${value}" in column ${column} is not a valid ${type}${format}`;
  } else if (/Invalid unicode/i.test(message)) {
    facts.reason = 'the row is not valid UTF-8';
  } else if (/unterminated quote|quote.*not terminated/i.test(message)) {
    facts.reason = 'a quoted field is never closed (unterminated quote)';
  } else {
    // Fall back to the first line that is not the location or the echoed row.
    const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
    facts.reason = lines.find((l) => !/CSV Error on Line|Original Line/.test(l)) ?? lines[0] ?? 'unknown error';
    facts.reason = facts.reason.replace(/^(Invalid Input|Conversion) Error: /, '');
  }
  return facts;
}

/**
 * The physical line on which record `record` starts. Warehouses count CSV records, which differ
 * from editor lines once a quoted field holds a newline; scanning quote state maps one onto the
 * other. Runs only on the error path.
 */
export async function findPhysicalLine(path: string, record: number, quote = 0x22): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let position = 0;
    let line = 1;
    let current = 1;
    let inQuotes = false;
    for (;;) {
      if (current >= record) return line;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return line;
      for (let i = 0; i < bytesRead; i++) {
        const byte = buffer[i];
        if (byte === quote) inQuotes = !inQuotes;
        else if (byte === 0x0a) {
          line += 1;
          if (!inQuotes) {
            current += 1;
            if (current >= record) return line;
          }
        }
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

function shorten(text: string): string {
  return text.length > MAX_ROW_CHARS ? `${text.slice(0, MAX_ROW_CHARS)}...` : text;
}

/** Options naming the file being loaded. */
export interface ExplainLoadErrorOptions {
  /** Local file that was loaded (used to map records to lines). */
  path: string;
  /** Name users see: project-relative path or s3:// URI. */
  displayFile: string;
  table: string;
  dateFormat?: string;
}

/** A `StrataError` (E_INGEST) for a failed bulk load, with file and line when the warehouse gave one. */
export async function explainLoadError(err: unknown, options: ExplainLoadErrorOptions): Promise<StrataError> {
  const message = messageOf(err);
  const facts = parseCsvError(message, options.dateFormat);
  const hint = 'Fix or remove the row in the source file, or correct the declared type in ingest.files[].columns (project.yml).';
  if (facts.record === undefined) {
    return userError('E_INGEST', `Loading into ${options.table} failed: ${facts.reason}`, {
      file: options.displayFile,
      hint: 'Check the file against the declared columns in ingest.files (project.yml).',
    }, 1);
  }
  const line = await findPhysicalLine(options.path, facts.record).catch(() => facts.record as number);
  const row = facts.row !== undefined ? `\n  row: ${shorten(facts.row)}` : '';
  return userError('E_INGEST', `Bad row at line ${line}: ${facts.reason}.${row}`, {
    file: options.displayFile,
    line,
    hint,
  }, 1);
}
