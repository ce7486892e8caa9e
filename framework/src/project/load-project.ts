/**
 * `loadProject`: project.yml (or dbt_project.yml + profiles.yml) -> ProjectConfig.
 * Renders env_var() in values, validates types, warns on unknown keys with a did-you-mean.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiagnosticBag, StrataError, suggestName, userError } from '../errors/strata-error.js';
import { createTemplateEnvironment } from '../parse/template/environment.js';
import { createEnvReader } from './env-var.js';
import { renderYamlValues } from './render-yaml-values.js';
import { readYamlFile } from './yaml-file.js';
import { readDbtProfile } from './dbt-profile.js';
import type { ProjectConfig, TargetConfig } from './types.js';

export interface LoadProjectOptions {
  projectDir: string;
  target?: string;
  /** `--vars` already parsed. */
  vars?: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  /** Collects warnings (unknown keys); errors are thrown. */
  diagnostics?: DiagnosticBag;
}

const KNOWN_KEYS = [
  'name', 'version', 'config-version', 'profile', 'model-paths', 'seed-paths', 'test-paths', 'macro-paths',
  'snapshot-paths', 'docs-paths', 'analysis-paths', 'asset-paths', 'target-path', 'clean-targets',
  'packages-install-path', 'vars', 'target', 'targets', 'models', 'seeds', 'snapshots', 'tests', 'data_tests',
  'sources', 'exposures', 'on-run-start', 'on-run-end', 'ingest', 'require-dbt-version', 'quoting', 'flags',
  'dispatch', 'query-comment', 'metrics', 'semantic-models', 'saved-queries',
];

function asStringList(value: unknown, key: string, file: string, fallback: string[], line?: number): string[] {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw userError('E_CONFIG', `'${key}' must be a list of folder names`, { file, line, hint: `Write ${key}: [folder]` });
}

function asRecord(value: unknown, key: string, file: string, line?: number): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw userError('E_CONFIG', `'${key}' must be a mapping`, { file, line, hint: `Write ${key}: followed by indented key: value lines` });
}

function asHookList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Find the project file in a directory: project.yml first, then dbt_project.yml. */
export function findProjectFile(projectDir: string): string {
  for (const name of ['project.yml', 'project.yaml', 'dbt_project.yml']) {
    if (existsSync(join(projectDir, name))) return name;
  }
  throw userError('E_PROJECT', `No project.yml (or dbt_project.yml) found in ${projectDir}`, {
    hint: 'Run strata from the project folder, or pass --project-dir <folder>.',
  }, 2);
}

