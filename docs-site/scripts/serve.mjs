#!/usr/bin/env node
// @ts-check
/**
 * A tiny static file server for the built site (no dependencies). Used by `npm start` and by the
 * browser tests. Plain ESM JavaScript with JSDoc types so Node 20 runs it directly and the
 * compiled pipeline can import it; `serve.d.mts` describes it for TypeScript callers.
 *
 *   node docs-site/scripts/serve.mjs [dir] [--port 4321] [--host 127.0.0.1]
 *
 * Port 0 (the default for tests) picks a free port; the URL is printed on start.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

/**
 * Resolve a URL path to a file inside `root`, or null when it would escape it or does not exist.
 * `/docs/` serves `/docs/index.html`; `/docs` also does (Astro's directory format).
 * @param {string} root
 * @param {string} urlPath
 * @returns {Promise<string | null>}
 */
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  for (const path of [candidate, join(candidate, 'index.html'), `${candidate}.html`]) {
    try {
      const info = await stat(path);
      if (info.isFile()) return path;
    } catch {
      // try the next form
    }
  }
  return null;
}

/**
 * Start serving `dir`. Resolves once listening.
 * @param {{ dir: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startStaticServer({ dir, port = 0, host = '127.0.0.1' }) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // Parse the request path alone: '//x' would otherwise read as a host name (and throw).
    const path = (req.url ?? '/').split(/[?#]/)[0].replace(/\/{2,}/g, '/');
    const file = await resolveFile(root, path);
    if (!file) {
      const notFound = await resolveFile(root, '/404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (notFound && req.method === 'GET') createReadStream(notFound).pipe(res);
      else res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Hashed assets never change; pages may, on the next build.
      'cache-control': file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { dir: fileURLToPath(new URL('../dist', import.meta.url)), port: Number(process.env.PORT ?? 4321), host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--host') options.host = argv[++i];
    else if (!arg.startsWith('--')) options.dir = resolve(arg);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  startStaticServer(options).then(
    (server) => {
      console.log(`Serving ${options.dir} at ${server.url}`);
      const stop = () => server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(`Could not start the server: ${err.message}`);
      process.exit(1);
    },
  );
}
