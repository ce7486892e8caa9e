import { describe, expect, it } from 'vitest';
import { createPhaseTimer } from '../../framework/src/log/phase-timer.js';
import { parseTiming } from './bench-phases.js';

describe('parseTiming', () => {
  it("reads back every phase of the timer's summary, names with commas included, the total and the CPU time", () => {
    let now = 1000;
    let cpu = 0;
    const timer = createPhaseTimer(1000, () => now, () => cpu);
    const marks: Array<[string, number]> = [['start-up and scan', 180], ['parse', 1950], ['parse cache and state, while files are written', 90], ['compiled files (the rest)', 10], ['parse', 50]];
    for (const [phase, ms] of marks) {
      now += ms;
      cpu += 1.5 * ms;
      timer.mark(phase);
    }
    const line = `20:56:02  ${timer.summary()}`;
    expect([...parseTiming(`Compiled 40000 nodes\n${line}\n`)!]).toEqual([
      ['start-up and scan', 0.18], ['parse', 2], ['parse cache and state, while files are written', 0.09], ['compiled files (the rest)', 0.01], ['total', 2.28], ['CPU of all threads', 3.42],
    ]);
  });

  it('takes the last Timing line, and gives nothing for output without one', () => {
    expect(parseTiming('Timing: parse 1.00s; total 1.00s\nTiming: parse 2.00s; total 2.50s')?.get('total')).toBe(2.5);
    expect(parseTiming('Compiled 3 nodes in 0.10s')).toBeUndefined();
  });
});
