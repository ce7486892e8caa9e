/**
 * `npm run bench [-- compile|sales|incremental|all|kill|paired|phases|lexer] [--sizes 1000,5000,10000] [--runs 3] [--scale 1] [--kills 200 --seed 1] [--a CMD --b CMD] [--models 10000]`: the project's
 * benchmarks as scripts (never timed assertions in tests). Prints a table and writes
 * target/bench/results.json; BENCHMARKS.md records the figures and the machine.
 */
import { cpus, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCompile } from './bench-compile.js';
import { benchIncremental } from './bench-incremental.js';
import { benchSales } from './bench-sales.js';
import { benchKill } from './bench-kill.js';
import { benchPaired } from './bench-paired.js';
import { benchPhases } from './bench-phases.js';
import { benchLexer } from './bench-lexer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '3'));
const sizes = option('sizes', '1000,2000,5000,10000').split(',').map(Number);
// Share of the 2,935,849 generated sales rows for the incremental bench (1 = full scale).
const scale = Number(option('scale', '1'));

process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; median of ${runs} runs\n`);
const results: Record<string, unknown> = { machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, runs };
const strata = join(root, 'framework', 'bin', 'strata.js');
if (which === 'compile' || which === 'all') {
  const work = mkdtempSync(join(tmpdir(), 'strata-bench-compile-'));
  results.compile = benchCompile(strata, sizes, work, runs);
  rmSync(work, { recursive: true, force: true });
}
if (which === 'sales' || which === 'all') results.sales = benchSales(root, runs);
if (which === 'incremental' || which === 'all') results.incremental = await benchIncremental(root, { runs, scale });
// Not part of `all`: the large kill series takes minutes per hundred kills.
if (which === 'kill') {
  results.kill = await benchKill({
    kills: Number(option('kills', '200')), seed: Number(option('seed', '1')), convergeEvery: Number(option('converge-every', '1')),
    seedRows: Number(option('seed-rows', '50000')), rangeRows: Number(option('range-rows', '1500000')),
  });
}
// Not part of `all`: two commands of the caller's, alternated (before/after comparisons).
if (which === 'paired') results.paired = benchPaired(option('a', ''), option('b', ''), runs);
// Not part of `all`: the phases of two commands' `Timing:` lines (strata ... --debug), alternated.
if (which === 'phases') results.phases = benchPhases(option('a', ''), option('b', ''), runs);
// Not part of `all`: the template tokenizers side by side in one process.
if (which === 'lexer') results.lexer = benchLexer(Number(option('models', '10000')), runs);
const out = join(root, 'target', 'bench', 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, null, 2));
process.stdout.write(`results: ${out}\n`);
