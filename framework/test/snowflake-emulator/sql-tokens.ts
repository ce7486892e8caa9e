/**
 * A small lexer for Snowflake SQL text. The emulator rewrites SQL at the token level so that
 * string literals, quoted identifiers and comments are never touched by accident (a regex
 * over raw text rewrote `'10:11:12'` as a bind once; see SNOWFLAKE-S3-TESTING.md §1.4.9).
 */

export type TokenKind =
  | 'ws'
  | 'comment'
  | 'word'
  | 'qident'
  | 'string'
  | 'number'
  | 'bind'
  | 'stage'
  | 'punct';

export interface Token {
  kind: TokenKind;
  /** The exact source text of the token. */
  text: string;
  /** Decoded value: string contents, unquoted identifier text, bind key (`1`, `name`, or `?`). */
  value: string;
}

const MULTI_CHAR_PUNCT = ['->>', '::', '||', '<=', '>=', '<>', '!=', '=>', '->'];
const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;

/** Split Snowflake SQL into tokens; concatenating every `text` gives the input back. */
export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value?: string) => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, value: value ?? text });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1] ?? '';
    if (/\s/.test(ch)) {
      let end = i + 1;
      while (end < sql.length && /\s/.test(sql[end])) end++;
      push('ws', end);
    } else if ((ch === '-' && next === '-') || (ch === '/' && next === '/')) {
      const nl = sql.indexOf('\n', i);
      push('comment', nl === -1 ? sql.length : nl);
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('comment', close === -1 ? sql.length : close + 2);
    } else if (ch === "'") {
      const end = scanSingleQuoted(sql, i);
      push('string', end, decodeSnowflakeString(sql.slice(i + 1, end - 1)));
    } else if (ch === '$' && next === '$') {
      const close = sql.indexOf('$$', i + 2);
      const end = close === -1 ? sql.length : close + 2;
      push('string', end, sql.slice(i + 2, close === -1 ? sql.length : close));
    } else if (ch === '"') {
      const end = scanDoubleQuoted(sql, i);
      push('qident', end, sql.slice(i + 1, end - 1).replace(/""/g, '"'));
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < sql.length && WORD_CHAR.test(sql[end])) end++;
      push('word', end);
    } else if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(next))) {
      push('number', scanNumber(sql, i));
    } else if (ch === '?') {
      push('bind', i + 1, '?');
    } else if (ch === ':' && next !== ':' && (DIGIT.test(next) || WORD_START.test(next))) {
      let end = i + 2;
      while (end < sql.length && WORD_CHAR.test(sql[end])) end++;
      push('bind', end, sql.slice(i + 1, end));
    } else if (ch === '@') {
      push('stage', scanStageReference(sql, i));
    } else {
      const multi = MULTI_CHAR_PUNCT.find((p) => sql.startsWith(p, i));
      push('punct', i + (multi?.length ?? 1));
    }
  }
  return tokens;
}

function scanSingleQuoted(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
    else if (sql[i] === "'") return i + 1;
    else i++;
  }
  return sql.length;
}

function scanDoubleQuoted(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
    else if (sql[i] === '"') return i + 1;
    else i++;
  }
  return sql.length;
}

function scanNumber(sql: string, start: number): number {
  const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(start));
  return start + (match ? match[0].length : 1);
}

/** `@~/dir/`, `@%orders`, `@db.sc."My Stage"/path`: everything up to whitespace, `;`, `,` or `)`. */
function scanStageReference(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length && !/[\s;,)]/.test(sql[i])) {
    i = sql[i] === '"' ? scanDoubleQuoted(sql, i) : i + 1;
  }
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
};

/** Snowflake single-quoted strings understand backslash escapes and doubled quotes. */
export function decodeSnowflakeString(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (ch === '\\' && i + 1 < body.length) {
      const esc = body[i + 1];
      const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
      const hex = /^x([0-9a-fA-F]{2})/.exec(body.slice(i + 1));
      const unicode = /^u([0-9a-fA-F]{4})/.exec(body.slice(i + 1));
      if (octal) {
        out += String.fromCharCode(parseInt(octal[0], 8));
        i += 3;
      } else if (hex) {
        out += String.fromCharCode(parseInt(hex[1], 16));
        i += 3;
      } else if (unicode) {
        out += String.fromCharCode(parseInt(unicode[1], 16));
        i += 5;
      } else {
        out += SIMPLE_ESCAPES[esc] ?? esc;
        i++;
      }
    } else {
      out += ch;
    }
  }
  return out;
}

/** A DuckDB string literal (standard SQL: only the quote needs escaping). */
export function duckDbStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A DuckDB/Snowflake quoted identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Tokens that carry meaning (no whitespace or comments). */
export function significantTokens(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'ws' && t.kind !== 'comment');
}

/** True when `token` is the unquoted keyword `keyword` (case-insensitive). */
export function isKeyword(token: Token | undefined, ...keywords: string[]): boolean {
  return token?.kind === 'word' && keywords.includes(token.text.toUpperCase());
}

/**
 * The identifier as Snowflake resolves it: unquoted names fold to upper case, quoted names
 * keep their case.
 */
export function identifierName(token: Token): string {
  return token.kind === 'qident' ? token.value : token.text.toUpperCase();
}

/** Split on top-level `;`, dropping empty statements (Snowflake counts statements this way). */
export function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === ';') statements.push([]);
    else statements[statements.length - 1].push(token);
  }
  return statements.filter((s) => significantTokens(s).length > 0);
}
