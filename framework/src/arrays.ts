/**
 * `items` copied into an array with no spare room. V8 gives an array that grew by `push`, or a
 * literal with a spread (`[pkg, ...folders, name]`), room for 17 or more elements: 152+ bytes
 * for a list of one or two. The parse keeps ~170k short lists at 10k models (fqn, dependsOn.nodes,
 * a test's refs, accepted values), ~20 MB that every young-generation collection copies and the
 * old generation keeps; `slice` allocates exactly the length. Use it for lists a node keeps.
 */
export function exactArray<T>(items: T[]): T[] {
  return items.slice();
}
