/**
 * Jinja syntax that nunjucks rejects, rewritten before nunjucks compiles a template. Today: a
 * trailing comma before `)` or `]` inside `{{ }}` / `{% %}` (`config(materialized='table',)`),
 * which Jinja accepts and real dbt projects write. The scan knows string literals (a hook string
 * may itself hold `{{ }}`), skips `{# #}` comments, and keeps every newline, so error lines
 * still point at the user's file.
 */
export function jinjaCompat(source: string): string {
  if (!/,\s*[)\]]/.test(source)) return source;
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    const open = source.indexOf('{', i);
    if (open < 0 || open + 1 >= n) break;
    const next = source[open + 1];
    if (next === '#') {
      const close = source.indexOf('#}', open + 2);
      const stop = close < 0 ? n : close + 2;
      out += source.slice(i, stop);
      i = stop;
      continue;
    }
    if (next !== '{' && next !== '%') {
      out += source.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += source.slice(i, open + 2);
    const closer = next === '{' ? '}}' : '%}';
    let quote: string | null = null;
    let j = open + 2;
    for (; j < n; j += 1) {
      const ch = source[j];
      if (quote) {
        out += ch;
        if (ch === '\\' && j + 1 < n) out += source[++j];
        else if (ch === quote) quote = null;
        continue;
      }
      if (source.startsWith(closer, j)) break;
      if (ch === "'" || ch === '"') quote = ch;
      if (ch === ',') {
        let k = j + 1;
        while (k < n && /\s/.test(source[k])) k += 1;
        if (source[k] === ')' || source[k] === ']') continue;
      }
      out += ch;
    }
    i = j;
  }
  return out + source.slice(i);
}
