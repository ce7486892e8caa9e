/**
 * The one tokenizer of the search index, shared by the writer (`build-search-index.ts`) and the
 * site's query code, so a query term and an indexed term are always cut the same way.
 */

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'in', 'is', 'it', 'its',
  'of', 'on', 'or', 'that', 'the', 'this', 'to', 'was', 'with', 'per', 'each', 'one', 'all',
]);

/**
 * Lower-case word tokens of `text`: identifiers are kept whole and also split on `_`, `.` and
 * camelCase (`fct_monthly_sales` -> `fct_monthly_sales`, `fct`, `monthly`, `sales`). Stop
 * words and one-letter tokens are dropped.
 */
export function tokenizeSearchText(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (token: string) => {
    if (token.length < 2 || STOP_WORDS.has(token) || seen.has(token)) return;
    seen.add(token);
    out.push(token);
  };
  for (const word of text.split(/[^\p{L}\p{N}_.]+/u)) {
    const whole = word.replace(/^[._]+|[._]+$/g, '');
    if (!whole) continue;
    push(whole.toLowerCase());
    for (const part of whole.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_.]+/)) push(part.toLowerCase());
  }
  return out;
}

/** The shard a term lives in: its first character when that is `[a-z0-9]`, else `_`. */
export function selectSearchShardKey(term: string): string {
  const first = term[0] ?? '_';
  return /[a-z0-9]/.test(first) ? first : '_';
}

/**
 * The words of a search query, each matched against index terms exactly or as a prefix. Unlike
 * {@link tokenizeSearchText} identifiers are not split (`fct_month` should narrow, not widen)
 * and one-letter words are kept (the user is still typing); stop words are dropped because
 * the index has none.
 *
 * @example splitQueryWords('Revenue by shop_') // ['revenue', 'shop']
 */
export function splitQueryWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_.]+/u)
    .map((w) => w.replace(/^[._]+|[._]+$/g, ''))
    .filter(Boolean);
  return [...new Set(words.filter((w) => !STOP_WORDS.has(w)))];
}
