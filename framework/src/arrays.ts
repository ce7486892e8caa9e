/**
 * `items` copied into an array with no spare room. V8 gives an array that grew by `push`, or a
 * literal with a spread (`[pkg, ...folders, name]`), room for 17 or more elements: 152+ bytes
 * for a list of one or two. The parse kept ~130k such lists at 10k models (fqn, dependsOn.nodes,
 * a test's refs, parent/child lists), ~20 MB that young-generation collections copied and the old
 * generation kept; `slice` allocates exactly the length. Use it for lists a node keeps.
 */
export function exactArray<T>(items: T[]): T[] {
  return items.slice();
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The one frozen empty list that nodes, maps and declarations with nothing in a list share
 * (30k tests at 10k models have no sources, no children, no diagnostics). Such lists are replaced,
 * never changed in place: a push would throw.
 */
export function emptyList<T>(): T[] {
  return EMPTY as unknown as T[];
}
