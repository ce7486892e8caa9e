/**
 * dbt-style node selection evaluated in the browser on the compact graph index.
 *
 * Syntax: terms separated by spaces are a union; atoms joined by `,` inside a term are an
 * intersection. An atom is `[@][N+]value[+N]` where `value` is a name (globs `*` and `?`
 * allowed), a unique id, or `method:value` with method `tag`, `type` (`resource_type`),
 * `path` (folder prefix) or `name`. `+x` adds all ancestors, `2+x` ancestors up to two steps,
 * `x+` / `x+1` descendants, `@x` descendants and all their ancestors.
 *
 * @example selectNodes(graph, adjacency, '+fct_monthly_sales tag:finance,type:model')
 */
import type { GraphIndex } from '../../../../framework/src/docs/types.ts';
import { walkGraph, type GraphAdjacency } from './graph-adjacency.ts';

export interface Selection {
  /** Selected node positions, ascending. */
  nodes: number[];
  /** A message when the expression is malformed; `nodes` is then empty. */
  error?: string;
}

const METHODS = ['tag', 'type', 'resource_type', 'path', 'folder', 'name'] as const;

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function matchValue(graph: GraphIndex, method: string, value: string): number[] | string {
  const pattern = globToRegExp(value);
  const out: number[] = [];
  const push = (test: (i: number) => boolean) => {
    for (let i = 0; i < graph.ids.length; i++) if (test(i)) out.push(i);
  };
  switch (method) {
    case 'name':
      push((i) => pattern.test(graph.names[i]) || graph.ids[i] === value);
      break;
    case 'tag': {
      const tags = new Set(graph.tagNames.flatMap((t, i) => (pattern.test(t) ? [i] : [])));
      push((i) => graph.tags[i].some((t) => tags.has(t)));
      break;
    }
    case 'type':
    case 'resource_type':
      push((i) => pattern.test(graph.typeNames[graph.types[i]]));
      break;
    case 'path':
    case 'folder': {
      const prefix = value.replace(/\/+$/, '');
      const folders = new Set(graph.folderNames.flatMap((f, i) => (f === prefix || f.startsWith(`${prefix}/`) || pattern.test(f) ? [i] : [])));
      push((i) => folders.has(graph.folders[i]));
      break;
    }
    default:
      return `unknown selector method '${method}:' (use ${METHODS.join(', ')})`;
  }
  return out;
}

function evaluateAtom(graph: GraphIndex, adjacency: GraphAdjacency, atom: string): Set<number> | string {
  const m = /^(@)?(?:(\d*)\+)?([^+]+?)(?:\+(\d*))?$/.exec(atom);
  if (!m) return `cannot read '${atom}': expected [@][N+]name[+N]`;
  const [, at, up, body, down] = m;
  const colon = body.indexOf(':');
  const method = colon > 0 ? body.slice(0, colon).toLowerCase() : 'name';
  const value = colon > 0 ? body.slice(colon + 1) : body;
  if (!value) return `'${atom}' has no value after '${method}:'`;
  const matched = matchValue(graph, method, value);
  if (typeof matched === 'string') return matched;
  const out = new Set(matched);
  const steps = (s: string | undefined) => (s === undefined ? 0 : s === '' ? Infinity : Number(s));
  if (up !== undefined) for (const n of walkGraph(adjacency.parents, matched, steps(up))) out.add(n);
  if (down !== undefined || at) {
    const below = walkGraph(adjacency.children, matched, at ? Infinity : steps(down));
    for (const n of below) out.add(n);
    // @: the ancestors of the nodes and of their descendants (a node without children keeps its own).
    if (at) for (const n of walkGraph(adjacency.parents, [...matched, ...below])) out.add(n);
  }
  return out;
}

/** Evaluate a selector expression. An empty expression selects nothing. */
export function selectNodes(graph: GraphIndex, adjacency: GraphAdjacency, expression: string): Selection {
  const union = new Set<number>();
  for (const term of expression.trim().split(/\s+/).filter(Boolean)) {
    let intersection: Set<number> | undefined;
    for (const atom of term.split(',').filter(Boolean)) {
      const result = evaluateAtom(graph, adjacency, atom);
      if (typeof result === 'string') return { nodes: [], error: result };
      intersection = intersection ? new Set([...intersection].filter((n) => result.has(n))) : result;
    }
    for (const n of intersection ?? []) union.add(n);
  }
  return { nodes: [...union].sort((a, b) => a - b) };
}
