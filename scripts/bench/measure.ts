/**
 * Run a command as a child process and report wall time, and with GNU time (when present) peak
 * memory and CPU time. CPU time (user + system, all threads) against wall time says how busy the
 * cores were: on 2 cores a cold compile at 10k models keeps them ~90% busy, so moving work from
 * one thread to another gains little unless it also costs less CPU.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  seconds: number;
  peakMb?: number;
  /** User + system CPU seconds of the process, all its threads. */
  cpuSeconds?: number;
  code: number;
}

const GNU_TIME = '/usr/bin/time';

export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Measurement {
  const memFile = join(tmpdir(), `strata-bench-${process.pid}.mem`);
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? ['-f', '%M %U %S', '-o', memFile, command, ...args] : args;
  const started = performance.now();
  const result = spawnSync(useTime ? GNU_TIME : command, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  let peakMb: number | undefined;
  let cpuSeconds: number | undefined;
  if (useTime && existsSync(memFile)) {
    ({ peakMb, cpuSeconds } = parseTimeReport(readFileSync(memFile, 'utf8')));
    rmSync(memFile, { force: true });
  }
  if (result.status !== 0) process.stderr.write(result.stderr?.toString() ?? '');
  return { seconds, peakMb, cpuSeconds, code: result.status ?? -1 };
}

/**
 * GNU time's report for `-f '%M %U %S'`: its last line (a failed command's status line comes
 * before it) holds the peak resident set in KB and the user and system CPU seconds.
 */
export function parseTimeReport(text: string): { peakMb?: number; cpuSeconds?: number } {
  const [kb, user, system] = (text.trim().split('\n').pop() ?? '').split(/\s+/).filter(Boolean).map(Number);
  return {
    peakMb: Number.isFinite(kb) ? kb / 1024 : undefined,
    cpuSeconds: Number.isFinite(user) && Number.isFinite(system) ? user + system : undefined,
  };
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
  return `${m.seconds.toFixed(2)} s${m.cpuSeconds !== undefined ? ` (CPU ${m.cpuSeconds.toFixed(2)} s)` : ''}${m.peakMb ? `, ${Math.round(m.peakMb)} MB` : ''}${m.code !== 0 ? ` (exit ${m.code})` : ''}`;
}