export function loadProject(options: LoadProjectOptions): ProjectConfig {
  const projectDir = resolve(options.projectDir);
  const configFile = findProjectFile(projectDir);
  const yaml = readYamlFile(join(projectDir, configFile), configFile);
  if (yaml.value !== null && yaml.value !== undefined && (typeof yaml.value !== 'object' || Array.isArray(yaml.value))) {
    throw userError('E_CONFIG', `${configFile} must be a mapping of settings (name:, targets:, models:, ...), not ${Array.isArray(yaml.value) ? 'a list' : 'a single value'}`, {
      file: configFile, line: 1, hint: 'Start it with a line such as: name: my_project',
    });
  }
  const raw = asRecord(yaml.value, configFile, configFile);
  const bag = options.diagnostics ?? new DiagnosticBag();

  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) {
      const guess = suggestName(key, KNOWN_KEYS);
      bag.add({
        code: 'E_CONFIG', severity: 'warn', file: configFile, line: yaml.lineOf([key]),
        message: `Unknown key '${key}' in ${configFile} is ignored`,
        hint: guess ? `Did you mean '${guess}'?` : `Known keys: ${KNOWN_KEYS.slice(0, 12).join(', ')}, ...`,
      });
    }
  }
  if (typeof raw.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.name)) {
    throw userError('E_PROJECT', `'name' must be a project name of letters, digits and underscores`, {
      file: configFile, line: yaml.lineOf(['name']), hint: 'Write for example: name: sales',
    });
  }

  const envReader = createEnvReader(options.env, { file: configFile });
  // The template environment is created for the first value with Jinja in it (most project files have none).
  let environment: ReturnType<typeof createTemplateEnvironment> | undefined;
  const templates = {
    renderString: (source: string, ctx: object) => (environment ??= createTemplateEnvironment()).renderString(source, ctx),
  } as ReturnType<typeof createTemplateEnvironment>;
  const cliVars = options.vars ?? {};
  const projectVars = asRecord(raw.vars, 'vars', configFile, yaml.lineOf(['vars']));
  const vars = { ...projectVars, ...cliVars };
  const context = {
    env_var: (name: string, fallback?: unknown) => envReader.read(name, fallback),
    var: (name: string, fallback?: unknown) => {
      if (name in vars) return vars[name];
      if (fallback !== undefined) return fallback;
      // Rendering it as '' would silently give e.g. a database path of target/.duckdb.
      throw userError('E_PROJECT', `Required var '${name}' is not defined`, {
        file: configFile, hint: `Add it under vars: in ${configFile}, pass --vars '{${name}: ...}', or give a default: var('${name}', 'value').`,
      });
    },
    target: { name: options.target },
  };
  // Hooks and model configs are rendered later, per node, with the full context.
  const skip = new Set(['models', 'seeds', 'snapshots', 'tests', 'data_tests', 'on-run-start', 'on-run-end', 'vars']);
  const rendered = renderYamlValues(raw, templates, context, configFile, skip, yaml.lineOf) as Record<string, unknown>;

  const target = configFile === 'dbt_project.yml' && !rendered.targets
    ? readDbtProfile({ projectDir, profileName: String(rendered.profile ?? rendered.name), target: options.target, env: options.env, envReader, templates })
    : resolveTarget(rendered, options.target, configFile, yaml.lineOf(['targets']), yaml.lineOf);

  return {
    projectDir,
    configFile,
    name: raw.name,
    version: String(rendered.version ?? '1'),
    modelPaths: asStringList(rendered['model-paths'], 'model-paths', configFile, ['models'], yaml.lineOf(['model-paths'])),
    seedPaths: asStringList(rendered['seed-paths'], 'seed-paths', configFile, ['seeds'], yaml.lineOf(['seed-paths'])),
    testPaths: asStringList(rendered['test-paths'], 'test-paths', configFile, ['tests'], yaml.lineOf(['test-paths'])),
    macroPaths: asStringList(rendered['macro-paths'], 'macro-paths', configFile, ['macros'], yaml.lineOf(['macro-paths'])),
    snapshotPaths: asStringList(rendered['snapshot-paths'], 'snapshot-paths', configFile, ['snapshots'], yaml.lineOf(['snapshot-paths'])),
    docsPaths: asStringList(rendered['docs-paths'], 'docs-paths', configFile, [], yaml.lineOf(['docs-paths'])),
    targetPath: typeof rendered['target-path'] === 'string' ? rendered['target-path'] : 'target',
    vars,
    target,
    models: asRecord(raw.models, 'models', configFile, yaml.lineOf(['models'])),
    seeds: asRecord(raw.seeds, 'seeds', configFile, yaml.lineOf(['seeds'])),
    snapshots: asRecord(raw.snapshots, 'snapshots', configFile, yaml.lineOf(['snapshots'])),
    tests: { ...asRecord(raw.tests, 'tests', configFile), ...asRecord(raw.data_tests, 'data_tests', configFile) },
    onRunStart: asHookList(raw['on-run-start']),
    onRunEnd: asHookList(raw['on-run-end']),
    ingest: rendered.ingest === undefined ? undefined : asRecord(rendered.ingest, 'ingest', configFile),
    envVarsUsed: envReader.used,
  };
}

function resolveTarget(
  config: Record<string, unknown>, requested: string | undefined, file: string, line?: number,
  lineOf?: (path: (string | number)[]) => number | undefined,
): TargetConfig {
  const targets = asRecord(config.targets, 'targets', file, line);
  const names = Object.keys(targets);
  const name = requested ?? (typeof config.target === 'string' ? config.target : undefined) ?? (names.includes('dev') ? 'dev' : names[0]);
  if (!name) {
    // No targets at all: the embedded default.
    return { name: 'dev', type: 'duckdb', schema: 'main', threads: 4, path: 'target/strata.duckdb' };
  }
  const chosen = targets[name];
  if (!chosen || typeof chosen !== 'object') {
    const guess = suggestName(name, names);
    throw new StrataError({
      code: 'E_PROJECT', severity: 'error', file, line,
      message: `Target '${name}' is not defined in ${file}`,
      hint: guess ? `Did you mean '${guess}'? Defined targets: ${names.join(', ')}` : `Defined targets: ${names.join(', ') || '(none)'}`,
    });
  }
  return normaliseTarget(name, chosen as Record<string, unknown>, file, lineOf?.(['targets', name, 'threads']));
}

/** Fill defaults and check the basic types of a target. */
export function normaliseTarget(name: string, raw: Record<string, unknown>, file: string, threadsLine?: number): TargetConfig {
  const type = String(raw.type ?? 'duckdb');
  const threads = raw.threads === undefined ? 4 : Number(raw.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    throw userError('E_CONFIG', `Target '${name}': threads must be a whole number >= 1 (got ${String(raw.threads)})`, { file, line: threadsLine, hint: 'threads: 4' });
  }
  const schema = String(raw.schema ?? (type === 'duckdb' ? 'main' : 'PUBLIC'));
  const out: TargetConfig = { ...raw, name, type, schema, threads };
  if (type === 'duckdb' && !raw.path) out.path = 'target/strata.duckdb';
  return out;
}
