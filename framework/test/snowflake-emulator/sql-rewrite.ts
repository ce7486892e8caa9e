/**
 * The emulator's whole Snowflake -> DuckDB translation of ordinary statements. It is kept
 * deliberately mechanical (anything semantic belongs in the adapter's dialect):
 *
 * - unquoted words are upper-cased, which gives Snowflake's identifier folding for free: DuckDB
 *   stores `create table orders` as `ORDERS` and reports `select 1 as x` as column `X`, while
 *   keywords and function names stay valid because DuckDB ignores their case;
 * - Snowflake string literals (backslash escapes, `$$...$$`) are re-encoded as DuckDB literals;
 * - type names only Snowflake knows are mapped where a type is expected (`::T`, `CAST(x AS T)`,
 *   column definitions): NUMBER, TIMESTAMP_NTZ/LTZ/TZ, FLOAT (a double in Snowflake), ...;
 * - `TRANSIENT`/`SECURE` are dropped from CREATE, temporary tables lose their qualifier;
 * - `INFORMATION_SCHEMA` points at the emulated, Snowflake-shaped views (see catalog.ts);
 * - `?`, `:1` and `:name` placeholders become DuckDB `$n` parameters;
 * - `RENAME TO db.schema.name` keeps only the name (DuckDB renames in place);
 * - Snowflake functions DuckDB lacks are translated first (function-rewrite.ts).
 */
import { unsupported } from './errors.js';
import { translateSnowflakeFunctions } from './function-rewrite.js';
import { duckDbStringLiteral, identifierName, isKeyword, significantTokens, type Token } from './sql-tokens.js';

/** One bind as received in the query request (`bindings: {"1": {type, value}}`). */
export interface BindValue {
  type: string;
  value: string | null | (string | null)[];
}

export interface RewrittenSql {
  sql: string;
  /** Bind keys in DuckDB `$1..$n` order. */
  paramKeys: string[];
}

