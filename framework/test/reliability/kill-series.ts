/**
 * The kill series shared by kill.test.ts (small, in npm test) and kill-bench.ts (large, a
 * script): build a project, then repeatedly start `strata build` of the other version and
 * SIGKILL it after a seeded random delay. After each kill every relation under a live name must
 * be either the complete version it had before that build or the complete version that build
 * was making, and target/*.json must still parse. Every few kills (and at the end) a build runs
 * to completion and must equal a clean build of that version exactly (same relations, same
 * contents, no staged leftovers, the same target/compiled files).
 *
 * Violations are collected, not thrown, so a bench run reports all of them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintDatabase, isStagedName, type Fingerprint } from './fingerprint.js';
import { createKillProject, spawnBuild, waitForOutput, type KillProjectSize, type Version } from './kill-project.js';

export interface KillSeriesOptions extends KillProjectSize {
  /** SIGKILLs that actually interrupt a build (builds that finish before the signal do not count). */
  kills: number;
  /** PRNG seed for the delays. */
  seed: number;
  /** Run a build to completion and compare it with the clean build after every N kills. */
  convergeEvery: number;
  log?: (line: string) => void;
}

export interface KillSeriesReport {
  seed: number;
  kills: number;
  /** Builds that finished before the signal arrived (not counted as kills). */
  finishedBeforeKill: number;
  /** Kills after which some relations had the new version and others the old one. */
  midBuildKills: number;
  /** Kills after which a staged relation (`__strata_tmp` / `__strata_delta`) was left over. */
  stagedLeftovers: number;
  /** Kills after which a DuckDB WAL file was left beside the database. */
  walLeftovers: number;
  convergences: number;
  /** Where the kills landed, from the last progress line the build printed. */
  phases: Record<string, number>;
  cleanBuildMs: { v1: number; v2: number };
  /** When a clean build printed its first START line (the database is open from then on). */
  executionStartMs: number;
  delaysMs: number[];
  violations: string[];
  seconds: number;
}

/** mulberry32: a small seeded PRNG, so a failing series can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a build was when it died, from the last line it printed. */
export function phaseOf(output: string): string {
  const messages = output.split('\n').map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, '').trim()).filter(Boolean);
  const last = messages[messages.length - 1];
  if (last === undefined) return 'starting (nothing printed yet)';
  const progress = /^\d+ of \d+ (.*)$/.exec(last);
  if (!progress) return /^(Running with|Found )/.test(last) ? 'parsed, connecting' : 'summary and artifacts';
  if (/seed file/.test(progress[1])) return 'loading a seed';
  if (/ model /.test(progress[1])) return 'building a model';
  return 'running a data test';
}

function compare(actual: Fingerprint, before: Fingerprint, target: Fingerprint, label: string): { violations: string[]; changed: number; pending: number } {
  const violations: string[] = [];
  let changed = 0;
  let pending = 0;
  const live = new Set([...Object.keys(actual), ...Object.keys(before), ...Object.keys(target)].filter((k) => !isStagedName(k)));
  for (const key of live) {
    const now = actual[key] ?? 'absent';
    const was = before[key] ?? 'absent';
    const goal = target[key] ?? 'absent';
    if (now !== was && now !== goal) violations.push(`${label}: ${key} is ${now}, neither its previous version ${was} nor the new one ${goal}`);
    if (now !== was) changed++;
    else if (was !== goal) pending++;
  }
  return { violations, changed, pending };
}

