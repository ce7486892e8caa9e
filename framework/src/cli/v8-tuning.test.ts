import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The built module (npm test builds first): a plain Node process cannot load the TypeScript source.
const MODULE = new URL('../../../dist/framework/src/cli/v8-tuning.js', import.meta.url).href;

/** Run `tuneForLargeParse` in a fresh Node process started with `nodeArgs`; its answers, in order. */
function answersIn(nodeArgs: string[], calls: number): boolean[] {
  // The flags are process-wide: a child process keeps them out of the test runner's.
  const script = `const { tuneForLargeParse } = await import(${JSON.stringify(MODULE)}); console.log(JSON.stringify(Array.from({ length: ${calls} }, () => tuneForLargeParse())));`;
  const out = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim()) as boolean[];
}

describe('tuneForLargeParse', () => {
  it('lowers the inlining budgets once per process', () => {
    expect(answersIn([], 3)).toEqual([true, false, false]);
  });

  it('leaves a setting given on the command line alone', () => {
    expect(answersIn(['--max-inlined-bytecode-size=50'], 2)).toEqual([false, false]);
    expect(answersIn(['--max-inlined-bytecode-size-cumulative=300'], 1)).toEqual([false]);
  });
});
