import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPhysicalLine, parseCsvError } from '../../src/ingest/explain-load-error.js';
import { formatCount, formatIngestLine } from '../../src/ingest/format-ingest-line.js';
import { resolveDateFormat } from '../../src/ingest/ingest-file.js';
import { compareWithLedger, computeSpecChecksum, type PreparedFile } from '../../src/ingest/prepared-file.js';
import { createProgressBar, renderProgress } from '../../src/ingest/progress-bar.js';
import { createIngestS3Client } from '../../src/ingest/s3-client.js';
import { parseS3Source } from '../../src/ingest/s3-location.js';
import type { LedgerEntry } from '../../src/ingest/load-ledger.js';

describe('formatCount', () => {
  it('writes thousands separators exactly as en-US does, for every digit count and sign', () => {
    const values = [0, 7, 42, 999, 1000, 1001, 58_092, 999_999, 1_000_000, 2_935_849, 22_170, 9_007_199_254_740_991, 1.5, 1234.25];
    for (let digits = 1; digits <= 16; digits++) values.push(Number('9'.repeat(digits)), 10 ** (digits - 1));
    for (const n of values) {
      expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
      expect(formatCount(-n), String(-n)).toBe((-n).toLocaleString('en-US'));
    }
    expect(formatCount(2_935_849)).toBe('2,935,849');
  });
});

describe('parseCsvError', () => {
  it('reads line, row and field-count reason from a DuckDB error', () => {
    const message = 'Invalid Input Error: CSV Error on Line: 2500001\nOriginal Line: 03.01.2013,0,25,2,899.0\nExpected Number of Columns: 6 Found: 5\nPossible fixes:\n* ...';
    expect(parseCsvError(message)).toEqual({ record: 2500001, row: '03.01.2013,0,25,2,899.0', reason: 'expected 6 fields, found 5' });
  });

  it('reads a conversion error and names the date format for dates', () => {
    const message = 'Conversion Error: CSV Error on Line: 7\nOriginal Line: x\nError when converting column "date". Could not convert string "2015-10-31" to \'DATE\'\n';
    expect(parseCsvError(message, '%d.%m.%Y').reason).toBe('value "2015-10-31" in column date is not a valid DATE in the format %d.%m.%Y');
  });

  it('explains invalid UTF-8 and falls back to the first meaningful line', () => {
    expect(parseCsvError('Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,??\nInvalid unicode (byte sequence mismatch) detected.').reason).toBe('the row is not valid UTF-8');
    expect(parseCsvError('Invalid Input Error: something odd').reason).toBe('something odd');
  });
});

describe('findPhysicalLine', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-lines-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps CSV records to editor lines across quoted newlines and doubled quotes', async () => {
    const path = join(dir, 'multi.csv');
    await writeFile(path, 'a,b\n"x\ny ""q""\nz",1\nplain,2\nbad,x\n');
    expect(await findPhysicalLine(path, 1)).toBe(1);
    expect(await findPhysicalLine(path, 2)).toBe(2);
    expect(await findPhysicalLine(path, 3)).toBe(5);
    expect(await findPhysicalLine(path, 4)).toBe(6);
  });
});

describe('log lines and progress', () => {
  it('formats loaded, unchanged and error lines', () => {
    expect(formatIngestLine(1, 4, 'raw.sales_train', { status: 'loaded', rows: 2935849, seconds: 3.14 })).toMatch(
      /^1 of 4 OK loaded raw\.sales_train \.{3,} \[2,935,849 rows in 3\.1s\]$/,
    );
    expect(formatIngestLine(2, 4, 'raw.items', { status: 'unchanged' })).toMatch(/^2 of 4 OK raw\.items \.{3,} \[unchanged\]$/);
    expect(formatIngestLine(3, 4, 'raw.shops', { status: 'error', seconds: 0.2 })).toMatch(/ERROR loading raw\.shops \.+ \[ERROR in 0\.2s\]$/);
  });

  it('renders and throttles a progress bar, then clears the line', () => {
    expect(renderProgress('sales.csv', 47_500_000, 95_000_000)).toBe('sales.csv [############------------]  50% 47.5/95.0 MB');
    const writes: string[] = [];
    let clock = 0;
    const bar = createProgressBar({ write: (t) => writes.push(t) }, 'f', 1000, () => clock);
    bar.advance(100);
    clock = 50;
    bar.advance(100);
    clock = 200;
    bar.advance(100);
    bar.advance(700);
    bar.finish();
    expect(writes).toEqual(['\rf [------------------------]   0% 0.0/0.0 MB', '\rf [#######-----------------]  30% 0.0/0.0 MB', '\rf [########################] 100% 0.0/0.0 MB', '\r\x1b[K']);
  });
});

