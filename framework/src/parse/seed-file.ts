/**
 * Read and validate a seed CSV: UTF-8 (a BOM is accepted and dropped), a header, no ragged rows.
 * Types are inferred from the values unless declared in `column_types`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { parse as parseCsv } from 'csv-parse/sync';

/** csv-parse, loaded when a seed is read (not by commands answered from the project state). */
let csvParse: typeof parseCsv | undefined;
const parse: typeof parseCsv = ((...args: Parameters<typeof parseCsv>) => {
  csvParse ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof parseCsv }).parse;
  return csvParse(...args);
}) as typeof parseCsv;
import type { Diagnostic } from '../errors/strata-error.js';

export interface SeedFileInfo {
  columnNames: string[];
  inferredTypes: Record<string, string>;
  rowCount: number;
  checksum: string;
  diagnostics: Diagnostic[];
}

const INT = /^-?\d{1,18}$/;
const NUM = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BOOL = /^(true|false)$/i;

function inferType(values: string[]): string {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return 'varchar';
  if (present.every((v) => INT.test(v))) {
    return present.every((v) => Math.abs(Number(v)) <= 2147483647) ? 'integer' : 'bigint';
  }
  if (present.every((v) => NUM.test(v))) return 'double';
  if (present.every((v) => BOOL.test(v))) return 'boolean';
  if (present.every((v) => DATE.test(v))) return 'date';
  return 'varchar';
}

export function readSeedFile(absolutePath: string, displayPath: string, checksum: (b: Buffer) => string): SeedFileInfo {
  const bytes = readFileSync(absolutePath);
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string, line?: number, hint?: string): SeedFileInfo => {
    diagnostics.push({ code: 'E_SEED', severity: 'error', file: displayPath, line, message, hint });
    return { columnNames: [], inferredTypes: {}, rowCount: 0, checksum: checksum(bytes), diagnostics };
  };
  // A UTF-16 file (Excel's "Unicode text") is not UTF-8 either, but the cp1251 hint would mislead.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('The seed is UTF-16 (it starts with a UTF-16 byte-order mark); seeds must be UTF-8', 1, 'Save it as UTF-8 (for example: iconv -f utf-16 -t utf-8 file.csv > utf8.csv).');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('The seed is not valid UTF-8', firstInvalidUtf8Line(bytes), 'Save the file as UTF-8 (for example: iconv -f cp1251 -t utf-8 file.csv).');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('The seed file is empty', 1, 'Add a header row with column names.');
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof parsed;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return fail(`Cannot parse CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`, e.lines, 'Quote fields that contain commas or quotes, and double inner quotes.');
  }
  const names = parsed[0].record.map((h) => h.trim());
  const rows = parsed.slice(1).map((p) => p.record);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) return fail(`Duplicate column '${dup}' in the header`, 1, 'Give each column a distinct name.');
  if (names.some((n) => n === '')) return fail('Empty column name in the header', 1, 'Name every column.');
  for (const { record, info } of parsed.slice(1)) {
    if (record.length !== names.length) {
      diagnostics.push({
        code: 'E_SEED', severity: 'error', file: displayPath, line: info.lines,
        message: `Row has ${record.length} fields but the header has ${names.length}`,
        hint: 'Fix the row: quote values that contain commas, or add the missing fields.',
      });
      if (diagnostics.length >= 5) break;
    }
  }
  const inferredTypes: Record<string, string> = {};
  names.forEach((name, i) => (inferredTypes[name] = inferType(rows.map((r) => r[i] ?? ''))));
  return { columnNames: names, inferredTypes, rowCount: rows.length, checksum: checksum(bytes), diagnostics };
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstInvalidUtf8Line(bytes: Buffer): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return undefined;
}
