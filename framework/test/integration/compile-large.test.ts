/**
 * A compile large enough that the compiled files are written by a worker thread
 * (cli/commands/compile-command.ts) while the manifest is written: every file must hold its
 * node's compiled SQL from the manifest, and the next compile must find them intact.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticProject } from '../../../scripts/bench/synthetic-project.js';
import { compiledPath } from '../../src/artifacts/compiled-files.js';
import type { ManifestNode } from '../../src/manifest/types.js';
import { strata } from '../helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-large-'));
  writeSyntheticProject({ dir, models: 600 }); // 600 models + 1,800 tests: over the worker threshold
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a compile of 2,400 nodes', () => {
  it('writes every compiled file from the worker, as the manifest has it, and a second compile finds them intact', async () => {
    const first = await strata(dir, ['compile', '--debug']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Compiled 2400 nodes/);
    // --debug says where the time went, phase by phase, and the phases add up to the total.
    const timing = /Timing: start-up and scan (\S+)s, parse (\S+)s, graph (\S+)s, compile (\S+)s, manifest (\S+)s, parse cache and state, while files are written (\S+)s, compiled files \(the rest\) (\S+)s, project state (\S+)s; total (\S+)s/.exec(first.stdout);
    expect(timing, first.stdout.slice(-600)).not.toBeNull();
    const [total, ...phases] = [Number(timing![9]), ...timing!.slice(1, 9).map(Number)];
    expect(phases.every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
    expect(Math.abs(phases.reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(0.05);
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, ManifestNode>; compiled: Record<string, string> };
    const target = join(dir, 'target');
    const index = JSON.parse(readFileSync(join(target, 'compiled', '.index.json'), 'utf8')) as Record<string, string>;
    const ids = Object.keys(manifest.compiled);
    expect(ids).toHaveLength(2400);
    expect(Object.keys(index)).toHaveLength(2400);
    for (const id of ids) expect(readFileSync(compiledPath(target, manifest.nodes[id]), 'utf8')).toBe(manifest.compiled[id]);

    const second = await strata(dir, ['compile', '--debug']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Project state: nothing changed');
  });
});
