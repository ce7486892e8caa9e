/**
 * The large kill series (not in npm test): `node test-output/kill-bench.mjs [kills] [seed]`
 * after bundling, see RELIABILITY.md. Prints one line per kill, then a JSON report; exits 1 on
 * any violation.
 *
 *   npx tsc -p tsconfig.json
 *   npx esbuild framework/test/reliability/kill-bench.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=test-output/kill-bench.mjs --log-level=warning
 *   node test-output/kill-bench.mjs 200
 */
import { assertCliBuilt } from './kill-project.js';
import { runKillSeries } from './kill-series.js';

const kills = Number(process.argv[2] ?? 100);
const seed = Number(process.argv[3] ?? 1);
const seedRows = Number(process.env.KILL_SEED_ROWS ?? 50_000);
const rangeRows = Number(process.env.KILL_RANGE_ROWS ?? 1_500_000);
const convergeEvery = Number(process.env.KILL_CONVERGE_EVERY ?? 1);

if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: node test-output/kill-bench.mjs [kills >= 1] [seed]\n');
  process.exit(2);
}
assertCliBuilt();
const report = await runKillSeries({ kills, seed, convergeEvery, seedRows, rangeRows, log: (line) => process.stdout.write(`${line}\n`) });
const { delaysMs, ...summary } = report;
const sorted = [...delaysMs].sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ ...summary, seedRows, rangeRows, convergeEvery, delayMs: { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] } }, null, 2)}\n`);
process.exitCode = report.violations.length === 0 ? 0 : 1;
