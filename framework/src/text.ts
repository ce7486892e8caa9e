/**
 * `parts.join(separator)`, made with `+`. V8's Array.prototype.join (Node 20) takes a string that
 * has been used as a property key (a "thin" string) for a two-byte one and returns a UTF-16
 * string: the names and ids of 20k tests at 10k models came out so, doubling their bytes in every
 * later copy, hash, JSON text and state file. Concatenation looks through to the key and keeps
 * an ASCII result one-byte.
 */
export function joinedWith(parts: readonly string[], separator: string): string {
  let text = parts.length ? parts[0] : '';
  for (let i = 1; i < parts.length; i++) text += separator + parts[i];
  return text;
}

/**
 * `text`, flattened in place. V8 keeps a string made with `+` or a template literal as a tree of
 * its pieces (32 bytes a join) until something reads it whole; the parse keeps 40k ids and names
 * so made, which the garbage collector then copies piece by piece: a test's id is ~230 bytes as a
 * tree and ~70 flat. Reading one character makes V8 flatten it, and the next collection drops
 * the tree. The same string either way.
 */
export function flatString(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Text JSON.stringify writes as it is between quotes: no quote, backslash, control character or surrogate. */
const PLAIN_JSON_TEXT = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * `JSON.stringify(text)`, without the call for the usual id or path (nothing to escape): the
 * manifest writes 80k ids at 10k models.
 */
export function jsonString(text: string): string {
  return PLAIN_JSON_TEXT.test(text) ? `"${text}"` : JSON.stringify(text);
}
