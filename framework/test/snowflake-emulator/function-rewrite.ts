/**
 * Snowflake functions DuckDB lacks (or computes differently), translated call by call. This is
 * the emulator's whole function layer, kept explicit: one entry per Snowflake function, each
 * rendering the DuckDB expression that gives Snowflake's result for the inputs Strata's models
 * use. Two mechanisms:
 *
 * - token rewrites (TRANSLATIONS) for functions whose arguments are not plain values: a date
 *   part written as a bare word (`DATEADD(month, ...)`), a format that DuckDB needs as a
 *   constant (`TO_DATE(x, 'DD.MM.YYYY')` -> `strptime(x, '%d.%m.%Y')`), or SQL syntax DuckDB
 *   spells differently (`LISTAGG(...) WITHIN GROUP (ORDER BY ...)`);
 * - session macros (SESSION_MACROS) for functions that are plain expressions of their arguments
 *   (IFF, DIV0, NVL, ...), created as DuckDB TEMP macros in every session.
 *
 * DATE stays DATE: for day-or-larger parts, DATEADD and DATE_TRUNC results are cast back to DATE
 * (DuckDB returns TIMESTAMP). The emulator cannot see argument types, so a TIMESTAMP argument
 * with a day-or-larger part also comes back as a DATE (Snowflake would keep the TIMESTAMP); the
 * models Strata tests use DATE arguments there. Anything outside this list runs on DuckDB as
 * written.
 */
import { toStrftime } from '../../src/adapters/date-format.js';
import { unsupported } from './errors.js';
import { significantTokens, tokenizeSql, type Token } from './sql-tokens.js';

/** Snowflake date-part names and the aliases Strata's models may write. */
const DATE_PART_ALIASES: Record<string, string> = {
  year: 'year', years: 'year', y: 'year', yy: 'year', yyyy: 'year', yr: 'year', yrs: 'year',
  quarter: 'quarter', quarters: 'quarter', q: 'quarter', qtr: 'quarter', qtrs: 'quarter',
  month: 'month', months: 'month', mm: 'month', mon: 'month', mons: 'month',
  week: 'week', weeks: 'week', w: 'week', wk: 'week', weekofyear: 'week',
  day: 'day', days: 'day', d: 'day', dd: 'day', dayofmonth: 'day',
  hour: 'hour', hours: 'hour', h: 'hour', hh: 'hour', hr: 'hour', hrs: 'hour',
  minute: 'minute', minutes: 'minute', mi: 'minute', min: 'minute', mins: 'minute',
  second: 'second', seconds: 'second', s: 'second', sec: 'second', secs: 'second',
  millisecond: 'millisecond', ms: 'millisecond', msec: 'millisecond',
  microsecond: 'microsecond', us: 'microsecond', usec: 'microsecond',
};

/** Parts below a day: the result keeps its time of day (TIMESTAMP). */
const SUB_DAY_PARTS = new Set(['hour', 'minute', 'second', 'millisecond', 'microsecond']);

/** A piece of the output: SQL text (tokenized when emitted) or already-translated tokens. */
type Piece = string | Token[];

interface Call {
  name: string;
  /** Arguments, each translated recursively and trimmed (inner whitespace kept). */
  args: Token[][];
  /** The tokens of `ORDER BY ...` inside a trailing `WITHIN GROUP ( ... )`, when present. */
  withinGroupOrderBy?: Token[];
}

interface Translation {
  /** Argument counts accepted. */
  arity: number[];
  /** Consumes a trailing `WITHIN GROUP (ORDER BY ...)`. */
  withinGroup?: boolean;
  render(call: Call): Piece[];
}

function datePart(call: Call, index: number): string {
  const sig = significantTokens(call.args[index]);
  const raw = sig.length === 1 && (sig[0].kind === 'word' || sig[0].kind === 'string') ? sig[0].value : undefined;
  const part = raw === undefined ? undefined : DATE_PART_ALIASES[raw.toLowerCase()];
  if (!part) throw unsupported(`${call.name} with date part ${call.args[index].map((t) => t.text).join('').trim()}`);
  return part;
}

/** The text of a constant string argument (formats must be constants: DuckDB's strptime needs one). */
function constantString(call: Call, index: number): string {
  const sig = significantTokens(call.args[index]);
  if (sig.length !== 1 || sig[0].kind !== 'string') throw unsupported(`${call.name} with a non-constant format`);
  return sig[0].value;
}

/** A Snowflake string literal: the output is tokenized again and re-encoded for DuckDB later. */
const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const wrap = (arg: Token[]): Piece[] => ['(', arg, ')'];

/** `d + INTERVAL (n) part`, with week and quarter in DuckDB's basic units. */
function addInterval(part: string, amount: Token[], date: Token[]): Piece[] {
  if (part === 'week') return [...wrap(date), ' + INTERVAL (7 * (', amount, ')) DAY'];
  if (part === 'quarter') return [...wrap(date), ' + INTERVAL (3 * (', amount, ')) MONTH'];
  return [...wrap(date), ' + INTERVAL (', amount, `) ${part.toUpperCase()}`];
}

