/** `parse` and `compile`: write the manifest (and compiled SQL) without touching the warehouse. */
import { createBackgroundFileWriter, createCompiledFileWriter } from '../../artifacts/compiled-files.js';
import { writeManifest } from '../../artifacts/write-artifacts.js';
import { nodesOfTypes, selectNodes } from '../../graph/select-nodes.js';
import type { ModelNode, ResourceType, SnapshotNode, TestNode } from '../../manifest/types.js';
import type { Logger } from '../../log/logger.js';
import type { SecretSet } from '../../log/redact.js';
import type { CliArgs } from '../args.js';
import type { OpenProject } from '../open-project.js';
import { nodeValues } from '../../manifest/node-list.js';

export function parseCommand(open: OpenProject, logger: Logger, secrets: SecretSet, started: number): number {
  writeManifest(open.targetDir, open.manifest, undefined, secrets);
  const nodes = nodeValues(open.manifest.nodes);
  const count = (t: string) => nodes.filter((n) => n.resourceType === t).length;
  logger.info(`Parsed ${count('model')} models, ${count('test')} data tests, ${count('seed')} seeds, ${count('snapshot')} snapshots, ${Object.keys(open.manifest.sources).length} sources, ${Object.keys(open.manifest.macros).length} macros in ${((Date.now() - started) / 1000).toFixed(2)}s`);
  return 0;
}

/** What compile compiles (seeds have no SQL; sources and exposures are not selected). */
const COMPILED_TYPES: ResourceType[] = ['model', 'test', 'snapshot'];

/** From this many nodes on, the compiled files are written by a worker thread while the manifest is written here. */
const FILES_IN_WORKER = 2000;

/** `whileFilesWrite` runs after the manifest is written, while the worker may still be writing files. */
export async function compileCommand(open: OpenProject, args: CliArgs, logger: Logger, secrets: SecretSet, started: number, whileFilesWrite?: () => void): Promise<number> {
  // The graph is read only if the selection walks it (open-project.ts builds it then).
  const neighbours = { inNeighbors: (id: string) => open.graph.inNeighbors(id), outNeighbors: (id: string) => open.graph.outNeighbors(id) };
  const request = { select: args.select, exclude: args.exclude, resourceTypes: COMPILED_TYPES };
  const selected = (args.select.length || args.exclude.length
    ? [...selectNodes(open.manifest, neighbours, request)].map((id) => open.manifest.nodes[id])
    : nodesOfTypes(open.manifest, COMPILED_TYPES)) as Array<ModelNode | SnapshotNode | TestNode>;
  // A map, not an object: 40k ids added as properties cost more, and the manifest writer takes either.
  const compiled = new Map<string, string>();
  const background = selected.length >= FILES_IN_WORKER ? createBackgroundFileWriter(open.targetDir, secrets) : undefined;
  const inThread = background ? undefined : createCompiledFileWriter(open.targetDir, secrets);
  const files = background ?? inThread!;
  let writing: Promise<{ written: number; folders: string[] }> | number;
  try {
    for (const node of selected) {
      const sql = open.compiler.compile(node);
      compiled.set(node.uniqueId, sql);
      files.add(node, sql);
    }
    writing = background ? background.finish() : inThread!.flush();
    open.timer?.mark('compile');
  } catch (err) {
    void background?.abort();
    throw err;
  }
  // The manifest is written here while the worker writes the files; both must succeed.
  let manifestError: unknown;
  try {
    writeManifest(open.targetDir, open.manifest, compiled, secrets);
  } catch (err) {
    manifestError = err;
  }
  open.timer?.mark('manifest');
  if (!manifestError && background) {
    whileFilesWrite?.();
    open.timer?.mark('parse cache and state, while files are written');
  }
  const wrote = await writing;
  // The folders of the compiled files, from the writer that made them (the project state records them).
  if (typeof wrote === 'object') open.compiledFolders = wrote.folders;
  open.timer?.mark('compiled files (the rest)');
  if (manifestError) throw manifestError;
  if (args.select.length === 1 && selected.length <= 2 && !args.quiet) {
    const only = selected.find((node) => node.resourceType === 'model');
    if (only) logger.info(`Compiled node '${only.name}' is:\n${compiled.get(only.uniqueId)}`);
  }
  open.compiledCount = selected.length;
  logger.info(compiledMessage(selected.length, started));
  return 0;
}

/** The last line of `compile` (also printed by the incremental compile, cli/fast-path.ts). */
export function compiledMessage(count: number, started: number): string {
  return `Compiled ${count} nodes in ${((Date.now() - started) / 1000).toFixed(2)}s (target/compiled/)`;
}
