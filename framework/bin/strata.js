#!/usr/bin/env node
// The strata CLI entry point: runs the ahead-of-time compiled framework (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../../dist/framework/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('strata is not built yet: run `npm run build` (npm ci does it for you).\n');
  process.exit(2);
}
const { runCli } = await import(main.href);
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (line) => process.stdout.write(line + '\n'),
  stderr: (line) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
