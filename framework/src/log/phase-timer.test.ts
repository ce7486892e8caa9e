import { describe, expect, it } from 'vitest';
import { createPhaseTimer } from './phase-timer.js';

describe('phase timer', () => {
  it('gives each phase the time since the previous mark, adds up a phase marked twice, and totals from the start', () => {
    let clock = 1000;
    let cpu = 40;
    const timer = createPhaseTimer(1000, () => clock, () => cpu);
    cpu = 2140;
    clock = 1250;
    timer.mark('parse');
    clock = 1300;
    timer.mark('graph');
    clock = 2300;
    timer.mark('parse');
    // CPU since the timer was made: here 2.1 s of CPU over 1.3 s, two threads at work.
    expect(timer.summary()).toBe('Timing: parse 1.25s, graph 0.05s; total 1.30s; CPU of all threads 2.10s');
  });
});
