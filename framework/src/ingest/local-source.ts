/**
 * Raw files from a local folder. When declared files are missing and the project names a
 * generator module, it is imported and asked to write them (the sales project's deterministic
 * data generator); otherwise the error lists what is missing and where.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { userError } from '../errors/strata-error.js';
import type { Logger } from '../log/logger.js';
import { compareFileNames, extraFileMatcher } from './extra-files.js';
import type { PreparedFile } from './prepared-file.js';
import type { IngestFileSpec } from './types.js';

/** What a generator module must export. */
interface GeneratorModule {
  generateData(options: { outDir: string }): Promise<unknown>;
}

/** `path` as users wrote it: relative to the project when inside it. */
function displayPath(projectDir: string, path: string): string {
  const rel = relative(projectDir, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

function missingFiles(folder: string, specs: IngestFileSpec[]): string[] {
  return specs.filter((s) => !existsSync(join(folder, s.file))).map((s) => s.file);
}

/** Import the generator and run it once into `folder`. */
async function runGenerator(projectDir: string, generator: string, folder: string, logger: Logger): Promise<void> {
  const modulePath = resolve(projectDir, generator);
  let module: Partial<GeneratorModule>;
  try {
    module = (await import(pathToFileURL(modulePath).href)) as Partial<GeneratorModule>;
  } catch (err) {
    throw userError('E_INGEST', `Cannot load the data generator ${generator}: ${(err as Error).message.split('\n')[0]}`, {
      file: generator,
      hint: 'Set ingest.generator in project.yml to a built JS module (e.g. dist/scripts/generate-data/main.js; run npm run build first).',
    }, 1);
  }
  if (typeof module.generateData !== 'function') {
    throw userError('E_INGEST', `The data generator ${generator} does not export a generateData({ outDir }) function.`, {
      file: generator,
      hint: 'Export `async function generateData({ outDir })` that writes the raw files into outDir.',
    }, 1);
  }
  await mkdir(folder, { recursive: true });
  const started = performance.now();
  await module.generateData({ outDir: folder });
  const seconds = (performance.now() - started) / 1000;
  logger.info(`Generated raw data into ${displayPath(projectDir, folder)} with ${generator} [${seconds.toFixed(1)}s]`, {
    generator,
    outDir: folder,
    seconds,
  });
}

/** Options for `prepareLocalFiles`. */
export interface LocalSourceOptions {
  projectDir: string;
  /** Folder as written in project.yml. */
  source: string;
  generator?: string;
  specs: IngestFileSpec[];
  logger: Logger;
}

/**
 * Locate every spec's file in the local folder, generating data first when files are missing
 * and a generator is configured.
 */
export async function prepareLocalFiles(options: LocalSourceOptions): Promise<PreparedFile[]> {
  const { projectDir, specs, logger } = options;
  const folder = resolve(projectDir, options.source);
  let missing = missingFiles(folder, specs);
  if (missing.length > 0 && options.generator) {
    logger.info(`Raw files missing in ${displayPath(projectDir, folder)} (${missing.join(', ')}); generating them.`);
    await runGenerator(projectDir, options.generator, folder, logger);
    missing = missingFiles(folder, specs);
    if (missing.length > 0) {
      throw userError('E_INGEST', `The generator ${options.generator} ran but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} still missing in ${folder}.`, {
        file: options.generator,
        hint: 'Make generateData({ outDir }) write every file listed in ingest.files, with the same names.',
      }, 1);
    }
  }
  if (missing.length > 0) {
    throw userError('E_INGEST', `Raw file${missing.length === 1 ? '' : 's'} missing in ${folder}: ${missing.join(', ')}.`, {
      file: displayPath(projectDir, folder),
      hint: 'Copy the files into that folder, set ingest.source to an s3://bucket/prefix/ URI, or set ingest.generator in project.yml to a module that writes them.',
    }, 1);
  }
  const describe = async (spec: IngestFileSpec, extra: boolean): Promise<PreparedFile> => {
    const path = join(folder, spec.file);
    const info = await stat(path);
    if (!info.isFile()) {
      throw userError('E_INGEST', `${path} is not a regular file.`, { file: displayPath(projectDir, path) }, 1);
    }
    const shown = displayPath(projectDir, path);
    return {
      spec,
      ...(extra ? { extra: true } : {}),
      displayFile: shown,
      sourceUri: shown,
      size: info.size,
      modifiedMs: Math.trunc(info.mtimeMs),
      materialize: async () => path,
    };
  };
  const names = specs.some((s) => s.extra_files !== undefined) ? await readdir(folder) : [];
  const prepared: PreparedFile[] = [];
  for (const spec of specs) {
    prepared.push(await describe(spec, false));
    // Files matched by extra_files load into the same table, in natural name order.
    const isExtra = extraFileMatcher(spec);
    for (const name of names.filter(isExtra).sort(compareFileNames)) {
      if (!(await stat(join(folder, name))).isFile()) continue;
      prepared.push(await describe({ ...spec, file: name }, true));
    }
  }
  return prepared;
}
