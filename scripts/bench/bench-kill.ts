/**
 * The large kill series of RELIABILITY.md as a bench: `npm run bench -- kill [--kills 200]
 * [--seed 1] [--converge-every 1]`. Starts `strata build` on a generated project, SIGKILLs it at
 * seeded random points, checks after each kill that every relation is a complete version, and
 * that the next build converges to a clean build. Exits 1 on any violation.
 */
import { assertCliBuilt } from '../../framework/test/reliability/kill-project.js';
import { runKillSeries } from '../../framework/test/reliability/kill-series.js';

export interface KillBenchOptions {
  kills: number;
  seed: number;
  convergeEvery: number;
  seedRows: number;
  rangeRows: number;
}

export async function benchKill(options: KillBenchOptions) {
  assertCliBuilt();
  const report = await runKillSeries({ ...options, log: (line) => process.stdout.write(`${line}\n`) });
  const { delaysMs, ...summary } = report;
  const sorted = [...delaysMs].sort((a, b) => a - b);
  const delays = { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
  process.stdout.write(`kills ${options.kills}: ${report.violations.length} violations; delays min/median/max ${delays.min}/${delays.median}/${delays.max} ms\n`);
  if (report.violations.length > 0) process.exitCode = 1;
  return { ...summary, ...options, delayMs: delays };
}
