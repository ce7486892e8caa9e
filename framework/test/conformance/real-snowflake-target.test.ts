/**
 * The real-account target of the suite (targets.ts) only runs with credentials, so its own logic
 * is checked here against the emulator: which variables make it run (and the skip reason when
 * they are missing), and that it removes exactly the schemas it created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNetworkGuard, type NetworkGuard, type SnowflakeEmulator, startSnowflakeEmulator } from '../snowflake-emulator/index.js';
import { createProject } from './conformance-project.js';
import { realSnowflakeTarget } from './targets.js';

describe('the real Snowflake conformance target', () => {
  it('says which variable is missing when it cannot run', () => {
    expect(realSnowflakeTarget({}).label).toBe('real Snowflake (skipped: SNOWFLAKE_ACCOUNT not set)');
    expect(realSnowflakeTarget({ SNOWFLAKE_ACCOUNT: 'a' }).skipReason).toBe('SNOWFLAKE_USER not set');
    expect(realSnowflakeTarget({ SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u' }).skipReason).toBe('neither SNOWFLAKE_PASSWORD nor SNOWFLAKE_PRIVATE_KEY_PATH set');
    expect(realSnowflakeTarget({ SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_PRIVATE_KEY_PATH: '/k.p8' }).skipReason).toBe('SNOWFLAKE_DATABASE not set');
    const ready = realSnowflakeTarget({ SNOWFLAKE_ACCOUNT: 'myorg-acct', SNOWFLAKE_USER: 'u', SNOWFLAKE_PASSWORD: 'p', SNOWFLAKE_DATABASE: 'd' });
    expect([ready.skipReason, ready.label]).toEqual([undefined, 'real Snowflake (myorg-acct)']);
  });

  it('admits only Snowflake and cloud storage hosts through the network guard', () => {
    const target = realSnowflakeTarget({});
    expect(['127.0.0.1', 'myorg-acct.snowflakecomputing.com', 'sfc-eu-ds1.s3.eu-central-1.amazonaws.com'].every(target.allowsHost)).toBe(true);
    expect(['169.254.169.254', 'metadata.google.internal', 'example.com'].some(target.allowsHost)).toBe(false);
  });

  describe('against the emulator standing in for an account', () => {
    let guard: NetworkGuard;
    let emulator: SnowflakeEmulator;
    const umask = process.umask();
    beforeAll(async () => {
      guard = installNetworkGuard();
      emulator = await startSnowflakeEmulator({ users: { bob: 'real-ish-secret' }, database: 'SHARED' });
    });
    afterAll(async () => {
      await emulator?.close();
      process.umask(umask);
      guard?.restore();
      expect(guard?.blocked).toEqual([]);
    });

    it('builds in schemas of its own and drops exactly those', async () => {
      const target = realSnowflakeTarget({
        SNOWFLAKE_ACCOUNT: emulator.account, SNOWFLAKE_USER: 'bob', SNOWFLAKE_PASSWORD: 'real-ish-secret', SNOWFLAKE_DATABASE: 'shared', SNOWFLAKE_ACCESS_URL: emulator.accessUrl,
      });
      const schemas = async () => {
        const adapter = target.adapter('', 'public');
        const connection = await adapter.connect();
        try {
          return (await connection.execute('show schemas in database shared')).rows.map((r) => String(r.name));
        } finally {
          await connection.close();
          await adapter.close();
        }
      };
      const p = createProject(target);
      try {
        expect((await p.cli(['seed', '--quiet'])).code).toBe(0);
        const before = await schemas();
        expect(before).toContain(`${p.schema.toUpperCase()}_RAW`);
        await target.stop();
        expect(await schemas()).toEqual(['INFORMATION_SCHEMA', 'PUBLIC']);
      } finally {
        p.cleanup();
      }
    });
  });
});
