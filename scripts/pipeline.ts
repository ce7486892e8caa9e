/**
 * The whole job on the embedded default: ingest (generating the raw files if none exist),
 * seed + build + test, docs generate, the Astro site build; with --serve, serve the site on
 * localhost and print the URL. Exits non-zero at the first failing step.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../framework/src/cli/main.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function step(name: string, argv: string[]): Promise<void> {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name}: strata ${argv.join(' ')}\n`);
  const code = await runCli(argv, {
    env: process.env,
    cwd: root,
    stdout: (l) => process.stdout.write(l + '\n'),
    stderr: (l) => process.stderr.write(l + '\n'),
    isTty: Boolean(process.stdout.isTTY),
  });
  process.stdout.write(`=== ${name} finished in ${((Date.now() - t0) / 1000).toFixed(1)}s (exit ${code})\n`);
  if (code !== 0) process.exit(code);
}

function buildSite(): void {
  const t0 = Date.now();
  process.stdout.write('\n=== site: astro build --root docs-site\n');
  const astro = join(root, 'node_modules', '.bin', 'astro');
  const result = spawnSync(astro, ['build', '--root', 'docs-site', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  process.stdout.write(`=== site finished in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const serve = process.argv.includes('--serve');
  await step('ingest', ['ingest']);
  await step('build', ['build']);
  await step('docs', ['docs', 'generate']);
  if (existsSync(join(root, 'docs-site', 'astro.config.mjs'))) buildSite();
  process.stdout.write(`\nPipeline finished in ${((Date.now() - started) / 1000).toFixed(1)}s.\n`);
  if (serve) {
    // A plain-JS module beside the site, shared with the browser tests.
    const serveModule = pathToFileURL(join(root, 'docs-site', 'scripts', 'serve.mjs')).href;
    const { startStaticServer } = (await import(serveModule)) as typeof import('../docs-site/scripts/serve.mjs');
    const server = await startStaticServer({ dir: join(root, 'docs-site', 'dist'), port: Number(process.env.PORT ?? 4321), host: '127.0.0.1' });
    process.stdout.write(`\nDashboard and docs: ${server.url}\n(Ctrl+C to stop)\n`);
  }
}

await main();
