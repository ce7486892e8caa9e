/** `env_var('NAME', 'default')`: the one way a project reads the environment. */
import { userError } from '../errors/strata-error.js';

export interface EnvReader {
  read(name: string, fallback?: unknown): string;
  /** Names read so far with the values seen (null = unset), for parse-cache keys. */
  readonly used: Record<string, string | null>;
}

export function createEnvReader(env: NodeJS.ProcessEnv, where: { file?: string } = {}): EnvReader {
  const used: Record<string, string | null> = {};
  return {
    used,
    read(name: string, fallback?: unknown): string {
      const value = env[name];
      used[name] = value ?? null;
      if (value !== undefined) return value;
      if (fallback !== undefined) return String(fallback);
      throw userError('E_PROJECT', `Env var required but not provided: '${name}'`, {
        ...where,
        hint: `Set ${name} in the environment, or give a default: env_var('${name}', 'value').`,
      });
    },
  };
}
