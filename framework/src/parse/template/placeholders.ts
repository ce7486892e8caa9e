/**
 * Single-pass rendering: at parse time `ref()`, `source()` and `this` emit tokens that are
 * resolved to relation names once the graph is known (dbt renders twice; that costs time at
 * 10k models). Tokens are plain ASCII that no SQL contains.
 */
export const REF_TOKEN = (index: number) => `__strata_ref_${index}__`;
export const SOURCE_TOKEN = (index: number) => `__strata_src_${index}__`;
export const THIS_TOKEN = '__strata_this__';
export const TOKEN_PATTERN = /__strata_(ref|src)_(\d+)__|__strata_this__/g;

/** A relation value in templates: prints as its token, exposes dbt's Relation attributes. */
export class RelationToken {
  constructor(
    readonly token: string,
    readonly identifier: string,
    readonly schema: string = '',
    readonly database: string = '',
  ) {}

  get name(): string {
    return this.identifier;
  }

  get table(): string {
    return this.identifier;
  }

  toString(): string {
    return this.token;
  }

  render(): string {
    return this.token;
  }

  include(): RelationToken {
    return this;
  }
}

const TOKEN_START = '__strata_';

/**
 * Replace every token in `sql` using the resolver (index -> relation name). The same matches, in
 * the same order, as `sql.replace(TOKEN_PATTERN, ...)`, found with indexOf (40k nodes compile
 * per run; a regex replace with a callback costs several times more).
 */
export function resolveTokens(
  sql: string,
  resolve: { ref(index: number): string; source(index: number): string; self(): string },
): string {
  let at = sql.indexOf(TOKEN_START);
  if (at < 0) return sql;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    const rest = at + TOKEN_START.length;
    let end = -1;
    let value = '';
    if (sql.startsWith('this__', rest)) {
      end = rest + 6;
      value = resolve.self();
    } else if (sql.startsWith('ref_', rest) || sql.startsWith('src_', rest)) {
      const digits = rest + 4;
      let q = digits;
      for (let c = sql.charCodeAt(q); c >= 48 && c <= 57; c = sql.charCodeAt(++q));
      if (q > digits && sql.startsWith('__', q)) {
        end = q + 2;
        const index = Number(sql.slice(digits, q));
        value = sql.charCodeAt(rest) === 114 /* r */ ? resolve.ref(index) : resolve.source(index);
      }
    }
    if (end < 0) {
      at = sql.indexOf(TOKEN_START, at + 1);
      continue;
    }
    out += sql.slice(copied, at) + value;
    copied = end;
    at = sql.indexOf(TOKEN_START, end);
  }
  return out + sql.slice(copied);
}
