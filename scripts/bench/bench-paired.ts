/**
 * `npm run bench -- paired --a '<command>' --b '<command>' [--runs 7]`: two shell commands run in
 * turn (A B A B ...), each a whole process; prints the median wall time of each and the median
 * of the per-pair ratios A/B. Pairing keeps a ratio meaningful while the machine's speed drifts
 * (e.g. a new build against a checkout of an older one).
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
}

export function benchPaired(a: string, b: string, runs: number): PairedBench {
  if (!a || !b) throw new Error("paired needs two commands: --a '<command>' --b '<command>'");
  const shell = (command: string): Measurement => measure('/bin/sh', ['-c', command]);
  shell(a); // one unmeasured run each: file caches, a first build
  shell(b);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < runs; i++) {
    const ma = shell(a);
    const mb = shell(b);
    if (ma.code !== 0 || mb.code !== 0) throw new Error(`a command failed (exit ${ma.code} / ${mb.code})`);
    pairs.push([ma.seconds, mb.seconds]);
  }
  const result = {
    a, b, pairs,
    medianA: median(pairs.map(([x]) => x)),
    medianB: median(pairs.map(([, y]) => y)),
    ratio: median(pairs.map(([x, y]) => x / y)),
  };
  process.stdout.write(`paired, ${runs} pairs: A ${result.medianA.toFixed(3)} s | B ${result.medianB.toFixed(3)} s | A/B ${result.ratio.toFixed(3)} (median of pair ratios)\n`);
  return result;
}
