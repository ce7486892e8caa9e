import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { AnyNode, Manifest } from '../manifest/types.js';
import { buildGraph } from '../graph/build-graph.js';
import { allNodes, selectNodes } from '../graph/select-nodes.js';
import { contentDigest } from './discover.js';
import { buildLightIndex, fileTableOf, hashText, lightManifest, lightNeighbours, scanProject, type InternedColumn, type LightIndex, type ProjectState } from './project-state.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../project/load-project.js';
import type { CliArgs } from '../cli/args.js';
import { lsCommand } from '../cli/commands/ls-command.js';
import type { OpenProject } from '../cli/open-project.js';

/** The index column by column, one map over the nodes each (the straightforward form buildLightIndex must equal). */
function reference(manifest: Manifest): LightIndex | undefined {
  const intern = (values: Array<string | undefined>): InternedColumn => {
    const table: string[] = [];
    const at = new Map<string, number>();
    const index = new Int32Array(values.length);
    values.forEach((v, i) => {
      if (v === undefined) return void (index[i] = -1);
      let k = at.get(v);
      if (k === undefined) at.set(v, (k = table.push(v) - 1));
      index[i] = k;
    });
    return { table, index };
  };
  const all: AnyNode[] = [...Object.values(manifest.nodes), ...Object.values(manifest.sources), ...Object.values(manifest.exposures)];
  const position = new Map(all.map((n, i) => [n.uniqueId, i]));
  const depStart = new Int32Array(all.length + 1);
  const deps: number[] = [];
  for (let i = 0; i < all.length; i++) {
    depStart[i] = deps.length;
    for (const dep of all[i].dependsOn.nodes) {
      const at = position.get(dep);
      if (at === undefined) return undefined;
      deps.push(at);
    }
  }
  depStart[all.length] = deps.length;
  return {
    nodeCount: Object.keys(manifest.nodes).length, sourceCount: Object.keys(manifest.sources).length,
    ids: all.map((n) => n.uniqueId), names: all.map((n) => n.name),
    types: intern(all.map((n) => n.resourceType)), packages: intern(all.map((n) => n.packageName)), paths: intern(all.map((n) => n.originalFilePath)),
    tags: intern(all.map((n) => JSON.stringify(n.tags))), configs: intern(all.map((n) => JSON.stringify(n.config))),
    fqnHeads: intern(all.map((n) => JSON.stringify(n.fqn.slice(0, -1)))),
    fqnLasts: all.map((n) => (n.fqn.length && n.fqn[n.fqn.length - 1] === n.name ? null : n.fqn.length ? n.fqn[n.fqn.length - 1] : '\0none')),
    depStart, depIds: Int32Array.from(deps),
    testTypes: intern(all.map((n) => (n.resourceType === 'test' ? n.testType : undefined))),
    testNames: intern(all.map((n) => (n.resourceType === 'test' ? n.testMetadata?.name : undefined))),
    sourceNames: intern(all.map((n) => (n.resourceType === 'source' ? n.sourceName : undefined))),
  };
}

const base = { description: '', columns: {}, meta: {}, dependsOn: { nodes: [] as string[], macros: [] } };
function model(name: string, fqn: string[], deps: string[] = [], tags: string[] = []): AnyNode {
  return { ...base, uniqueId: `model.p.${name}`, resourceType: 'model', name, packageName: 'p', originalFilePath: `models/${fqn.slice(1, -1).join('/')}/${name}.sql`, fqn, tags, config: { enabled: true, materialized: 'view', tags }, dependsOn: { nodes: deps, macros: [] } } as unknown as AnyNode;
}

