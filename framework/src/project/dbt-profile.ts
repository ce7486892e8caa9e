/** dbt compatibility: read the target from profiles.yml (project dir, DBT_PROFILES_DIR, ~/.dbt). */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type nunjucks from 'nunjucks';
import { userError, suggestName } from '../errors/strata-error.js';
import type { EnvReader } from './env-var.js';
import { normaliseTarget } from './load-project.js';
import { renderYamlValues } from './render-yaml-values.js';
import type { TargetConfig } from './types.js';
import { readYamlFile } from './yaml-file.js';

export interface DbtProfileRequest {
  projectDir: string;
  profileName: string;
  target?: string;
  env: NodeJS.ProcessEnv;
  envReader: EnvReader;
  templates: nunjucks.Environment;
}

export function readDbtProfile(request: DbtProfileRequest): TargetConfig {
  const dirs = [request.projectDir, request.env.DBT_PROFILES_DIR, join(homedir(), '.dbt')].filter(Boolean) as string[];
  const dir = dirs.find((d) => existsSync(join(d, 'profiles.yml')));
  if (!dir) {
    // A dbt project without profiles.yml still runs on the embedded default.
    return normaliseTarget('dev', { type: 'duckdb', path: 'target/strata.duckdb' }, 'dbt_project.yml');
  }
  const file = join(dir, 'profiles.yml');
  const display = dir === request.projectDir ? 'profiles.yml' : file;
  const parsed = readYamlFile(file, display).value as Record<string, unknown>;
  const profile = parsed?.[request.profileName] as Record<string, unknown> | undefined;
  if (!profile) {
    const guess = suggestName(request.profileName, Object.keys(parsed ?? {}));
    throw userError('E_PROJECT', `Profile '${request.profileName}' not found in ${display}`, {
      file: display,
      hint: guess ? `Did you mean '${guess}'? (dbt_project.yml 'profile:' names it)` : "Add it, or set 'profile:' in dbt_project.yml",
    });
  }
  const context = { env_var: (n: string, d?: unknown) => request.envReader.read(n, d) };
  const outputs = (profile.outputs ?? {}) as Record<string, Record<string, unknown>>;
  const name = request.target ?? String(profile.target ?? 'dev');
  const output = outputs[name];
  if (!output) {
    throw userError('E_PROJECT', `Target '${name}' not found in profile '${request.profileName}' (${display})`, {
      file: display, hint: `Defined outputs: ${Object.keys(outputs).join(', ') || '(none)'}`,
    });
  }
  const rendered = renderYamlValues(output, request.templates, context, display) as Record<string, unknown>;
  return normaliseTarget(name, rendered, display);
}
