/** Run a command as a child process and report wall time and peak memory (GNU time when present). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  seconds: number;
  peakMb?: number;
  code: number;
}

const GNU_TIME = '/usr/bin/time';

export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Measurement {
  const memFile = join(tmpdir(), `strata-bench-${process.pid}.mem`);
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? ['-f', '%M', '-o', memFile, command, ...args] : args;
  const started = performance.now();
  const result = spawnSync(useTime ? GNU_TIME : command, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  let peakMb: number | undefined;
  if (useTime && existsSync(memFile)) {
    peakMb = Number(readFileSync(memFile, 'utf8').trim().split('\n').pop()) / 1024;
    rmSync(memFile, { force: true });
  }
  if (result.status !== 0) process.stderr.write(result.stderr?.toString() ?? '');
  return { seconds, peakMb, code: result.status ?? -1 };
}

/** The median of some numbers (the upper middle one for an even count). */
export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** The run with the median wall time. */
export function medianMeasurement(all: Measurement[]): Measurement {
  return [...all].sort((a, b) => a.seconds - b.seconds)[Math.floor(all.length / 2)];
}

/** Median of several runs (the first run can be cold for the OS file cache). */
export function medianOf(runs: number, fn: () => Measurement): Measurement {
  return medianMeasurement(Array.from({ length: runs }, fn));
}

export function fmt(m: Measurement): string {
  return `${m.seconds.toFixed(2)} s${m.peakMb ? `, ${Math.round(m.peakMb)} MB` : ''}${m.code !== 0 ? ` (exit ${m.code})` : ''}`;
}