function manifestOf(): Manifest {
  const shared = { enabled: true, materialized: 'test', tags: [] as string[] };
  const nodes: AnyNode[] = [
    model('a', ['p', 'staging', 'a']),
    model('b', ['p', 'staging', 'b'], ['model.p.a'], ['nightly']),
    model('c', ['p', 'marts', 'deep', 'c'], ['model.p.b', 'source.p.raw.orders']),
    model('d', ['p', 'marts', 'deep', 'alias_d']),
    model('e', []),
    model('f', ['f']),
    model('g', ['p', 'staging', 'g']),
    { ...base, uniqueId: 'test.p.t1', resourceType: 'test', testType: 'generic', name: 't1', packageName: 'p', originalFilePath: 'models/staging/_schema.yml', fqn: ['p', 'staging', 't1'], tags: shared.tags, config: shared, testMetadata: { name: 'unique', kwargs: {} }, dependsOn: { nodes: ['model.p.a'], macros: [] } } as unknown as AnyNode,
    { ...base, uniqueId: 'test.p.t2', resourceType: 'test', testType: 'singular', name: 't2', packageName: 'p', originalFilePath: 'tests/t2.sql', fqn: ['p', 't2'], tags: shared.tags, config: shared, dependsOn: { nodes: ['model.p.c'], macros: [] } } as unknown as AnyNode,
  ];
  const source = { ...base, uniqueId: 'source.p.raw.orders', resourceType: 'source', name: 'orders', sourceName: 'raw', packageName: 'p', originalFilePath: 'models/sources.yml', fqn: ['p', 'raw', 'orders'], tags: [], config: { enabled: true } };
  const exposure = { ...base, uniqueId: 'exposure.p.dash', resourceType: 'exposure', name: 'dash', packageName: 'p', originalFilePath: 'models/exposures.yml', fqn: ['p', 'dash'], tags: [], config: { enabled: true }, dependsOn: { nodes: ['model.p.c'], macros: [] } };
  return {
    metadata: { schemaVersion: 'x', strataVersion: 'x', generatedAt: '', projectName: 'p', targetName: 'dev', adapterType: 'duckdb' },
    nodes: Object.fromEntries(nodes.map((n) => [n.uniqueId, n])) as Manifest['nodes'],
    sources: { [source.uniqueId]: source } as unknown as Manifest['sources'], exposures: { [exposure.uniqueId]: exposure } as unknown as Manifest['exposures'],
    macros: {}, docs: {}, parentMap: {}, childMap: {},
  };
}

describe('buildLightIndex', () => {
  it('equals the column-by-column index, down to the serialised bytes', () => {
    const manifest = manifestOf();
    const built = buildLightIndex(manifest);
    expect(built).toEqual(reference(manifest));
    expect(Buffer.from(serialize(built)).equals(Buffer.from(serialize(reference(manifest))))).toBe(true);
    expect(built!.fqnHeads.table).toEqual(['["p","staging"]', '["p","marts","deep"]', '[]', '["p"]', '["p","raw"]']);
  });

  it('is undefined when a dependency is not a node of the manifest', () => {
    const manifest = manifestOf();
    manifest.nodes['model.p.a'].dependsOn.nodes.push('model.p.missing');
    expect(buildLightIndex(manifest)).toBeUndefined();
  });
});

describe('lightManifest', () => {
  it('hands selection the allNodes map it would build, and selects the same nodes as the full manifest', () => {
    const full = manifestOf();
    const light = lightManifest(buildLightIndex(full)!, full.metadata);
    const remembered = allNodes(light);
    // A copy of the same manifest is not remembered: allNodes walks it.
    const walked = allNodes({ ...light });
    expect(remembered).not.toBe(walked);
    expect([...remembered.keys()]).toEqual([...walked.keys()]);
    expect([...remembered.keys()].every((id) => remembered.get(id) === walked.get(id))).toBe(true);
    expect([...remembered.keys()]).toEqual([...allNodes(full).keys()]);

    const graph = lightNeighbours(buildLightIndex(full)!);
    for (const select of [['tag:nightly+'], ['a+'], ['+c'], ['staging'], ['source:raw+']]) {
      expect([...selectNodes(light, graph, { select })].sort(), select[0]).toEqual([...selectNodes(full, graph, { select })].sort());
    }
  });
});

