/** The tiny static server used by `npm start` and the browser tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../scripts/serve.mjs';
import { startStaticServer } from '../scripts/serve.mjs';

let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-serve-'));
  mkdirSync(join(dir, 'site', 'docs', 'model.sales.x'), { recursive: true });
  mkdirSync(join(dir, 'site', '_astro'));
  writeFileSync(join(dir, 'site', 'index.html'), '<h1>home</h1>');
  writeFileSync(join(dir, 'site', 'docs', 'model.sales.x', 'index.html'), '<h1>x</h1>');
  writeFileSync(join(dir, 'site', '_astro', 'a.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the served folder');
  server = await startStaticServer({ dir: join(dir, 'site'), port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw request, so `..` segments reach the server unnormalised (fetch would resolve them). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serve.mjs', () => {
  it('listens on 127.0.0.1 with a free port and reports its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves index.html for folders, with or without the trailing slash', async () => {
    expect(await get('/')).toMatchObject({ status: 200, body: '<h1>home</h1>', type: 'text/html; charset=utf-8' });
    expect((await get('/docs/model.sales.x/')).body).toBe('<h1>x</h1>');
    expect((await get('/docs/model.sales.x')).body).toBe('<h1>x</h1>');
    expect((await get('/_astro/a.js')).type).toBe('text/javascript; charset=utf-8');
  });

  it('refuses paths outside the folder and unknown files', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    // An encoded slash survives URL parsing and only becomes '..' after decoding.
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });
});
