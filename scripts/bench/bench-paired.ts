/**
 * `npm run bench -- paired --a '<command>' --b '<command>' [--runs 7]`: two shell commands run in
 * turn (A B A B ...), each a whole process; prints the median wall time of each and the median
 * of the per-pair ratios A/B, and the median CPU time of each (user + system, all threads: whether
 * a change saved work or only moved it between threads). Pairing keeps a ratio meaningful while
 * the machine's speed drifts (e.g. a new build against a checkout of an older one).
 */
import { measure, median, type Measurement } from './measure.js';

export interface PairedBench {
  a: string;
  b: string;
  medianA: number;
  medianB: number;
  /** Median over pairs of A's wall time / B's. */
  ratio: number;
  pairs: Array<[number, number]>;
  /** Median CPU seconds of A and B (when GNU time measured them). */
  cpuA?: number;
  cpuB?: number;
}

export function benchPaired(a: string, b: string, runs: number): PairedBench {
  if (!a || !b) throw new Error("paired needs two commands: --a '<command>' --b '<command>'");
  const shell = (command: string): Measurement => measure('/bin/sh', ['-c', command]);
  shell(a); // one unmeasured run each: file caches, a first build
  shell(b);
  const pairs: Array<[number, number]> = [];
  const cpu: Array<[number | undefined, number | undefined]> = [];
  for (let i = 0; i < runs; i++) {
    const ma = shell(a);
    const mb = shell(b);
    if (ma.code !== 0 || mb.code !== 0) throw new Error(`a command failed (exit ${ma.code} / ${mb.code})`);
    pairs.push([ma.seconds, mb.seconds]);
    cpu.push([ma.cpuSeconds, mb.cpuSeconds]);
  }
  const cpuOf = (side: 0 | 1) => (cpu.every((c) => c[side] !== undefined) ? median(cpu.map((c) => c[side]!)) : undefined);
  const result: PairedBench = {
    a, b, pairs,
    medianA: median(pairs.map(([x]) => x)),
    medianB: median(pairs.map(([, y]) => y)),
    ratio: median(pairs.map(([x, y]) => x / y)),
    cpuA: cpuOf(0),
    cpuB: cpuOf(1),
  };
  const cpuText = (value: number | undefined) => (value === undefined ? '' : ` (CPU ${value.toFixed(2)} s)`);
  process.stdout.write(`paired, ${runs} pairs: A ${result.medianA.toFixed(3)} s${cpuText(result.cpuA)} | B ${result.medianB.toFixed(3)} s${cpuText(result.cpuB)} | A/B ${result.ratio.toFixed(3)} (median of pair ratios)\n`);
  return result;
}
