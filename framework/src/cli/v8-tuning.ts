/**
 * V8 settings for a large full parse. Its optimising compiler (TurboFan) compiles the parse's hot
 * functions on background threads, and at 10k models those compiles took ~1.3 s of the ~4.6 s of
 * CPU a cold compile used on 2 cores: as much as the render worker's work. Smaller inlining budgets
 * made those compiles ~0.3 s cheaper for code as fast, and the cold compile 0.95x as long
 * (BENCHMARKS.md, fifteenth round).
 *
 * Set only when a large full parse is certain: changing a V8 flag changes the hash that Node's
 * built-in code cache is checked against, so modules loaded afterwards compile from source. That
 * cost ~10 ms, which the answers from the project state (~0.2 s) would pay for nothing.
 */
import { setFlagsFromString } from 'node:v8';

const FLAGS = ['--max-inlined-bytecode-size=100', '--max-inlined-bytecode-size-cumulative=200'];

let tuned = false;

/** Lower the inlining budgets once per process, unless Node was started with a setting of its own. */
export function tuneForLargeParse(execArgv: readonly string[] = process.execArgv): boolean {
  if (tuned || execArgv.some((arg) => arg.includes('inlined-bytecode-size'))) return false;
  for (const flag of FLAGS) setFlagsFromString(flag);
  tuned = true;
  return true;
}
