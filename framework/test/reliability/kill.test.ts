/**
 * SIGKILL `strata build` at seeded random points: nothing half-built is ever visible, every
 * relation is its previous or its new complete version, and the next build converges to a
 * clean build. The large variant is kill-bench.ts (figures in RELIABILITY.md).
 */
import { describe, expect, it } from 'vitest';
import { assertCliBuilt } from './kill-project.js';
import { phaseOf, runKillSeries, seededRandom } from './kill-series.js';

const SEED = Number(process.env.STRATA_KILL_SEED ?? 20240611);

describe('killing strata build', () => {
  it('survives 20 SIGKILLs at random points with every relation complete (old or new) and converges', async () => {
    assertCliBuilt();
    const log: string[] = [];
    const report = await runKillSeries({ kills: 20, seed: SEED, convergeEvery: 5, seedRows: 20_000, rangeRows: 800_000, log: (l) => log.push(l) });
    if (process.env.STRATA_KILL_REPORT) console.log(JSON.stringify({ ...report, log }, null, 1));
    expect(report.violations, `${report.violations.join('\n')}\n\n${log.join('\n')}`).toEqual([]);
    expect(report.kills).toBe(20);
    expect(report.convergences).toBe(4);
    // The kills must land mid-build, not only before or after: otherwise the series proves nothing.
    expect(report.midBuildKills, log.join('\n')).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('replays the same delays for the same seed and tells the phases apart', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(draws);
    expect(new Set(draws).size).toBe(5);
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    expect(phaseOf('')).toBe('starting (nothing printed yet)');
    expect(phaseOf("10:00:00  Running with strata 0.1.0\n10:00:00  Found 3 models\n10:00:00  \n")).toBe('parsed, connecting');
    expect(phaseOf('10:00:00  1 of 9 START seed file main_raw.x .... [RUN]\n')).toBe('loading a seed');
    expect(phaseOf('10:00:00  4 of 9 OK created sql table model main.x ... [SELECT 3 in 0.1s]\n')).toBe('building a model');
    expect(phaseOf('10:00:00  5 of 9 PASS unique_x_id ... [PASS in 0.01s]\n')).toBe('running a data test');
    expect(phaseOf('10:00:00  Done. PASS=9 WARN=0 ERROR=0 SKIP=0 TOTAL=9\n10:00:00  \n')).toBe('summary and artifacts');
  });
});
