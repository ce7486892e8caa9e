/**
 * dbt's node selection syntax, parsed into plain data:
 * `a b` union, `a,b` intersection, `+m` / `2+m` ancestors, `m+` / `m+1` descendants, `@m`,
 * `method:value` (tag, path, file, config.<key>, resource_type, source, test_type, test_name,
 * package, exposure, state, result, fqn), and `*` wildcards.
 */
import { suggestName, userError } from '../errors/strata-error.js';

export const SELECTOR_METHODS = [
  'fqn', 'tag', 'path', 'file', 'config', 'resource_type', 'source', 'test_type', 'test_name', 'package', 'exposure', 'state', 'result',
] as const;
export type SelectorMethod = (typeof SELECTOR_METHODS)[number];

export interface SelectorAtom {
  method: SelectorMethod;
  /** For `config.materialized:table`, the key path after `config.`. */
  methodArgs: string[];
  value: string;
  /** Ancestor depth: 0 none, Infinity for a bare `+`. */
  parents: number;
  children: number;
  /** `@` prefix: descendants and all their ancestors. */
  childrensParents: boolean;
  raw: string;
}

/** A union of intersections of atoms. */
export type SelectionSpec = SelectorAtom[][];

const ATOM = /^(@)?(\d*\+)?(?:([a-z_]+(?:\.[A-Za-z0-9_]+)*):)?([^+]*?)(\+\d*)?$/;

export function parseAtom(raw: string): SelectorAtom {
  const match = ATOM.exec(raw);
  if (!match || !match[4]) {
    throw userError('E_SELECTOR', `Cannot parse selector '${raw}'`, { hint: "Use forms like: my_model, +my_model+, 2+my_model, tag:nightly, path:models/staging, config.materialized:table" }, 2);
  }
  const [, at, up, methodText, value, down] = match;
  const [methodName, ...methodArgs] = (methodText ?? 'fqn').split('.');
  if (!(SELECTOR_METHODS as readonly string[]).includes(methodName)) {
    const guess = suggestName(methodName, SELECTOR_METHODS);
    throw userError('E_SELECTOR', `Unknown selector method '${methodName}' in '${raw}'`, { hint: guess ? `Did you mean '${guess}:'?` : `Methods: ${SELECTOR_METHODS.join(', ')}` }, 2);
  }
  if (at && up) throw userError('E_SELECTOR', `'${raw}': '@' cannot be combined with a '+' prefix`, { hint: 'Write @my_model or +my_model.' }, 2);
  const depth = (op: string | undefined) => (op === undefined ? 0 : op.replace('+', '') === '' ? Infinity : Number(op.replace('+', '')));
  return {
    method: methodName as SelectorMethod,
    methodArgs,
    value,
    parents: depth(up),
    children: depth(down),
    childrensParents: Boolean(at),
    raw,
  };
}

/** Parse `--select` arguments (each may hold several space-separated selectors). */
export function parseSelection(args: string[]): SelectionSpec {
  return args
    .flatMap((arg) => arg.split(/\s+/))
    .filter(Boolean)
    .map((union) => union.split(',').filter(Boolean).map(parseAtom));
}
