/**
 * Parse/compile at scale: synthetic projects of N models (3 tests each). Cold (no target/), warm
 * (nothing changed), after editing one model, `ls -s tag:x+` warm (repeated) and `ls` of a
 * selection not asked before.
 *
 * Cold runs move the previous target/ aside instead of deleting it (the moved folders are
 * deleted at the end): on a disk mounted with online discard, creating 40k files right after
 * deleting 40k others can take 10x longer, which would measure the disk, not the compile.
 */
import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, measure, medianOf, type Measurement } from './measure.js';
import { writeSyntheticProject } from './synthetic-project.js';

export interface CompileBenchRow {
  models: number;
  cold: Measurement;
  warm: Measurement;
  editOne: Measurement;
  ls: Measurement;
  lsNew: Measurement;
}

export function benchCompile(strataBin: string, sizes: number[], workDir: string, runs: number): CompileBenchRow[] {
  const rows: CompileBenchRow[] = [];
  const aside = join(workDir, 'moved-aside');
  mkdirSync(aside, { recursive: true });
  let moved = 0;
  for (const models of sizes) {
    const dir = join(workDir, `project-${models}`);
    writeSyntheticProject({ dir, models });
    const run = (...args: string[]) => measure(process.execPath, [strataBin, ...args, '--quiet', '--project-dir', dir]);
    const cold = medianOf(runs, () => {
      try {
        renameSync(join(dir, 'target'), join(aside, String(moved++)));
      } catch {
        // no target/ yet
      }
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
    // A selection not asked before (the project state keeps the output of recent ones).
    let tag = 2;
    const lsNew = medianOf(runs, () => run('ls', '-s', `tag:layer_${tag++ % 7}+`, '--output', 'path'));
    rows.push({ models, cold, warm, editOne, ls, lsNew });
    process.stdout.write(`compile ${models} models: cold ${fmt(cold)} | warm ${fmt(warm)} | edit one ${fmt(editOne)} | ls tag:x+ ${fmt(ls)} | ls, new selection ${fmt(lsNew)}\n`);
  }
  rmSync(aside, { recursive: true, force: true });
  return rows;
}
