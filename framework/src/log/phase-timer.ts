/**
 * Where a command's time went, phase by phase (`--debug` prints it): the full parse path of a big
 * project is start-up and scan, parse, graph, then the command's own phases. Each mark closes the
 * phase that ran since the previous one.
 */
export interface PhaseTimer {
  /** Close the phase that ran since the last mark (or the start) under this name. */
  mark(phase: string): void;
  /**
   * `Timing: parse 1.47s, graph 0.29s, ...; total 3.27s; CPU of all threads 5.10s` (a phase marked
   * twice adds up). CPU time since the timer was made, of the process's every thread (its workers,
   * garbage collector and compiler too): near twice the total, both cores were kept busy.
   */
  summary(): string;
}

/** Milliseconds of CPU (user + system) the process has used, all its threads. */
function processCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export function createPhaseTimer(started: number, now: () => number = () => performance.timeOrigin + performance.now(), cpu: () => number = processCpuMs): PhaseTimer {
  const phases = new Map<string, number>();
  const cpuAtStart = cpu();
  let last = started;
  return {
    mark(phase) {
      const at = now();
      phases.set(phase, (phases.get(phase) ?? 0) + (at - last));
      last = at;
    },
    summary() {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
      return `Timing: ${[...phases].map(([phase, ms]) => `${phase} ${seconds(ms)}`).join(', ')}; total ${seconds(last - started)}; CPU of all threads ${seconds(cpu() - cpuAtStart)}`;
    },
  };
}
