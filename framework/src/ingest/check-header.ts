/**
 * Header check before a load: the file's first line must name the declared columns in order.
 * Done in JS on the first bytes only, so a wrong file fails in milliseconds with a message that
 * shows both headers, instead of as a type error somewhere in row 2.
 */
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { userError } from '../errors/strata-error.js';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 64 * 1024;
/** A header longer than this is not a header; stop reading rather than slurp a huge file. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** The first line of a file as bytes, without its line ending (`\n` or `\r\n`). */
async function readFirstLine(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, total);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      const newline = chunk.indexOf(0x0a);
      if (newline >= 0) {
        chunks.push(chunk.subarray(0, newline));
        break;
      }
      chunks.push(chunk);
      total += bytesRead;
      if (total >= MAX_HEADER_BYTES) break;
    }
    const line = Buffer.concat(chunks);
    return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
  } finally {
    await handle.close();
  }
}

function quoteList(names: string[], delimiter: string): string {
  return names.join(delimiter);
}

/** Reject byte order marks and non-UTF-8 bytes with a message that names them. */
function decodeHeader(bytes: Buffer, displayFile: string): string {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) {
    throw userError('E_INGEST', 'The file starts with a UTF-8 byte order mark (BOM, bytes EF BB BF); raw files must be UTF-8 without a BOM.', {
      file: displayFile,
      line: 1,
      column: 1,
      hint: displayFile.startsWith('s3://')
        ? 'Re-export the file as "UTF-8" (not "UTF-8 with BOM") and upload it again.'
        : `Re-export the file as "UTF-8" (not "UTF-8 with BOM"), or strip the mark: sed -i '1s/^\\xEF\\xBB\\xBF//' ${displayFile}`,
    }, 1);
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw userError('E_INGEST', 'The file is UTF-16 encoded (it starts with a UTF-16 byte order mark); raw files must be UTF-8.', {
      file: displayFile,
      line: 1,
      hint: `Convert it, e.g. iconv -f UTF-16 -t UTF-8 ${displayFile} > converted.csv`,
    }, 1);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw userError('E_INGEST', 'The header line is not valid UTF-8.', {
      file: displayFile,
      line: 1,
      hint: 'Convert the file to UTF-8 (e.g. iconv -f WINDOWS-1251 -t UTF-8) before ingesting it.',
    }, 1);
  }
}

/**
 * Throw an `E_INGEST` error at line 1 unless the file's header names `expected` in order.
 * `displayFile` is the name users see (project-relative path or s3:// URI).
 */
export async function checkHeader(path: string, displayFile: string, expected: string[], delimiter = ','): Promise<void> {
  const text = decodeHeader(await readFirstLine(path), displayFile);
  if (text.trim() === '') {
    throw userError('E_INGEST', 'The file is empty or its first line is blank; expected a header line.', {
      file: displayFile,
      line: 1,
      hint: `The first line must be the header: ${quoteList(expected, delimiter)}`,
    }, 1);
  }
  let actual: string[];
  try {
    actual = (parse(text, { delimiter, relax_column_count: true }) as string[][])[0] ?? [];
  } catch (err) {
    throw userError('E_INGEST', `The header line cannot be parsed as CSV: ${(err as Error).message}`, {
      file: displayFile,
      line: 1,
      hint: `Expected header: ${quoteList(expected, delimiter)}`,
    }, 1);
  }
  if (actual.length === expected.length && actual.every((name, i) => name === expected[i])) return;

  const first = expected.findIndex((name, i) => actual[i] !== name);
  const detail =
    first >= 0 && first < actual.length
      ? ` (column ${first + 1} is "${actual[first]}", expected "${expected[first]}")`
      : ` (${actual.length} columns, expected ${expected.length})`;
  const otherDelimiter = [';', '\t', '|', ','].find((d) => d !== delimiter && actual.length === 1 && text.includes(d));
  const hint = otherDelimiter
    ? `The file seems to be delimited by ${JSON.stringify(otherDelimiter)}; set delimiter: ${JSON.stringify(otherDelimiter)} for this file in project.yml (ingest.files).`
    : 'Make ingest.files[].columns in project.yml list the file\'s columns in file order, or fix the file\'s header.';
  throw userError(
    'E_INGEST',
    `Header does not match the declared columns${detail}.\n  expected: ${quoteList(expected, delimiter)}\n  actual:   ${text}`,
    { file: displayFile, line: 1, hint },
    1,
  );
}
