/**
 * `npm run bench -- phases --a '<command>' --b '<command>' [--runs 9]`: two commands that print a
 * `Timing:` line (`strata compile --debug`, log/phase-timer.ts), run in turn (A B A B ...); prints
 * the median of each phase for each. Shows where two builds differ, within one run, while the
 * machine's speed drifts (the paired bench gives the whole process's ratio).
 */
import { spawnSync } from 'node:child_process';
import { median } from './measure.js';

/** Each phase's seconds in a `Timing:` line (the last line that has one), in order; undefined without one. */
export function parseTiming(output: string): Map<string, number> | undefined {
  const line = output.split('\n').filter((l) => l.includes('Timing: ')).pop();
  if (!line) return undefined;
  const body = line.slice(line.indexOf('Timing: ') + 'Timing: '.length);
  const phases = new Map<string, number>();
  // A phase's name may hold ", " itself: a name ends where " <seconds>s" ends a phase.
  for (const m of body.matchAll(/(?:^|, |; )(.+?) (\d+(?:\.\d+)?)s(?=, |; |\s*$)/g)) {
    phases.set(m[1], (phases.get(m[1]) ?? 0) + Number(m[2]));
  }
  return phases.size ? phases : undefined;
}

export interface PhasesBench {
  a: string;
  b: string;
  runs: number;
  /** Phase -> median seconds of A and of B (phases in A's order, then any only B has). */
  phases: Record<string, { a: number; b: number }>;
}

function timingOf(command: string): Map<string, number> {
  const result = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`a command failed (exit ${result.status}): ${command}\n${result.stderr}`);
  const phases = parseTiming(`${result.stdout}\n${result.stderr}`);
  if (!phases) throw new Error(`no Timing: line in the output of: ${command} (run strata with --debug)`);
  return phases;
}

export function benchPhases(a: string, b: string, runs: number): PhasesBench {
  if (!a || !b) throw new Error("phases needs two commands: --a '<command>' --b '<command>'");
  timingOf(a); // one unmeasured run each, as the paired bench does
  timingOf(b);
  const seen: Record<'a' | 'b', Map<string, number[]>> = { a: new Map(), b: new Map() };
  for (let i = 0; i < runs; i++) {
    for (const [side, command] of [['a', a], ['b', b]] as const) {
      for (const [phase, seconds] of timingOf(command)) {
        const list = seen[side].get(phase) ?? [];
        list.push(seconds);
        seen[side].set(phase, list);
      }
    }
  }
  const phases: PhasesBench['phases'] = {};
  for (const name of new Set([...seen.a.keys(), ...seen.b.keys()])) {
    phases[name] = { a: median(seen.a.get(name) ?? [0]), b: median(seen.b.get(name) ?? [0]) };
  }
  process.stdout.write(`phases, ${runs} runs each, alternated (medians):\n`);
  const width = Math.max(...Object.keys(phases).map((p) => p.length));
  for (const [name, { a: sa, b: sb }] of Object.entries(phases)) {
    process.stdout.write(`  ${name.padEnd(width)}  A ${sa.toFixed(2)} s  B ${sb.toFixed(2)} s\n`);
  }
  return { a, b, runs, phases };
}
