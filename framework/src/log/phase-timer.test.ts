import { describe, expect, it } from 'vitest';
import { createPhaseTimer } from './phase-timer.js';

describe('phase timer', () => {
  it('gives each phase the time since the previous mark, adds up a phase marked twice, and totals from the start', () => {
    let clock = 1000;
    const timer = createPhaseTimer(1000, () => clock);
    clock = 1250;
    timer.mark('parse');
    clock = 1300;
    timer.mark('graph');
    clock = 2300;
    timer.mark('parse');
    expect(timer.summary()).toBe('Timing: parse 1.25s, graph 0.05s; total 1.30s');
  });
});