const INTEGER_TYPES = new Set(['INT', 'INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'BYTEINT']);
const FLOAT_TYPES = new Set(['FLOAT', 'FLOAT4', 'FLOAT8', 'REAL', 'DOUBLE']);
const TEXT_TYPES = new Set(['STRING', 'TEXT', 'VARCHAR', 'CHAR', 'CHARACTER', 'NCHAR', 'NVARCHAR', 'NVARCHAR2']);
const DECIMAL_TYPES = new Set(['NUMBER', 'NUMERIC', 'DECIMAL', 'DEC']);

/**
 * DuckDB spelling of a Snowflake type name, and whether a following `(n)` must be dropped
 * (DuckDB has no `TIMESTAMP(9)` and ignores VARCHAR lengths anyway).
 */
function translateType(upper: string, hasArgs: boolean): { text: string; dropArgs: boolean } | null {
  if (DECIMAL_TYPES.has(upper)) return { text: hasArgs ? 'DECIMAL' : 'DECIMAL(38,0)', dropArgs: false };
  if (INTEGER_TYPES.has(upper)) return { text: 'BIGINT', dropArgs: false };
  if (FLOAT_TYPES.has(upper)) return { text: 'DOUBLE', dropArgs: false };
  if (TEXT_TYPES.has(upper)) return { text: 'VARCHAR', dropArgs: true };
  if (upper === 'TIMESTAMP_NTZ' || upper === 'DATETIME' || upper === 'TIMESTAMP') return { text: 'TIMESTAMP', dropArgs: true };
  if (upper === 'TIMESTAMP_LTZ' || upper === 'TIMESTAMP_TZ') return { text: 'TIMESTAMPTZ', dropArgs: true };
  if (upper === 'TIME') return { text: 'TIME', dropArgs: true };
  if (upper === 'VARIANT' || upper === 'OBJECT' || upper === 'ARRAY') return { text: 'JSON', dropArgs: false };
  if (upper === 'BINARY' || upper === 'VARBINARY') return { text: 'BLOB', dropArgs: true };
  return null;
}

interface ParenFrame {
  /** `cast`: `AS` introduces a type; `columns`: a CREATE TABLE column list. */
  role: 'cast' | 'columns' | 'other';
  /** Column-list state: next word is a column name, then its type, then the rest. */
  expect: 'name' | 'type' | 'rest';
}

/** Word tokens that stand where a type is expected. */
function findTypePositions(sig: Token[]): Set<Token> {
  const types = new Set<Token>();
  const stack: ParenFrame[] = [];
  const columnListAt = columnListIndex(sig);
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const prev = sig[i - 1];
    const top = stack[stack.length - 1];
    if (t.kind === 'punct' && t.text === '(') {
      const owner = prev?.kind === 'word' ? prev.text.toUpperCase() : '';
      let role: ParenFrame['role'] = 'other';
      if (owner === 'CAST' || owner === 'TRY_CAST') role = 'cast';
      else if (i === columnListAt) role = 'columns';
      stack.push({ role, expect: 'name' });
      continue;
    }
    if (t.kind === 'punct' && t.text === ')') {
      stack.pop();
      continue;
    }
    if (t.kind === 'punct' && t.text === ',' && top?.role === 'columns') {
      top.expect = 'name';
      continue;
    }
    if (t.kind !== 'word' && t.kind !== 'qident') continue;
    if (t.kind === 'word' && prev?.kind === 'punct' && prev.text === '::') types.add(t);
    else if (t.kind === 'word' && top?.role === 'cast' && isKeyword(prev, 'AS')) types.add(t);
    else if (top?.role === 'columns' && top.expect === 'name') top.expect = 'type';
    else if (top?.role === 'columns' && top.expect === 'type') {
      if (t.kind === 'word') types.add(t);
      top.expect = 'rest';
    } else if (t.kind === 'word' && isAddColumnType(sig, i)) types.add(t);
  }
  return types;
}

/** Index of the `(` opening the column list of `CREATE ... TABLE [IF NOT EXISTS] name (`, or -1. */
function columnListIndex(sig: Token[]): number {
  if (!isKeyword(sig[0], 'CREATE')) return -1;
  const tableAt = sig.findIndex((t) => isKeyword(t, 'TABLE'));
  if (tableAt === -1) return -1;
  const nameAt = isKeyword(sig[tableAt + 1], 'IF') ? tableAt + 4 : tableAt + 1;
  const end = readQualifiedName(sig, nameAt).end;
  return sig[end]?.kind === 'punct' && sig[end].text === '(' ? end : -1;
}

/** `ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] name TYPE`: true for the TYPE token. */
function isAddColumnType(sig: Token[], i: number): boolean {
  if (!isKeyword(sig[0], 'ALTER')) return false;
  let j = i - 2;
  while (j >= 0 && isKeyword(sig[j], 'COLUMN', 'EXISTS', 'NOT', 'IF')) j--;
  return j >= 0 && isKeyword(sig[j], 'ADD');
}

/** Keywords between CREATE [OR REPLACE] and the object kind that DuckDB does not know. */
const DROPPED_CREATE_MODIFIERS = new Set(['TRANSIENT', 'SECURE', 'LOCAL', 'GLOBAL']);

/**
 * Rewrite one Snowflake statement (tokens without the trailing `;`) into DuckDB SQL.
 * `bindings` resolves placeholders; named placeholders without a binding are left alone.
 */
export function rewriteForDuckDb(snowflakeTokens: Token[], bindings: Record<string, BindValue> | undefined): RewrittenSql {
  const tokens = translateSnowflakeFunctions(snowflakeTokens);
  const sig = significantTokens(tokens);
  const typePositions = findTypePositions(sig);
  const createModifiers = createModifierTokens(sig);
  const collapsed = collapsedRenameTargetParts(sig);
  const temporaryName = temporaryTableQualifier(sig);
  const paramKeys: string[] = [];
  let positional = 0;
  let out = '';
  let skipArgsFrom = -1;

  const paramFor = (key: string) => {
    let index = paramKeys.indexOf(key);
    if (index === -1) index = paramKeys.push(key) - 1;
    return `$${index + 1}`;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (skipArgsFrom !== -1) {
      // Inside a dropped `(n)` after a type name.
      if (t.kind === 'punct' && t.text === ')') skipArgsFrom = -1;
      continue;
    }
    if (createModifiers.has(t)) {
      const upper = t.text.toUpperCase();
      out += upper === 'VOLATILE' ? 'TEMPORARY' : DROPPED_CREATE_MODIFIERS.has(upper) ? '' : upper;
      continue;
    }
    if (collapsed.has(t) || temporaryName.has(t)) continue;
    switch (t.kind) {
      case 'word': {
        const upper = t.text.toUpperCase();
        if (typePositions.has(t)) {
          const nextSig = nextSignificant(tokens, i);
          const hasArgs = nextSig?.kind === 'punct' && nextSig.text === '(';
          const mapped = translateType(upper, hasArgs);
          out += mapped?.text ?? upper;
          if (mapped?.dropArgs && hasArgs) skipArgsFrom = i;
        } else if (upper === 'INFORMATION_SCHEMA' && nextSignificant(tokens, i)?.text === '.') {
          out += 'SF_INFORMATION_SCHEMA';
        } else {
          out += upper;
        }
        break;
      }
      case 'qident':
        out += t.value === 'INFORMATION_SCHEMA' ? '"SF_INFORMATION_SCHEMA"' : t.text;
        break;
      case 'string':
        out += duckDbStringLiteral(t.value);
        break;
      case 'comment':
        out += t.text.startsWith('//') ? `--${t.text.slice(2)}` : t.text;
        break;
      case 'bind': {
        if (t.value === '?') out += paramFor(String(++positional));
        else if (/^\d+$/.test(t.value)) out += paramFor(t.value);
        else if (bindings && t.value in bindings) out += paramFor(t.value);
        else out += t.text;
        break;
      }
      default:
        out += t.text;
    }
  }
  return { sql: out, paramKeys };
}

function nextSignificant(tokens: Token[], i: number): Token | undefined {
  for (let j = i + 1; j < tokens.length; j++) {
    if (tokens[j].kind !== 'ws' && tokens[j].kind !== 'comment') return tokens[j];
  }
  return undefined;
}

/** The modifier words of `CREATE [OR REPLACE] <modifiers> TABLE|VIEW|SCHEMA|DATABASE|STAGE`. */
function createModifierTokens(sig: Token[]): Set<Token> {
  const found = new Set<Token>();
  if (!isKeyword(sig[0], 'CREATE')) return found;
  let i = 1;
  if (isKeyword(sig[1], 'OR') && isKeyword(sig[2], 'REPLACE')) i = 3;
  while (i < sig.length && isKeyword(sig[i], 'TRANSIENT', 'SECURE', 'LOCAL', 'GLOBAL', 'VOLATILE')) {
    found.add(sig[i]);
    i++;
  }
  return found;
}

/** Dotted name parts starting at `start`: tokens of the name, and the index after it. */
export function readQualifiedName(sig: Token[], start: number): { parts: Token[]; tokens: Token[]; end: number } {
  const parts: Token[] = [];
  const tokens: Token[] = [];
  let i = start;
  while (i < sig.length && (sig[i].kind === 'word' || sig[i].kind === 'qident')) {
    parts.push(sig[i]);
    tokens.push(sig[i]);
    i++;
    if (sig[i]?.kind === 'punct' && sig[i].text === '.') {
      tokens.push(sig[i]);
      i++;
    } else break;
  }
  return { parts, tokens, end: i };
}

/** In `ALTER TABLE|VIEW a.b.c RENAME TO x.y.z`, the `x.y.` tokens DuckDB cannot parse. */
function collapsedRenameTargetParts(sig: Token[]): Set<Token> {
  const dropped = new Set<Token>();
  if (!isKeyword(sig[0], 'ALTER') || !isKeyword(sig[1], 'TABLE', 'VIEW')) return dropped;
  const renameAt = sig.findIndex((t, i) => isKeyword(t, 'RENAME') && isKeyword(sig[i + 1], 'TO'));
  if (renameAt === -1) return dropped;
  const sourceStart = isKeyword(sig[2], 'IF') ? 4 : 2;
  const source = readQualifiedName(sig, sourceStart).parts.map(identifierName);
  const target = readQualifiedName(sig, renameAt + 2);
  const targetParts = target.parts.map(identifierName);
  // Qualifiers given on both sides must agree: DuckDB can only rename within a schema.
  const sourceQualifiers = source.slice(0, -1).reverse();
  const targetQualifiers = targetParts.slice(0, -1).reverse();
  targetQualifiers.forEach((q, k) => {
    if (sourceQualifiers[k] !== undefined && sourceQualifiers[k] !== q) {
      throw unsupported('ALTER ... RENAME TO another schema or database');
    }
  });
  target.tokens.slice(0, -1).forEach((t) => dropped.add(t));
  return dropped;
}

/** `CREATE TEMPORARY TABLE db.sc.t`: DuckDB keeps temporary tables in its own catalog. */
function temporaryTableQualifier(sig: Token[]): Set<Token> {
  const dropped = new Set<Token>();
  if (!isKeyword(sig[0], 'CREATE')) return dropped;
  const tableAt = sig.findIndex((t) => isKeyword(t, 'TABLE'));
  if (tableAt === -1 || !sig.slice(1, tableAt).some((t) => isKeyword(t, 'TEMP', 'TEMPORARY', 'VOLATILE'))) return dropped;
  let nameAt = tableAt + 1;
  if (isKeyword(sig[nameAt], 'IF')) nameAt += 3;
  const name = readQualifiedName(sig, nameAt);
  name.tokens.slice(0, -1).forEach((t) => dropped.add(t));
  return dropped;
}