describe('lightNeighbours', () => {
  it('walks from many nodes at once over positions and reaches what a walk of the graph reaches', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 20; round++) {
      const manifest = manifestOf();
      const ids = Object.keys(manifest.nodes);
      for (let i = 0; i < 40; i++) {
        // Parents among the nodes made so far (a source and a parent named twice among them).
        const parents = Array.from({ length: Math.floor(random() * 4) }, () => ids[Math.floor(random() * ids.length)]);
        if (random() < 0.1) parents.push('source.p.raw.orders', parents[0] ?? 'model.p.a');
        const node = model(`r${i}`, ['p', 'marts', `r${i}`], parents.filter((p) => p && !p.startsWith('test.')), random() < 0.15 ? ['t'] : []);
        manifest.nodes[node.uniqueId] = node as Manifest['nodes'][string];
        ids.push(node.uniqueId);
      }
      const index = buildLightIndex(manifest)!;
      const light = lightManifest(index, manifest.metadata);
      const graph = buildGraph(manifest);
      // Positions from a map of the index's own, and from the light manifest's id map.
      for (const positions of [lightNeighbours(index), lightNeighbours(index, light)]) {
        expect(positions.reach).toBeTypeOf('function');
        for (const select of ['tag:t+', '+tag:t', '+tag:t+', 'tag:t+2', '2+tag:t+1', '@tag:t', 'source:raw+', '1+r3+', 'nope+']) {
          expect([...selectNodes(light, positions, { select: [select] })].sort(), `${select} (round ${round})`).toEqual([...selectNodes(manifest, graph, { select: [select] })].sort());
        }
      }
    }
  });

  it('lists the parents and children the graph has, in its order, each once: short and long lists, a parent named twice', () => {
    const manifest = manifestOf();
    const hubs = Array.from({ length: 20 }, (_, i) => model(`h${i}`, ['p', 'hub', `h${i}`], ['model.p.a']));
    // 20 parents, one of them twice; and model a then has 21 children.
    const wide = model('wide', ['p', 'marts', 'wide'], [...hubs.map((h) => h.uniqueId), 'model.p.a', 'model.p.h3', 'model.p.b', 'model.p.b']);
    const pair = model('pair', ['p', 'marts', 'pair'], ['model.p.b', 'model.p.a', 'model.p.b']); // short, a parent twice
    for (const node of [...hubs, wide, pair]) manifest.nodes[node.uniqueId] = node as Manifest['nodes'][string];
    const graph = buildGraph(manifest);
    const light = lightNeighbours(buildLightIndex(manifest)!);
    for (const id of graph.nodes()) {
      expect(light.inNeighbors(id), id).toEqual(graph.inNeighbors(id));
      expect(light.outNeighbors(id), id).toEqual(graph.outNeighbors(id));
    }
    expect(light.inNeighbors('model.p.wide')).toHaveLength(22);
    expect(light.inNeighbors('model.p.pair')).toEqual(['model.p.b', 'model.p.a']);
    expect(light.outNeighbors('model.p.a').length).toBeGreaterThan(16);
    expect(light.inNeighbors('model.p.nope')).toEqual([]);
  });
});

describe('lightManifest nodes', () => {
  it('has nodes (made when first read) with the full manifest\'s ids in order and the map\'s node objects, and ls prints them in unique-id order as over the full manifest', () => {
    const full = manifestOf();
    const index = buildLightIndex(full)!;
    const graph = lightNeighbours(index);
    const printed = (manifest: Manifest, output: string) => {
      const lines: string[] = [];
      lsCommand({ manifest, graph } as unknown as OpenProject, { select: ['a+', 'source:raw+'], exclude: [], resourceTypes: [], output } as unknown as CliArgs, (text) => lines.push(text));
      return lines;
    };
    // Printed in unique-id order, by UTF-16 code units (as `<` compares).
    const ids = printed(full, 'json')[0].split('\n').map((line) => (JSON.parse(line) as { unique_id: string }).unique_id);
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const output of ['selector', 'name', 'path', 'json']) {
      const light = lightManifest(index, full.metadata);
      expect(printed(light, output), output).toEqual(printed(full, output));
      const nodes = light.nodes;
      expect(Object.keys(nodes)).toEqual(Object.keys(full.nodes));
      expect(Object.keys(nodes).every((id) => nodes[id] === allNodes(light).get(id))).toBe(true);
      expect(light.nodes).toBe(nodes); // made once
    }
    // What ls prints of each node: the fqn joined, without the list (empty, one-part and aliased fqns too).
    const fullNodes = allNodes(full);
    for (const [id, node] of allNodes(lightManifest(index, full.metadata))) {
      expect((node as unknown as { fqnText: string }).fqnText, id).toBe(fullNodes.get(id)!.fqn.join('.'));
    }
  });
});

