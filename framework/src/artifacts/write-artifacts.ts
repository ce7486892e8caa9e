/**
 * Write target/manifest.json, target/run_results.json and compiled SQL files. Every file is
 * redacted (no secret from the environment is ever written) and written atomically.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Manifest } from '../manifest/types.js';
import { redactSecrets, type SecretSet } from '../log/redact.js';
import { STRATA_VERSION } from '../version.js';
import { MANIFEST_SCHEMA, RUN_RESULTS_SCHEMA, type ManifestArtifact, type NodeResult, type RunResultsArtifact } from './types.js';
import { piecewiseRedactionIsExact, signatureOf, writeManifestPieces, type FileSignature, type ManifestLayout } from './manifest-writer.js';

/** What this process last wrote to a manifest.json: its layout, for the incremental compile (cli/fast-path.ts). */
export interface WrittenManifest {
  layout: ManifestLayout;
  signature: FileSignature;
  /** The metadata value as written (redacted), to recognise the file. */
  metadataText: string;
  hasCompiled: boolean;
}

const writtenManifests = new Map<string, WrittenManifest>();

/** The layout of the manifest this process wrote under `targetDir`, if it wrote one piece by piece. */
export function writtenManifest(targetDir: string): WrittenManifest | undefined {
  return writtenManifests.get(join(targetDir, 'manifest.json'));
}

/** Forget earlier writes (a command run in the same process must not take them for its own). */
export function forgetWrittenManifest(targetDir: string): void {
  writtenManifests.delete(join(targetDir, 'manifest.json'));
}

export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
  } catch (err) {
    // ENOSPC on write names no file; say which one.
    (err as NodeJS.ErrnoException).path ??= path;
    throw err;
  }
  renameSync(tmp, path);
}

/**
 * Write target/manifest.json. `compiled` (SQL by unique id) may be a map: it is written as the
 * object of its entries, in their order.
 */
export function writeManifest(targetDir: string, manifest: Manifest, compiled: Record<string, string> | Map<string, string> | undefined, secrets: SecretSet): void {
  const path = join(targetDir, 'manifest.json');
  writtenManifests.delete(path);
  const metadata = { ...manifest.metadata, schemaVersion: MANIFEST_SCHEMA };
  if (!piecewiseRedactionIsExact(secrets)) {
    const artifact: ManifestArtifact = { ...manifest, metadata, compiled: compiled instanceof Map ? Object.fromEntries(compiled) : compiled };
    writeFileAtomic(path, redactSecrets(JSON.stringify(artifact), secrets));
    return;
  }
  // Same bytes as JSON.stringify(artifact), written in pieces (no 60 MB string at 10k models).
  const artifact = { ...manifest, metadata, compiled };
  const layout = writeManifestPieces(path, artifact, secrets);
  const signature = signatureOf(path);
  if (signature) {
    writtenManifests.set(path, { layout, signature, metadataText: redactSecrets(JSON.stringify(artifact.metadata), secrets), hasCompiled: compiled !== undefined });
  }
}

export function writeRunResults(
  targetDir: string,
  info: { command: string; targetName: string; invocationId: string; elapsedTime: number; args: Record<string, unknown> },
  results: NodeResult[],
  secrets: SecretSet,
): RunResultsArtifact {
  const artifact: RunResultsArtifact = {
    metadata: { schemaVersion: RUN_RESULTS_SCHEMA, strataVersion: STRATA_VERSION, generatedAt: new Date().toISOString(), invocationId: info.invocationId, command: info.command, targetName: info.targetName },
    elapsedTime: info.elapsedTime,
    args: info.args,
    results,
  };
  writeFileAtomic(join(targetDir, 'run_results.json'), redactSecrets(JSON.stringify(artifact, null, 1), secrets));
  return artifact;
}