const asDateUnlessSubDay = (part: string, expr: Piece[]): Piece[] =>
  SUB_DAY_PARTS.has(part) ? ['(', ...expr, ')'] : ['CAST(', ...expr, ' AS DATE)'];

const TO_DATE: Translation = {
  arity: [1, 2],
  render: (c) =>
    c.args.length === 1
      ? ['CAST(', c.args[0], ' AS DATE)']
      : ['CAST(STRPTIME(', c.args[0], `, ${literal(toStrftime(constantString(c, 1)))}) AS DATE)`],
};

const TRY_TO_DATE: Translation = {
  arity: [1, 2],
  render: (c) =>
    c.args.length === 1
      ? ['TRY_CAST(', c.args[0], ' AS DATE)']
      : ['CAST(TRY_STRPTIME(', c.args[0], `, ${literal(toStrftime(constantString(c, 1)))}) AS DATE)`],
};

const TO_CHAR: Translation = {
  arity: [1, 2],
  render: (c) =>
    c.args.length === 1
      ? ['CAST(', c.args[0], ' AS VARCHAR)']
      : ['STRFTIME(', c.args[0], `, ${literal(toStrftime(constantString(c, 1)))})`],
};

const DATEADD: Translation = {
  arity: [3],
  render: (c) => {
    const part = datePart(c, 0);
    return asDateUnlessSubDay(part, addInterval(part, c.args[1], c.args[2]));
  },
};

const DATEDIFF: Translation = {
  arity: [3],
  render: (c) => [`DATE_DIFF(${literal(datePart(c, 0))}, `, c.args[1], ', ', c.args[2], ')'],
};

const DATE_TRUNC: Translation = {
  arity: [2],
  render: (c) => {
    const part = datePart(c, 0);
    return asDateUnlessSubDay(part, [`DATE_TRUNC(${literal(part)}, `, c.args[1], ')']);
  },
};

/** `LISTAGG([DISTINCT] x [, sep]) [WITHIN GROUP (ORDER BY ...)]`; Snowflake's default separator is ''. */
const LISTAGG: Translation = {
  arity: [1, 2],
  withinGroup: true,
  render: (c) => ['STRING_AGG(', c.args[0], ', ', c.args[1] ?? "''", ...(c.withinGroupOrderBy ? [' ', c.withinGroupOrderBy] : []), ')'],
};

const ARRAY_AGG: Translation = {
  arity: [1],
  withinGroup: true,
  render: (c) => ['ARRAY_AGG(', c.args[0], ...(c.withinGroupOrderBy ? [' ', c.withinGroupOrderBy] : []), ')'],
};

/** `CURRENT_TIMESTAMP()`: DuckDB only knows the keyword form. */
const keywordForm = (keyword: string): Translation => ({ arity: [0], render: () => [keyword] });

/** Snowflake's MONTHNAME/DAYNAME are three-letter abbreviations; DuckDB's are full names. */
const abbreviatedName = (format: string): Translation => ({ arity: [1], render: (c) => ['STRFTIME(', c.args[0], `, ${literal(format)})`] });

export const TRANSLATIONS: Record<string, Translation> = {
  TO_DATE,
  DATE: TO_DATE,
  TRY_TO_DATE,
  TO_CHAR,
  TO_VARCHAR: TO_CHAR,
  DATEADD,
  DATEDIFF,
  DATE_TRUNC,
  LISTAGG,
  ARRAY_AGG,
  CURRENT_TIMESTAMP: keywordForm('CURRENT_TIMESTAMP'),
  CURRENT_DATE: keywordForm('CURRENT_DATE'),
  MONTHNAME: abbreviatedName('%b'),
  DAYNAME: abbreviatedName('%a'),
};

/**
 * Plain-expression functions as DuckDB TEMP macros, created in every session (TEMP macros are
 * per connection and visible from every database, so views that call them work in any session).
 */
