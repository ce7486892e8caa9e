/**
 * When and by what the data was built, from the artifacts in the target folder. Build time only.
 * Missing or unreadable artifacts give nulls rather than an error: the dashboard still renders.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildInfo } from './types.ts';

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

function metadataOf(artifact: Record<string, unknown> | null): Record<string, unknown> {
  const meta = artifact?.metadata;
  return meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {};
}

export async function readBuildInfo(targetDir: string): Promise<BuildInfo> {
  const run = metadataOf(await readJson(join(targetDir, 'run_results.json')));
  const manifest = metadataOf(await readJson(join(targetDir, 'manifest.json')));
  return {
    builtAt: str(run.generatedAt) ?? str(manifest.generatedAt),
    projectName: str(manifest.projectName),
    targetName: str(run.targetName) ?? str(manifest.targetName),
    command: str(run.command),
    strataVersion: str(run.strataVersion) ?? str(manifest.strataVersion),
  };
}
