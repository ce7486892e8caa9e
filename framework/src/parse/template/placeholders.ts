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

/** Replace every token in `sql` using the resolver (index -> relation name). */
export function resolveTokens(
  sql: string,
  resolve: { ref(index: number): string; source(index: number): string; self(): string },
): string {
  return sql.replace(TOKEN_PATTERN, (match, kind: string | undefined, index: string | undefined) => {
    if (!kind) return resolve.self();
    return kind === 'ref' ? resolve.ref(Number(index)) : resolve.source(Number(index));
  });
}