export const SESSION_MACROS: string[] = [
  'CREATE OR REPLACE TEMP MACRO IFF(cond, when_true, when_false) AS CASE WHEN cond THEN when_true ELSE when_false END',
  'CREATE OR REPLACE TEMP MACRO DIV0(dividend, divisor) AS CASE WHEN divisor = 0 THEN 0 ELSE dividend / divisor END',
  'CREATE OR REPLACE TEMP MACRO DIV0NULL(dividend, divisor) AS CASE WHEN divisor = 0 OR divisor IS NULL THEN 0 ELSE dividend / divisor END',
  'CREATE OR REPLACE TEMP MACRO NVL(value, fallback) AS COALESCE(value, fallback)',
  'CREATE OR REPLACE TEMP MACRO NVL2(value, when_not_null, when_null) AS CASE WHEN value IS NOT NULL THEN when_not_null ELSE when_null END',
  'CREATE OR REPLACE TEMP MACRO ZEROIFNULL(value) AS COALESCE(value, 0)',
  'CREATE OR REPLACE TEMP MACRO NULLIFZERO(value) AS NULLIF(value, 0)',
  'CREATE OR REPLACE TEMP MACRO EQUAL_NULL(a, b) AS a IS NOT DISTINCT FROM b',
  'CREATE OR REPLACE TEMP MACRO BOOLOR_AGG(value) AS BOOL_OR(value)',
  'CREATE OR REPLACE TEMP MACRO BOOLAND_AGG(value) AS BOOL_AND(value)',
];

function isSignificant(t: Token): boolean {
  return t.kind !== 'ws' && t.kind !== 'comment';
}

function nextSignificantIndex(tokens: Token[], from: number): number {
  for (let j = from; j < tokens.length; j++) if (isSignificant(tokens[j])) return j;
  return -1;
}

function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].kind !== 'punct') continue;
    if (tokens[j].text === '(') depth++;
    else if (tokens[j].text === ')' && --depth === 0) return j;
  }
  throw unsupported('unbalanced parentheses');
}

/** Without leading and trailing whitespace and comments. */
function trim(tokens: Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && !isSignificant(tokens[start])) start++;
  while (end > start && !isSignificant(tokens[end - 1])) end--;
  return tokens.slice(start, end);
}

/** Split the tokens between a call's parentheses on top-level commas (each argument trimmed). */
function splitArguments(inner: Token[]): Token[][] {
  if (!inner.some(isSignificant)) return [];
  const args: Token[][] = [[]];
  let depth = 0;
  for (const t of inner) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') args.push([]);
    else args[args.length - 1].push(t);
  }
  return args.map(trim);
}

const countNewlines = (tokens: Token[]) => tokens.reduce((n, t) => n + (t.text.match(/\n/g)?.length ?? 0), 0);

const isWord = (t: Token | undefined, word: string) => t?.kind === 'word' && t.text.toUpperCase() === word;

/** `WITHIN GROUP ( ORDER BY ... )` starting at `from`: the ORDER BY tokens and the index of `)`. */
function readWithinGroup(tokens: Token[], from: number): { orderBy: Token[]; end: number } | undefined {
  const within = nextSignificantIndex(tokens, from);
  if (!isWord(tokens[within], 'WITHIN')) return undefined;
  const group = nextSignificantIndex(tokens, within + 1);
  const open = nextSignificantIndex(tokens, group + 1);
  if (!isWord(tokens[group], 'GROUP') || tokens[open]?.text !== '(') throw unsupported('WITHIN without GROUP (...)');
  const close = closingParen(tokens, open);
  return { orderBy: translateSnowflakeFunctions(tokens.slice(open + 1, close)), end: close };
}

function emit(pieces: Piece[]): Token[] {
  return pieces.flatMap((p) => (typeof p === 'string' ? tokenizeSql(p) : p));
}

/**
 * Replace every call of a function in TRANSLATIONS by its DuckDB rendering (recursively, so
 * nested calls translate too). Tokens in, tokens out; whitespace inside arguments is kept, so
 * error line numbers still match the statement the client sent.
 */
export function translateSnowflakeFunctions(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let previous: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const translation = t.kind === 'word' && previous?.text !== '.' ? TRANSLATIONS[t.text.toUpperCase()] : undefined;
    const open = translation ? nextSignificantIndex(tokens, i + 1) : -1;
    if (!translation || tokens[open]?.text !== '(') {
      out.push(t);
      if (isSignificant(t)) previous = t;
      continue;
    }
    const close = closingParen(tokens, open);
    const call: Call = { name: t.text.toUpperCase(), args: splitArguments(tokens.slice(open + 1, close)).map(translateSnowflakeFunctions) };
    if (!translation.arity.includes(call.args.length)) {
      throw unsupported(`${call.name} with ${call.args.length} argument${call.args.length === 1 ? '' : 's'}`);
    }
    let end = close;
    if (translation.withinGroup) {
      const within = readWithinGroup(tokens, close + 1);
      if (within) {
        call.withinGroupOrderBy = within.orderBy;
        end = within.end;
      }
    }
    const rendered = emit(translation.render(call));
    // Line breaks dropped with whitespace or a constant argument come back after the call, so
    // the lines after it keep their numbers (the warehouse error names a line of the model).
    const lost = countNewlines(tokens.slice(i, end + 1)) - countNewlines(rendered);
    out.push(...rendered);
    if (lost > 0) out.push({ kind: 'ws', text: '\n'.repeat(lost), value: '\n'.repeat(lost) });
    previous = rendered[rendered.length - 1];
    i = end;
  }
  return out;
}
