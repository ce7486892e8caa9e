/** Render `{{ env_var(...) }}` / `{{ var(...) }}` inside string values of a parsed YAML tree. */
import type nunjucks from 'nunjucks';
import { userError } from '../errors/strata-error.js';

export function renderYamlValues(
  value: unknown,
  env: nunjucks.Environment,
  context: Record<string, unknown>,
  file: string,
  skipKeys: ReadonlySet<string> = new Set(),
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{') && !value.includes('{%')) return value;
    try {
      return env.renderString(value, context);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause ?? err;
      if (cause instanceof Error && cause.name === 'StrataError') throw cause;
      throw userError('E_TEMPLATE', `Cannot render "${value}": ${(err as Error).message.split('\n').pop()?.trim()}`, {
        file,
        hint: "Only env_var('NAME', 'default') and var('name') may be used in project YAML.",
      });
    }
  }
  if (Array.isArray(value)) return value.map((v) => renderYamlValues(v, env, context, file, skipKeys));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = skipKeys.has(k) ? v : renderYamlValues(v, env, context, file, skipKeys);
    }
    return out;
  }
  return value;
}