/** A project folder of its own (project.yml for `name`, an empty models/) for `use`, removed afterwards. */
function withProject(name: string, use: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), `strata-${name}-`));
  try {
    writeFileSync(join(dir, 'project.yml'), `name: ${name}\nprofile: ${name}\n`);
    mkdirSync(join(dir, 'models'));
    use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('project scan', () => {
  it('without a state reads each file once: the stats, hashes and texts of reading each file alone, and what a rescan finds', () => {
    withProject('scan', (dir) => {
      mkdirSync(join(dir, 'models', 'sub', 'named.sql'), { recursive: true });
      const texts: Record<string, string> = {
        'models/a.sql': 'select 1\n',
        'models/empty.sql': '',
        'models/sub/b.sql': "select 'Москва, ТЦ \"Семеновский\"' as city -- {{ run_started_at }}\n",
        'models/sub/named.sql/c.sql': 'x'.repeat(70_000),
        'models/_schema.yml': 'version: 2\n',
      };
      for (const [path, text] of Object.entries(texts)) writeFileSync(join(dir, path), text);
      const project = loadProject({ projectDir: dir, env: {} });
      const cold = scanProject(project, { values: [] });
      expect(cold.files.map((f) => f.path)).toEqual(Object.keys(texts).sort());
      for (const f of cold.files) {
        const st = statSync(f.absolutePath);
        expect([f.size, f.mtimeMs, f.ctimeMs, f.ino], f.path).toEqual([st.size, st.mtimeMs, st.ctimeMs, st.ino]);
        expect(f.hash, f.path).toBe(hashText(readFileSync(f.absolutePath)));
        // The parse cache keys a text by this hash after a scan and by contentDigest without one.
        expect(f.hash, f.path).toBe(contentDigest(f.text!));
        expect(f.text, f.path).toBe(texts[f.path]);
        expect(f.volatile, f.path).toBe(f.path === 'models/sub/b.sql');
      }
      // A rescan against a state of the same key lists by stat and reads only what differs: here, all of it.
      const state = { key: cold.key, scannedAt: 0, files: { ...fileTableOf(cold.files), hashes: cold.files.map(() => 'other') } } as unknown as ProjectState;
      const warm = scanProject(project, { values: [] }, state);
      expect(warm.changed).toEqual(Object.keys(texts).sort());
      expect(warm.files).toEqual(cold.files);
      expect(warm.parseId).toBe(cold.parseId);
    });
  });

  it('finds the files that appeared, went and changed against the state, wherever they fall in the sorted list', () => {
    withProject('p', (dir) => {
      mkdirSync(join(dir, 'models', 'sub'));
      const write = (name: string, text = `select '${name}'\n`) => writeFileSync(join(dir, 'models', name), text);
      for (const name of ['a.sql', 'c.sql', 'e.sql', 'g.sql', 'sub/x.sql', 'z.sql']) write(name);
      const project = loadProject({ projectDir: dir, env: {} });
      const before = scanProject(project, { values: [] });
      // Scanned (as far as the state says) well after every write: no file is racy, unchanged stats keep their hashes.
      const state = { key: before.key, scannedAt: Date.now() + 60_000, files: fileTableOf(before.files), parseId: 'previous' } as unknown as ProjectState;
      for (const name of ['a.sql', 'e.sql', 'z.sql']) rmSync(join(dir, 'models', name));
      for (const name of ['b.sql', 'd.sql', 'sub/w.sql', 'zz.sql']) write(name);
      write('g.sql', "select 'g changed'\n");
      const after = scanProject(project, { values: [] }, state);
      expect(after.removed).toEqual(['models/a.sql', 'models/e.sql', 'models/z.sql']);
      expect(after.added).toEqual(['models/b.sql', 'models/d.sql', 'models/sub/w.sql', 'models/zz.sql']);
      expect(after.changed).toEqual(['models/g.sql']);
      // What a scan without a state reads, file by file (the unchanged ones took the state's hashes).
      const fresh = scanProject(project, { values: [] });
      expect(after.files.map((f) => [f.path, f.hash])).toEqual(fresh.files.map((f) => [f.path, f.hash]));
    });
  });

  it("keeps the previous parse id when no file changed, appeared or went, and makes a new one when one did", () => {
    withProject('p', (dir) => {
      writeFileSync(join(dir, 'models', 'a.sql'), 'select 1\n');
      const project = loadProject({ projectDir: dir, env: {} });
      const cold = scanProject(project, { values: [] });
      // The id the state recorded stands for the same list: a rescan that finds that list gives it back.
      const state = { key: cold.key, scannedAt: 0, files: fileTableOf(cold.files), parseId: 'previous parse' } as unknown as ProjectState;
      expect(scanProject(project, { values: [] }, state).parseId).toBe('previous parse');
      writeFileSync(join(dir, 'models', 'b.sql'), 'select 2\n');
      const added = scanProject(project, { values: [] }, state);
      expect(added.added).toEqual(['models/b.sql']);
      expect(added.parseId).toBe(scanProject(project, { values: [] }).parseId);
      rmSync(join(dir, 'models', 'b.sql'));
      writeFileSync(join(dir, 'models', 'a.sql'), 'select 3\n');
      const changed = scanProject(project, { values: [] }, state);
      expect(changed.changed).toEqual(['models/a.sql']);
      expect(changed.parseId).not.toBe('previous parse');
      expect(changed.parseId).toBe(scanProject(project, { values: [] }).parseId);
    });
  });
});
