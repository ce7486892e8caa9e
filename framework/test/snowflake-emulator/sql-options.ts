/**
 * Parser for Snowflake's `KEY = value` option lists, as used by COPY INTO, CREATE STAGE and
 * FILE_FORMAT = ( TYPE = CSV SKIP_HEADER = 1 NULL_IF = ('', 'NULL') ... ).
 */
import type { Token } from './sql-tokens.js';
import { unsupported } from './errors.js';

/** A scalar (word, number or decoded string), a list `( a, b )`, or a nested option group. */
export type OptionValue = string | OptionValue[] | OptionMap;
export interface OptionMap {
  [key: string]: OptionValue;
}

/**
 * Parse `KEY = value` pairs from `sig[start]` up to `end` (exclusive). Keys are upper-cased;
 * unquoted scalar values are upper-cased too (TRUE, CSV, ABORT_STATEMENT), strings keep case.
 */
export function parseOptions(sig: Token[], start: number, end = sig.length): OptionMap {
  const options: OptionMap = {};
  let i = start;
  while (i < end) {
    const key = sig[i];
    if (key.kind === 'punct' && key.text === ',') {
      i++;
      continue;
    }
    if (key.kind !== 'word' || sig[i + 1]?.text !== '=') {
      throw unsupported(`option syntax near '${key.text}'`);
    }
    const parsed = parseValue(sig, i + 2, end);
    options[key.text.toUpperCase()] = parsed.value;
    i = parsed.next;
  }
  return options;
}

function parseValue(sig: Token[], i: number, end: number): { value: OptionValue; next: number } {
  const t = sig[i];
  if (!t || i >= end) throw unsupported('option without a value');
  if (t.kind === 'punct' && t.text === '(') {
    const close = matchingParen(sig, i);
    const inner = sig.slice(i + 1, close);
    const looksLikeOptions = inner.length >= 2 && inner[0].kind === 'word' && inner[1].text === '=';
    return { value: looksLikeOptions ? parseOptions(inner, 0) : parseList(inner), next: close + 1 };
  }
  if (t.kind === 'string') return { value: t.value, next: i + 1 };
  if (t.kind === 'punct' && t.text === '-' && sig[i + 1]?.kind === 'number') {
    return { value: `-${sig[i + 1].text}`, next: i + 2 };
  }
  // Qualified names (FORMAT_NAME = db.sc.fmt) arrive as word . word . word.
  let text = t.kind === 'qident' ? t.value : t.text.toUpperCase();
  let next = i + 1;
  while (sig[next]?.text === '.' && sig[next + 1] && next + 1 < end) {
    const part = sig[next + 1];
    text += `.${part.kind === 'qident' ? part.value : part.text.toUpperCase()}`;
    next += 2;
  }
  return { value: text, next };
}

function parseList(inner: Token[]): OptionValue[] {
  const values: OptionValue[] = [];
  let i = 0;
  while (i < inner.length) {
    if (inner[i].kind === 'punct' && inner[i].text === ',') {
      i++;
      continue;
    }
    const parsed = parseValue(inner, i, inner.length);
    values.push(parsed.value);
    i = parsed.next;
  }
  return values;
}

/** Index of the `)` closing the `(` at `open`. */
export function matchingParen(sig: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < sig.length; i++) {
    if (sig[i].kind !== 'punct') continue;
    if (sig[i].text === '(') depth++;
    else if (sig[i].text === ')' && --depth === 0) return i;
  }
  throw unsupported('unbalanced parentheses');
}

/** Option value as a scalar string, or undefined. */
export function scalarOption(options: OptionMap, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}

/** TRUE/FALSE option with a default. */
export function booleanOption(options: OptionMap, key: string, fallback: boolean): boolean {
  const value = scalarOption(options, key);
  return value === undefined ? fallback : value.toUpperCase() === 'TRUE';
}

/** A list option (`NULL_IF = ('', 'NULL')`); a scalar becomes a one-element list. */
export function listOption(options: OptionMap, key: string): string[] | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}