describe('ledger comparison', () => {
  const spec = { file: 'a.csv', table: 'a', columns: { x: 'INTEGER' } };
  const file: PreparedFile = { spec, displayFile: 'data/a.csv', sourceUri: 'data/a.csv', size: 10, modifiedMs: 1000, materialize: async () => '' };
  const entry: LedgerEntry = {
    fileName: 'a.csv', tableName: 'a', sourceUri: 'data/a.csv', sizeBytes: 10, modifiedMs: 1000, checksum: 'abc',
    specChecksum: computeSpecChecksum(spec), rowCount: 1, loadedAt: new Date(0), seconds: 1,
  };
  const checksum = computeSpecChecksum(spec);

  it('takes the fast path on equal size and mtime, hashes on another mtime', () => {
    expect(compareWithLedger(file, entry, checksum)).toBe('same');
    expect(compareWithLedger({ ...file, modifiedMs: 2000 }, entry, checksum)).toBe('hash-needed');
  });

  it('sees a change in size, source, spec or ETag, and a missing entry', () => {
    expect(compareWithLedger({ ...file, size: 11 }, entry, checksum)).toBe('changed');
    expect(compareWithLedger({ ...file, sourceUri: 'other/a.csv' }, entry, checksum)).toBe('changed');
    expect(compareWithLedger(file, entry, computeSpecChecksum({ ...spec, delimiter: ';' }))).toBe('changed');
    expect(compareWithLedger(file, undefined, checksum)).toBe('changed');
    expect(compareWithLedger({ ...file, knownChecksum: 'abc' }, entry, checksum)).toBe('same');
    expect(compareWithLedger({ ...file, knownChecksum: 'def' }, entry, checksum)).toBe('changed');
  });

  it('translates Snowflake-style date formats and keeps strftime ones', () => {
    expect(resolveDateFormat({ ...spec, date_format: 'DD.MM.YYYY' })).toBe('%d.%m.%Y');
    expect(resolveDateFormat({ ...spec, date_format: '%Y/%m/%d' })).toBe('%Y/%m/%d');
    expect(resolveDateFormat(spec)).toBeUndefined();
  });
});

describe('S3 settings', () => {
  it('parses s3:// sources and rejects bad bucket names', () => {
    expect(parseS3Source('s3://raw-data/sales/v1')).toEqual({ bucket: 'raw-data', prefix: 'sales/v1/' });
    expect(parseS3Source('s3://raw-data/')).toEqual({ bucket: 'raw-data', prefix: '' });
    expect(parseS3Source('s3://raw-data')).toEqual({ bucket: 'raw-data', prefix: '' });
    expect(() => parseS3Source('s3://ab/x')).toThrow(/not a valid S3 location/);
    expect(() => parseS3Source('s3://Upper_Case/x')).toThrow(/not a valid S3 location/);
  });

  it('configures the client from env: endpoint, path style, checksums, explicit credentials', async () => {
    const { client, endpoint, region } = createIngestS3Client({
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret-example',
      AWS_SESSION_TOKEN: 'token-example',
    });
    expect({ endpoint, region }).toEqual({ endpoint: 'http://127.0.0.1:9', region: 'eu-central-1' });
    expect(client.config.forcePathStyle).toBe(true);
    expect(await client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'token-example' });
    client.destroy();
  });

  it('prefers AWS_ENDPOINT_URL_S3 and AWS_REGION, honours AWS_S3_FORCE_PATH_STYLE=false', () => {
    const { client, endpoint, region } = createIngestS3Client({
      AWS_REGION: 'us-west-2',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2',
      AWS_S3_FORCE_PATH_STYLE: 'false',
    });
    expect({ endpoint, region }).toEqual({ endpoint: 'http://127.0.0.1:2', region: 'us-west-2' });
    expect(client.config.forcePathStyle).toBe(false);
    client.destroy();
  });

  it('rejects half a key pair and a non-http endpoint', () => {
    expect(() => createIngestS3Client({ AWS_ACCESS_KEY_ID: 'AKIA' })).toThrow(/AWS_SECRET_ACCESS_KEY is not set/);
    expect(() => createIngestS3Client({ AWS_ENDPOINT_URL_S3: 'ftp://x' })).toThrow(/not an http\(s\) URL/);
  });
});
