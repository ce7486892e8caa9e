import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/index.js';
import { installLoopbackGuard } from '../s3/loopback-guard.js';
import { startS3Server, type S3TestServer } from '../s3/start-s3-server.js';
import { SALES_TRAIN_CSV, SHOPS_CSV, captureError, createTestProject, fixtureConfig, type TestProject } from './ingest-fixtures.js';

const BUCKET = 'strata-raw';
const SOURCE = `s3://${BUCKET}/sales/v1/`;

describe('runIngest from S3 (s3rver on loopback, real AWS SDK)', () => {
  let s3: S3TestServer;
  let restoreNetwork: () => void;
  let project: TestProject;

  beforeAll(async () => {
    restoreNetwork = installLoopbackGuard();
    s3 = await startS3Server({ buckets: [BUCKET] });
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sales/v1/sales_train.csv', Body: SALES_TRAIN_CSV }));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sales/v1/shops.csv', Body: SHOPS_CSV }));
  });
  afterAll(async () => {
    await s3?.stop();
    restoreNetwork?.();
  });
  beforeEach(async () => {
    project = await createTestProject({ writeFixtures: false });
  });
  afterEach(async () => {
    await project.cleanup();
  });

  it('downloads into the cache atomically and loads the tables; a second run downloads nothing', async () => {
    const config = fixtureConfig({ source: SOURCE });
    const summary = await runIngest(project.request({ config, env: s3.env }));

    expect(summary.files.map((f) => [f.table, f.status, f.rows])).toEqual([
      ['sales_train', 'loaded', 6],
      ['shops', 'loaded', 4],
    ]);
    const cached = join(project.dir, 'target', 'ingest-cache', BUCKET, 'sales', 'v1', 'shops.csv');
    expect(await readFile(cached, 'utf8')).toBe(SHOPS_CSV);
    expect(project.lines.filter((l) => l.includes(`Downloaded s3://${BUCKET}/sales/v1/`))).toHaveLength(2);
    expect(await project.query('select shop_name from raw.shops where shop_id = 1')).toEqual([{ shop_name: '!Якутск ТЦ "Центральный" фран' }]);
    const ledger = await project.query(`select source_uri, checksum from raw._strata_load_ledger where table_name = 'shops'`);
    expect(ledger[0].source_uri).toBe(`s3://${BUCKET}/sales/v1/shops.csv`);
    expect(ledger[0].checksum).toMatch(/^[0-9a-f]{32}$/);

    project.lines.length = 0;
    const again = await runIngest(project.request({ config, env: s3.env }));
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(project.lines.some((l) => l.includes('Downloaded'))).toBe(false);
  });

  it('draws a progress bar only on a TTY', async () => {
    const { createLogger } = await import('../../src/log/logger.js');
    const { rm } = await import('node:fs/promises');
    const config = fixtureConfig({ source: SOURCE });
    const notTty: string[] = [];
    await runIngest(project.request({ config, env: s3.env, progress: { write: (t) => notTty.push(t) } }));
    expect(notTty).toEqual([]);

    await rm(join(project.dir, 'target', 'ingest-cache'), { recursive: true });
    const tty: string[] = [];
    const logger = createLogger({ secrets: { values: [] }, write: () => undefined, isTty: true });
    await runIngest(project.request({ config, env: s3.env, logger, full: true, progress: { write: (t) => tty.push(t) } }));
    expect(tty.some((t) => t.startsWith('\rsales_train.csv [') && t.includes('100%'))).toBe(true);
    expect(tty.at(-1)).toBe('\r\x1b[K');
  });

  it('reloads an object whose ETag changed', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v2/shops.csv', Body: SHOPS_CSV }));
    const config = fixtureConfig({ source: `s3://${BUCKET}/v2`, files: [fixtureConfig().files[1]] });
    await runIngest(project.request({ config, env: s3.env }));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v2/shops.csv', Body: `${SHOPS_CSV}Новый магазин,4\n` }));
    const again = await runIngest(project.request({ config, env: s3.env }));
    expect(again.files[0]).toMatchObject({ status: 'loaded', rows: 5 });
  });

  it('lists extra_files under the prefix: a new month object loads alone, an unchanged ETag loads nothing', async () => {
    const header = 'date,date_block_num,shop_id,item_id,item_price,item_cnt_day';
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v3/sales_train.csv', Body: SALES_TRAIN_CSV }));
    // Not matched: another pattern, and a "subfolder" below the prefix.
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v3/sales_train_backup.csv', Body: SALES_TRAIN_CSV }));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v3/old/sales_train_month_33.csv', Body: `${header}\n` }));
    const base = fixtureConfig().files[0];
    const config = fixtureConfig({ source: `s3://${BUCKET}/v3/`, files: [{ ...base, extra_files: 'sales_train_month_*.csv' }] });
    const first = await runIngest(project.request({ config, env: s3.env }));
    expect(first.files.map((f) => [f.file, f.status, f.rows])).toEqual([['sales_train.csv', 'loaded', 6]]);

    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v3/sales_train_month_34.csv', Body: `${header}\n01.11.2015,34,59,22087,119.0,1.0\n` }));
    const second = await runIngest(project.request({ config, env: s3.env }));
    expect(second.files.map((f) => [f.file, f.status, f.rows])).toEqual([['sales_train.csv', 'unchanged', 6], ['sales_train_month_34.csv', 'loaded', 1]]);
    const rows = await project.query(`select _source_file, count(*)::int as n from raw.sales_train group by 1 order by 1`);
    expect(rows).toEqual([{ _source_file: 'sales_train.csv', n: 6 }, { _source_file: 'sales_train_month_34.csv', n: 1 }]);
    const ledger = await project.query(`select source_uri from raw._strata_load_ledger where table_name = 'sales_train' order by 1`);
    expect(ledger.map((r) => r.source_uri)).toEqual([`s3://${BUCKET}/v3/sales_train.csv`, `s3://${BUCKET}/v3/sales_train_month_34.csv`]);

    const third = await runIngest(project.request({ config, env: s3.env }));
    expect(third.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('reports a missing bucket with the s3 URI and the fix', async () => {
    const config = fixtureConfig({ source: 's3://no-such-bucket/sales/' });
    const error = await captureError(runIngest(project.request({ config, env: s3.env })));
    expect(error).toMatchObject({ code: 'E_INGEST', file: 's3://no-such-bucket/sales/sales_train.csv' });
    expect(error.message).toContain('bucket "no-such-bucket" does not exist');
    expect(error.message).toContain(s3.endpoint);
    expect(error.hint).toMatch(/bucket name in ingest\.source/);
  });

  it('reports a missing object and loads nothing', async () => {
    const config = fixtureConfig({ source: `s3://${BUCKET}/empty-prefix/` });
    const error = await captureError(runIngest(project.request({ config, env: s3.env })));
    expect(error).toMatchObject({ code: 'E_INGEST', file: `s3://${BUCKET}/empty-prefix/sales_train.csv` });
    expect(error.message).toMatch(/does not exist/);
    expect(error.hint).toMatch(/Upload the file/);
    expect(existsSync(join(project.dir, 'target', 'strata.duckdb'))).toBe(false);
  });

  it('reports bad credentials without printing them', async () => {
    const env = { ...s3.env, AWS_ACCESS_KEY_ID: 'AKIAWRONGKEY000', AWS_SECRET_ACCESS_KEY: 'wrong-secret-value' };
    const error = await captureError(runIngest(project.request({ config: fixtureConfig({ source: SOURCE }), env })));
    expect(error.code).toBe('E_INGEST');
    expect(error.message).toMatch(/S3 refused access to s3:\/\/strata-raw\/sales\/v1\/sales_train\.csv \(InvalidAccessKeyId, HTTP 403\)/);
    expect(error.hint).toMatch(/AWS_ACCESS_KEY_ID/);
    expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
  });

  it('reports an unreachable endpoint', async () => {
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const env = { ...s3.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` };
    const error = await captureError(runIngest(project.request({ config: fixtureConfig({ source: SOURCE }), env })));
    expect(error.message).toMatch(new RegExp(`Cannot reach S3 at endpoint http://127.0.0.1:${port} .*ECONNREFUSED`));
    expect(error.hint).toMatch(/AWS_ENDPOINT_URL_S3/);
  });

  it('rejects an invalid bucket name before any request', async () => {
    const error = await captureError(runIngest(project.request({ config: fixtureConfig({ source: 's3://b/x/' }), env: s3.env })));
    expect(error.message).toMatch(/not a valid S3 location/);
  });
});
