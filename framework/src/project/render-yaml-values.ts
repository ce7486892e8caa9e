/** Render `{{ env_var(...) }}` / `{{ var(...) }}` inside string values of a parsed YAML tree. */
import type nunjucks from 'nunjucks';
import { StrataError, userError } from '../errors/strata-error.js';

export function renderYamlValues(
  value: unknown,
  env: nunjucks.Environment,
  context: Record<string, unknown>,
  file: string,
  skipKeys: ReadonlySet<string> = new Set(),
  /** Line of a key path in `file`, so a value that fails to render is reported at its line. */
  lineOf?: (path: (string | number)[]) => number | undefined,
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{') && !value.includes('{%')) return value;
    try {
      return env.renderString(value, context);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause ?? err;
      const line = lineOf?.(path);
      if (cause instanceof Error && cause.name === 'StrataError') {
        const { diagnostics, exitCode } = cause as StrataError;
        throw new StrataError(diagnostics.map((d) => ({ ...d, line: d.line ?? line })), exitCode);
      }
      throw userError('E_TEMPLATE', `Cannot render "${value}": ${(err as Error).message.split('\n').pop()?.trim()}`, {
        file,
        line,
        hint: "Only env_var('NAME', 'default') and var('name') may be used in project YAML.",
      });
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => renderYamlValues(v, env, context, file, skipKeys, lineOf, [...path, i]));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = skipKeys.has(k) ? v : renderYamlValues(v, env, context, file, skipKeys, lineOf, [...path, k]);
    }
    return out;
  }
  return value;
}
