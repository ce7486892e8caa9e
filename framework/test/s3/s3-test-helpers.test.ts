import { existsSync } from 'node:fs';
import net from 'node:net';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { installLoopbackGuard } from './loopback-guard.js';
import { startS3Server } from './start-s3-server.js';

describe('startS3Server', () => {
  it('serves on 127.0.0.1 from a private directory and removes it on stop', async () => {
    const s3 = await startS3Server({ buckets: ['helper-test'] });
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(s3.directory)).toBe(true);
    const { Readable } = await import('node:stream');
    const body = Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]);
    // A streamed body: stored byte-exact only with checksums WHEN_REQUIRED.
    await s3.client.send(new PutObjectCommand({ Bucket: 'helper-test', Key: 'k.csv', Body: body, ContentLength: 8 }));
    const got = await s3.client.send(new GetObjectCommand({ Bucket: 'helper-test', Key: 'k.csv' }));
    expect(await got.Body?.transformToString()).toBe('a,b\n1,2\n');
    await s3.stop();
    expect(existsSync(s3.directory)).toBe(false);
  });
});

describe('installLoopbackGuard', () => {
  it('blocks non-loopback connections and allows loopback ones', async () => {
    const restore = installLoopbackGuard();
    try {
      expect(() => net.connect({ host: '10.255.255.1', port: 9 })).toThrow(/non-loopback host 10\.255\.255\.1/);
      expect(() => net.connect(80, '169.254.169.254')).toThrow(/non-loopback/);
      const socket = net.connect({ host: '127.0.0.1', port: 9 });
      socket.on('error', () => undefined);
      socket.destroy();
    } finally {
      restore();
    }
  });
});