/** Every JSON file directly under target/ must parse (artifacts are written atomically). */
function checkArtifacts(dir: string, label: string): string[] {
  const target = join(dir, 'target');
  if (!existsSync(target)) return [];
  const problems: string[] = [];
  for (const name of readdirSync(target).filter((n) => n.endsWith('.json'))) {
    try {
      JSON.parse(readFileSync(join(target, name), 'utf8'));
    } catch (err) {
      problems.push(`${label}: target/${name} does not parse: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** target/compiled/ as path -> content hash (the index is bookkeeping, not output). */
function snapshotCompiled(dir: string): Record<string, string> {
  const root = join(dir, 'target/compiled');
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== '.index.json') out[path.slice(root.length + 1)] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

function sameFingerprint(actual: Fingerprint, expected: Fingerprint): string[] {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...keys].filter((k) => actual[k] !== expected[k]).map((k) => `${k}: ${actual[k] ?? 'absent'} (clean build: ${expected[k] ?? 'absent'})`);
}

export async function runKillSeries(options: KillSeriesOptions): Promise<KillSeriesReport> {
  const t0 = performance.now();
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const project = createKillProject(options);
  const report: KillSeriesReport = {
    seed: options.seed, kills: 0, finishedBeforeKill: 0, midBuildKills: 0, stagedLeftovers: 0, walLeftovers: 0,
    convergences: 0, phases: {}, cleanBuildMs: { v1: 0, v2: 0 }, executionStartMs: 0, delaysMs: [], violations: [], seconds: 0,
  };
  try {
    // Clean builds of both versions on fresh databases: the two complete versions. Their timing
    // sets the kill window: most kills land between the first START line and the end.
    const clean: Record<Version, Fingerprint> = { 1: {}, 2: {} };
    const compiled: Record<Version, Record<string, string>> = { 1: {}, 2: {} };
    let execStartMs = Infinity;
    let buildMs = 0;
    for (const version of [2, 1] as const) {
      const dbPath = version === 1 ? project.dbPath : join(project.dir, 'target/clean_v2.duckdb');
      const build = spawnBuild(project, version, dbPath);
      const t = performance.now();
      await waitForOutput(build, / START /).catch(() => undefined);
      execStartMs = Math.min(execStartMs, performance.now() - t);
      const outcome = await build.done;
      if (outcome.code !== 0) throw new Error(`The clean build of v${version} failed (exit ${outcome.code}):\n${outcome.stdout}\n${outcome.stderr}`);
      clean[version] = await fingerprintDatabase(dbPath);
      compiled[version] = snapshotCompiled(project.dir);
      report.cleanBuildMs[version === 1 ? 'v1' : 'v2'] = Math.round(outcome.ms);
      buildMs = buildMs === 0 ? outcome.ms : Math.min(buildMs, outcome.ms);
    }
    report.executionStartMs = Math.round(execStartMs);
    const relations = Object.keys(clean[1]);
    const differing = relations.filter((k) => clean[1][k] !== clean[2][k]);
    log(`clean builds: v1 ${report.cleanBuildMs.v1} ms, v2 ${report.cleanBuildMs.v2} ms, execution from ${report.executionStartMs} ms; ${relations.length} relations, ${differing.length} differ between versions`);
    if (differing.length !== relations.length || relations.length !== Object.keys(clean[2]).length) {
      report.violations.push(`v1 and v2 must differ in every relation; ${relations.length - differing.length} do not`);
    }
    // The window follows the fastest complete build seen so far (the machine's load changes).
    const observe = (ms: number) => (buildMs = Math.min(buildMs, ms));
    const nextDelay = () => {
      // Three kills in four inside the execution window, the rest anywhere from spawn to the end.
      const from = random() < 0.75 ? Math.min(Math.max(0, execStartMs - 50), buildMs * 0.6) : 0;
      return Math.round(from + random() * (buildMs * 1.05 - from));
    };
    const versionFor = (state: Fingerprint, previous: Version): Version => {
      if (differing.every((k) => state[k] === clean[1][k])) return 2;
      if (differing.every((k) => state[k] === clean[2][k])) return 1;
      return previous === 1 ? 2 : 1;
    };

    // The working database holds v1 complete; kill builds that alternate between the versions.
    let before = clean[1];
    let version: Version = 1;
    let attempts = 0;
    while (report.kills < options.kills && attempts < options.kills * 4) {
      attempts++;
      version = versionFor(before, version);
      const delay = nextDelay();
      const build = spawnBuild(project, version);
      await new Promise((r) => setTimeout(r, delay));
      const killed = build.child.kill('SIGKILL');
      const outcome = await build.done;
      const label = `kill ${report.kills + 1} (v${version}, ${delay} ms, seed ${options.seed})`;
      if (!killed || outcome.signal !== 'SIGKILL') {
        report.finishedBeforeKill++;
        observe(outcome.ms);
        if (outcome.code !== 0) report.violations.push(`${label}: the build finished before the kill with exit ${outcome.code}:\n${outcome.stderr}`);
        const actual = await fingerprintDatabase(project.dbPath);
        report.violations.push(...sameFingerprint(actual, clean[version]).map((d) => `${label}: finished build differs: ${d}`));
        before = actual;
        continue;
      }
      report.kills++;
      report.delaysMs.push(delay);
      const phase = phaseOf(outcome.stdout);
      report.phases[phase] = (report.phases[phase] ?? 0) + 1;
      if (existsSync(`${project.dbPath}.wal`)) report.walLeftovers++;
      let actual: Fingerprint;
      try {
        actual = await fingerprintDatabase(project.dbPath);
      } catch (err) {
        report.violations.push(`${label}: the database cannot be read after the kill: ${(err as Error).message}`);
        break;
      }
      const result = compare(actual, before, clean[version], label);
      report.violations.push(...result.violations, ...checkArtifacts(project.dir, label));
      if (result.changed > 0 && result.pending > 0) report.midBuildKills++;
      if (Object.keys(actual).some(isStagedName)) report.stagedLeftovers++;
      log(`${label}: ${phase}; ${result.changed} relations replaced, ${result.pending} still previous${result.violations.length ? `; ${result.violations.length} VIOLATIONS` : ''}`);
      before = actual;

      if (report.kills % options.convergeEvery === 0 || report.kills === options.kills) {
        const converge = await spawnBuild(project, version).done;
        if (converge.code === 0) observe(converge.ms);
        const converged = await fingerprintDatabase(project.dbPath);
        const diff = sameFingerprint(converged, clean[version]);
        if (converge.code !== 0) report.violations.push(`${label}: the build after the kill failed with exit ${converge.code}:\n${converge.stdout}\n${converge.stderr}`);
        report.violations.push(...diff.map((d) => `${label}: the build after the kill differs from a clean build: ${d}`));
        report.violations.push(...checkArtifacts(project.dir, `${label}, converged`));
        report.violations.push(...sameFingerprint(snapshotCompiled(project.dir), compiled[version]).map((d) => `${label}: target/compiled after the next build differs from a clean build: ${d}`));
        report.convergences++;
        log(`${label}: next build exit ${converge.code}, ${diff.length === 0 ? 'equals the clean build' : `${diff.length} differences`}`);
        before = converged;
      }
    }
    if (report.kills < options.kills) report.violations.push(`only ${report.kills} of ${options.kills} kills interrupted a build`);
    return report;
  } finally {
    report.seconds = Math.round((performance.now() - t0) / 100) / 10;
    project.cleanup();
  }
}
