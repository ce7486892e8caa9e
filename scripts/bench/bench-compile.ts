/**
 * Parse/compile at scale: synthetic projects of N models (3 tests each). Cold (no target/), warm
 * (nothing changed), after editing one model, and `ls -s tag:x+` warm.
 */
import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, measure, medianOf, type Measurement } from './measure.js';
import { writeSyntheticProject } from './synthetic-project.js';

export interface CompileBenchRow {
  models: number;
  cold: Measurement;
  warm: Measurement;
  editOne: Measurement;
  ls: Measurement;
}

export function benchCompile(strataBin: string, sizes: number[], workDir: string, runs: number): CompileBenchRow[] {
  const rows: CompileBenchRow[] = [];
  for (const models of sizes) {
    const dir = join(workDir, `project-${models}`);
    writeSyntheticProject({ dir, models });
    const run = (...args: string[]) => measure(process.execPath, [strataBin, ...args, '--quiet', '--project-dir', dir]);
    const cold = medianOf(runs, () => {
      rmSync(join(dir, 'target'), { recursive: true, force: true });
      return run('compile');
    });
    const warm = medianOf(runs, () => run('compile'));
    const folder = join(dir, 'models', 'staging');
    const file = join(folder, readdirSync(folder).find((f) => f.endsWith('.sql'))!);
    let n = 0;
    const editOne = medianOf(runs, () => {
      appendFileSync(file, `\n-- edit ${n++}\n`);
      return run('compile');
    });
    const ls = medianOf(runs, () => run('ls', '-s', 'tag:layer_1+'));
    rows.push({ models, cold, warm, editOne, ls });
    process.stdout.write(`compile ${models} models: cold ${fmt(cold)} | warm ${fmt(warm)} | edit one ${fmt(editOne)} | ls tag:x+ ${fmt(ls)}\n`);
  }
  return rows;
}
