import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fmt, measure, parseTimeReport } from './measure.js';

describe('bench measurements', () => {
  it("reads peak memory and CPU time from GNU time's report, also after a failed command's status line", () => {
    expect(parseTimeReport('301056 4.63 0.59\n')).toEqual({ peakMb: 294, cpuSeconds: 4.63 + 0.59 });
    expect(parseTimeReport('Command exited with non-zero status 2\n2048 0.10 0.02\n')).toEqual({ peakMb: 2, cpuSeconds: 0.1 + 0.02 });
    expect(parseTimeReport('')).toEqual({ peakMb: undefined, cpuSeconds: undefined });
  });

  it('prints CPU time beside wall time when it was measured', () => {
    expect(fmt({ seconds: 2.9, cpuSeconds: 5.214, peakMb: 294.2, code: 0 })).toBe('2.90 s (CPU 5.21 s), 294 MB');
    expect(fmt({ seconds: 2.9, code: 0 })).toBe('2.90 s');
  });

  // CPU time, not wall time: a child that spins until it has used 0.3 s of CPU against one that sleeps.
  it.skipIf(!existsSync('/usr/bin/time'))('measures the CPU a child process used, not the time it waited', () => {
    const busy = measure(process.execPath, ['-e', 'while (process.cpuUsage().user < 300000);']);
    const idle = measure(process.execPath, ['-e', 'setTimeout(() => {}, 300)']);
    expect(busy.code).toBe(0);
    expect(busy.cpuSeconds).toBeGreaterThanOrEqual(0.29);
    expect(idle.seconds).toBeGreaterThanOrEqual(0.3);
    expect(busy.cpuSeconds! - idle.cpuSeconds!).toBeGreaterThan(0.15);
  });
});
