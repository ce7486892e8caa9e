/**
 * A reader for the plain shape of YAML that schema files are written in: block mappings and
 * sequences, one-line plain and quoted scalars, one-line flow lists and mappings of scalars,
 * comments. It gives exactly what the `yaml` package gives (`toJS()` of the document, and the line
 * of every key and item for diagnostics) about twenty times faster, which matters at thousands of
 * schema entries.
 *
 * Anything else (block scalars `|` `>`, multi-line scalars, anchors, aliases, tags, quoted keys,
 * escapes in double quotes, nested flow collections, duplicate keys, tabs, `---`, a key that is
 * not a plain word...) makes it decline, and the `yaml` package parses the file: errors and their
 * messages always come from there. yaml-fast.test.ts compares both on every YAML file of the
 * repository and on crafted cases.
 */

import { exactArray } from '../arrays.js';

/**
 * Where a parsed value sits, for `lineOf`: a scalar is just its line; a mapping keeps its value
 * (whose keys are in file order: no key reads as an array index) and, for its i-th key, the key's
 * line and the value's shape at 2i and 2i + 1 of `entries`; a one-line flow collection keeps its
 * value (each of its items and keys is on its line). Lean on purpose: a schema file has a shape
 * node per value, and every object made here lives as long as the parse.
 */
type Shape = number | MapShape | SeqShape | FlowShape;
interface MapShape { kind: 'map'; line: number; value: Record<string, unknown>; entries: Shape[] }
interface SeqShape { kind: 'seq'; line: number; items: Shape[] }
interface FlowShape { kind: 'flow'; line: number; flow: unknown[] | Record<string, unknown> }

export interface FastYaml {
  value: unknown;
  lineOf(path: (string | number)[]): number | undefined;
}

class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

// The YAML 1.2 core schema as the `yaml` package resolves plain scalars (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function resolvePlain(text: string): unknown {
  // Every pattern above starts with ~, a digit, a sign, a dot or one of n N t T f F (or matches
  // the empty text): any other letter, or _, starts a string; a word starting with n, t or f is
  // null or a boolean only when it is one of their spellings (nothing numeric starts with a letter).
  const first = text.charCodeAt(0);
  const c = first | 0x20; // ASCII letters to lower case
  if ((c >= 97 && c <= 122) || first === 95) {
    if (c === 110) return text === 'null' || text === 'Null' || text === 'NULL' ? null : text;
    if (c === 116) return text === 'true' || text === 'True' || text === 'TRUE' ? true : text;
    if (c === 102) return text === 'false' || text === 'False' || text === 'FALSE' ? false : text;
    return text;
  }
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** A key: a plain word that resolves to itself (not null, a boolean or a number). */
const KEY = /^[A-Za-z_+][A-Za-z0-9_+\-.]*$/;

/** Keys already checked (a schema file repeats a handful of keys thousands of times). */
const goodKeys = new Set<string>();

/**
 * Checked keys by length, a few of each: a block mapping's key found here is taken as the string
 * already held, without cutting it from the text and looking the cut up (160k keys at 10k models).
 */
const keysByLength: string[][] = [];

/** The key text[start, end) of a block mapping, checked. */
function keyAt(text: string, start: number, end: number): string {
  const known = keysByLength[end - start];
  if (known !== undefined) for (let k = 0; k < known.length; k++) if (text.startsWith(known[k], start)) return known[k];
  const key = checkKey(text.slice(start, end));
  if (key.length < 64) {
    const list = (keysByLength[key.length] ??= []);
    if (list.length < 8) list.push(key);
  }
  return key;
}

function checkKey(key: string): string {
  if (goodKeys.has(key)) return key;
  if (!KEY.test(key) || key === '__proto__' || resolvePlain(key) !== key) decline();
  if (goodKeys.size >= 10_000) goodKeys.clear();
  goodKeys.add(key);
  return key;
}

/**
 * Characters that may not start a plain scalar here: the indicators and the space (other white
 * space makes the whole file decline: OTHER_SPACE).
 */
const NOT_PLAIN_START = new Uint8Array(128);
for (const ch of "-?:,[]{}#&*!|>'\"%@` ") NOT_PLAIN_START[ch.charCodeAt(0)] = 1;

/** A value written on one line (`line`) after `key: ` or `- ` (comments stripped); its shape goes to `out.shape`. */
function inlineValue(text: string, line: number, out: { shape: Shape }): unknown {
  const first = text[0];
  if (first === '[' || first === '{') {
    const value = flowCollection(text) as unknown[] | Record<string, unknown>;
    out.shape = { kind: 'flow', line, flow: value };
    return value;
  }
  out.shape = line;
  if (first === "'" || first === '"') {
    const { value, end } = quoted(text, 0);
    rest(text.slice(end));
    return value;
  }
  return plainScalar(text, false);
}

/** Only spaces and a comment (after a space) may follow a value. */
function rest(text: string): void {
  const trimmed = text.trimStart();
  if (trimmed === '') return;
  if (!trimmed.startsWith('#') || trimmed.length === text.length) decline();
}

/**
 * A plain scalar ending at ` #` (comment) or the end; in flow context, `,` `]` `}` end it too.
 * One pass over its characters (spaces are the only white space a line here can hold).
 */
function plainScalar(text: string, flow: boolean): unknown {
  const first = text.charCodeAt(0);
  if (text.length === 0 || (first < 128 && NOT_PLAIN_START[first] === 1)) decline();
  let end = text.length;
  for (let k = 1; k < end; k++) {
    if (text.charCodeAt(k) === HASH && text.charCodeAt(k - 1) === SP) {
      end = k - 1;
      break;
    }
  }
  while (end > 0 && text.charCodeAt(end - 1) === SP) end--;
  for (let k = 0; k < end; k++) {
    const ch = text.charCodeAt(k);
    // `a: b` inside a value is a nested mapping (an error); a value ending in `:` likewise.
    if (ch === COLON && (k + 1 === end || text.charCodeAt(k + 1) === SP)) decline();
    if (flow && (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125)) decline(); // , [ ] { }
  }
  return resolvePlain(end === text.length ? text : text.slice(0, end));
}

/** A quoted scalar starting at `start` on one line: single quotes with '' escapes, double quotes without escapes. */
function quoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let i = start + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) decline();
    value += text.slice(i, close);
    if (quote === "'" && text[close + 1] === "'") {
      value += "'";
      i = close + 2;
      continue;
    }
    if (quote === '"' && value.includes('\\')) decline();
    return { value, end: close + 1 };
  }
}

/** The first offset at or after `i` that is not a space. */
function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === SP) i++;
  return i;
}

/** `[a, 'b']` or `{ k: v, k2: 'w' }` on one line, of scalars only. */
function flowCollection(text: string): unknown {
  const list = text[0] === '[';
  const closeChar = list ? ']' : '}';
  let i = skipSpaces(text, 1);
  if (text[i] === closeChar) {
    rest(text.slice(i + 1));
    return list ? [] : {};
  }
  const items: unknown[] = [];
  const map: Record<string, unknown> = {};
  for (;;) {
    i = skipSpaces(text, i);
    let key: string | undefined;
    if (!list) {
      const colon = text.indexOf(':', i);
      if (colon < 0 || text[colon + 1] !== ' ') decline();
      key = checkKey(text.slice(i, colon).trim());
      if (Object.hasOwn(map, key)) decline();
      i = skipSpaces(text, colon + 1);
    }
    let value: unknown;
    const c = text[i];
    if (c === "'" || c === '"') {
      const q = quoted(text, i);
      value = q.value;
      i = skipSpaces(text, q.end);
    } else {
      if (c === '[' || c === '{') decline(); // nested flow collections
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== closeChar) end++;
      const raw = text.slice(i, end);
      if (raw.includes('#') || raw.trim() === '') decline();
      value = plainScalar(raw.trim(), true);
      i = end;
    }
    if (list) items.push(value);
    else map[key!] = value;
    if (text[i] === ',') {
      i = skipSpaces(text, i + 1);
      if (text[i] === closeChar) decline(); // a trailing comma
      continue;
    }
    if (text[i] !== closeChar) decline();
    rest(text.slice(i + 1));
    return list ? exactArray(items) : map;
  }
}

/**
 * White space other than the space and the line break: YAML reads it as text where JS's `\s` and
 * `trim` (which this reader's helpers use) read it as space, so a file holding any of it declines.
 * The two-byte characters are one test (instant on a one-byte string); the others are searched.
 */
const OTHER_SPACE = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const OTHER_SPACE_CHARS = ['\t', '\r', '\v', '\f', '\u00a0', '\uFEFF'];

/** Characters that may not start a key (the space among them). */
const NOT_KEY_START = new Set([...' :#\'"[]{},'].map((c) => c.charCodeAt(0)));

/** A block scalar's header after `key:`: `>`, `>-`, `|` or `|-`, and perhaps a comment. */
const BLOCK_HEADER = /^([>|]-?)(?:\s+#.*)?$/;

const HASH = 35; // #
const COLON = 58;
const DASH = 45; // -
const SP = 32;

/**
 * The lines that hold something (not blank, not only a comment), four numbers each: the line's
 * number (1-based), its indentation, and the offsets where its text starts (after the
 * indentation) and ends (before trailing spaces). No string per line: a schema file at 10k
 * models has ~150k lines, and strings and objects per line were most of the reader's garbage.
 */
class Lines {
  data = new Int32Array(4096);
  count = 0;

  push(no: number, indent: number, start: number, end: number): void {
    if ((this.count + 1) * 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.count++ * 4;
    this.data[at] = no;
    this.data[at + 1] = indent;
    this.data[at + 2] = start;
    this.data[at + 3] = end;
  }
}

class Reader {
  private i = 0;
  private readonly count: number;
  private readonly data: Int32Array;
  /** The file's lines as written (block scalars read them), split when first needed. */
  private raw: string[] | undefined;
  /** Set by `entry`: where the key ends (its colon) and where the value after it starts. */
  private keyEnd = 0;
  private valueStart = 0;

  constructor(
    private readonly text: string,
    lines: Lines,
  ) {
    this.count = lines.count;
    this.data = lines.data;
  }

  private no(i: number): number {
    return this.data[i * 4];
  }

  private indent(i: number): number {
    return this.data[i * 4 + 1];
  }

  private start(i: number): number {
    return this.data[i * 4 + 2];
  }

  private end(i: number): number {
    return this.data[i * 4 + 3];
  }

  /** Whether the text of line `i` is a sequence entry (`-` alone or `- ...`). */
  private isSeqEntry(i: number): boolean {
    const start = this.start(i);
    return this.text.charCodeAt(start) === DASH && (this.end(i) === start + 1 || this.text.charCodeAt(start + 1) === SP);
  }

  /**
   * Whether text[start, end) is `key: value` or `key:`: then `keyEnd` is the colon and
   * `valueStart` where the value starts. The key runs to the first colon, which must come before
   * any `#` and be followed by a space or the end (as /^([^\s:#'"[\]{},][^:#]*?):(?:\s+|$)/ reads it).
   */
  private entry(start: number, end: number): boolean {
    const text = this.text;
    const first = text.charCodeAt(start);
    if (start >= end || NOT_KEY_START.has(first)) return false; // the space is one of them
    const colon = text.indexOf(':', start + 1);
    if (colon < 0 || colon >= end) return false;
    for (let k = start + 1; k < colon; k++) if (text.charCodeAt(k) === HASH) return false;
    let at = colon + 1;
    if (at < end && text.charCodeAt(at) !== SP) return false;
    while (at < end && text.charCodeAt(at) === SP) at++;
    this.keyEnd = colon;
    this.valueStart = at;
    return true;
  }

  /**
   * A block scalar (`>`, `>-`, `|`, `|-`) whose header ends line `header` (1-based), in a mapping
   * at `parentIndent`: yaml's resolveBlockScalar for the cases it reads simply (content lines all
   * at least as indented as the first; empty lines truly empty).
   */
  private blockScalar(mode: string, header: number, parentIndent: number): string {
    const raw = (this.raw ??= this.text.split('\n'));
    const folded = mode[0] === '>';
    const strip = mode[1] === '-';
    const body: Array<[number, string]> = [];
    let r = header; // index of the first raw line after the header
    let trimIndent = -1;
    for (; r < raw.length; r++) {
      const full = raw[r];
      if (full === '') {
        body.push([0, '']);
        continue;
      }
      const content = full.trimStart();
      const indent = full.length - content.length;
      if (content === '') decline(); // spaces only
      if (indent <= parentIndent) break;
      if (trimIndent < 0) {
        if (body.length) decline(); // leading empty lines
        trimIndent = indent;
      } else if (indent < trimIndent) decline();
      body.push([indent, full.slice(indent)]);
    }
    while (body.length && body[body.length - 1][1] === '' && body[body.length - 1][0] === 0) body.pop();
    if (trimIndent < 0 || !body.length) decline();
    // The structural reader resumes after the block.
    while (this.i < this.count && this.no(this.i) <= r) this.i++;
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    for (const [indent, content] of body) {
      const extra = ' '.repeat(Math.max(0, indent - trimIndent));
      if (!folded) {
        value += sep + extra + content;
        sep = '\n';
      } else if (indent > trimIndent) {
        if (sep === ' ') sep = '\n';
        else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
        value += sep + extra + content;
        sep = '\n';
        prevMoreIndented = true;
      } else if (content === '') {
        if (sep === '\n') value += '\n';
        else sep = '\n';
      } else {
        value += sep + content;
        sep = ' ';
        prevMoreIndented = false;
      }
    }
    return strip ? value : `${value}\n`;
  }

  /** The shape of the value the last method read (methods return values only: no pair per value). */
  shape: Shape = 0;

  /** The document: a block mapping at column 0, or nothing. */
  document(): { value: unknown; shape?: Shape } {
    if (this.count === 0) return { value: null };
    if (this.indent(0) !== 0 || this.isSeqEntry(0)) decline();
    const value = this.mapping(0, -1);
    if (this.i < this.count) decline();
    return { value, shape: this.shape };
  }

  /**
   * A block mapping whose keys sit at `indent`. With `firstStart` >= 0, its first entry starts
   * there on the line just taken (a `- key: v` line); else on the next line.
   */
  private mapping(indent: number, firstStart: number): Record<string, unknown> {
    const text = this.text;
    const value: Record<string, unknown> = {};
    const entries: Shape[] = [];
    let line = firstStart >= 0 ? this.i - 1 : this.i++;
    let start = firstStart >= 0 ? firstStart : this.start(line);
    const shape: MapShape = { kind: 'map', line: this.no(line), value, entries };
    for (;;) {
      const end = this.end(line);
      const no = this.no(line);
      if (!this.entry(start, end)) decline();
      const key = keyAt(text, start, this.keyEnd);
      if (Object.hasOwn(value, key)) decline();
      const after = this.valueStart;
      let child: unknown;
      if (after === end || text.charCodeAt(after) === HASH) {
        const next = this.i;
        if (next < this.count && this.indent(next) > indent) child = this.block(this.indent(next));
        else if (next < this.count && this.indent(next) === indent && this.isSeqEntry(next)) child = this.sequence(indent);
        else {
          child = null;
          this.shape = no;
        }
      } else {
        const c = text.charCodeAt(after);
        const header = c === 62 || c === 124 ? BLOCK_HEADER.exec(text.slice(after, end)) : null; // > |
        if (header) {
          child = this.blockScalar(header[1], no, indent);
          this.shape = no;
        } else {
          child = inlineValue(text.slice(after, end), no, this);
        }
        if (this.i < this.count && this.indent(this.i) > indent) decline(); // a continued scalar
      }
      value[key] = child;
      entries.push(no, this.shape);
      const next = this.i;
      if (next >= this.count || this.indent(next) < indent) break;
      if (this.indent(next) > indent || this.isSeqEntry(next)) decline();
      line = next;
      start = this.start(line);
      this.i++;
    }
    this.shape = shape;
    return value;
  }

  private block(indent: number): unknown {
    return this.isSeqEntry(this.i) ? this.sequence(indent) : this.mapping(indent, -1);
  }

  /** A block sequence whose dashes sit at `indent`. */
  private sequence(indent: number): unknown[] {
    const text = this.text;
    const value: unknown[] = [];
    const items: Shape[] = [];
    const shape: SeqShape = { kind: 'seq', line: this.no(this.i), items };
    for (;;) {
      const line = this.i;
      if (line >= this.count || this.indent(line) !== indent || !this.isSeqEntry(line)) break;
      this.i++;
      const end = this.end(line);
      let start = this.start(line) + 1;
      while (start < end && text.charCodeAt(start) === SP) start++;
      const spaces = start - this.start(line) - 1;
      const c = text.charCodeAt(start);
      if (start === end || c === HASH || (c === DASH && (start + 1 === end || text.charCodeAt(start + 1) === SP))) decline();
      if (this.entry(start, end)) {
        value.push(this.mapping(indent + 1 + spaces, start));
      } else {
        value.push(inlineValue(text.slice(start, end), this.no(line), this));
        if (this.i < this.count && this.indent(this.i) > indent) decline();
      }
      items.push(this.shape);
      if (this.i < this.count && this.indent(this.i) > indent) decline();
    }
    this.shape = shape;
    return value;
  }
}

/** The position of `key` among a mapping's keys, or -1. */
function keyIndex(node: MapShape, key: string): number {
  if (!Object.hasOwn(node.value, key)) return -1;
  let k = 0;
  for (const own in node.value) {
    if (own === key) return k;
    k++;
  }
  return -1;
}

/** The shape under `part` (a key of a mapping, an index of a sequence), or undefined. */
function childOf(node: Shape | undefined, part: string | number): Shape | undefined {
  if (node === undefined || typeof node === 'number') return undefined;
  if (node.kind === 'map') {
    if (typeof part !== 'string') return undefined;
    const k = keyIndex(node, part);
    return k < 0 ? undefined : node.entries[2 * k + 1];
  }
  const index = typeof part === 'string' && part !== '' ? Number(part) : part;
  const isIndex = typeof index === 'number' && Number.isInteger(index) && index >= 0;
  if (node.kind === 'seq') return isIndex ? node.items[index] : undefined;
  // A flow collection: its items and keys are scalars on its line.
  if (Array.isArray(node.flow)) return isIndex && index < node.flow.length ? node.line : undefined;
  return typeof part === 'string' && Object.hasOwn(node.flow, part) ? node.line : undefined;
}

/**
 * The lines of `text` that hold content: number, indent, start and end of each; undefined for a
 * shape the yaml package reads. Apart from parseFastYaml: the loop runs on-stack-replaced code,
 * and in one function with the code after it that code stopped at the first statement past the
 * loop on every call (16 deoptimizations and 4 compiles of parseFastYaml in a cold compile at 10k models).
 */
function contentLines(text: string): Lines | undefined {
  const lines = new Lines();
  for (let from = 0, no = 1; ; no++) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    let start = from;
    while (start < to && text.charCodeAt(start) === SP) start++;
    if (start < to && text.charCodeAt(start) !== HASH) {
      // Directives, document markers, block scalars' and complex keys' indicators: the yaml package.
      if (text.startsWith('---', start) || text.startsWith('...', start) || text.charCodeAt(start) === 37 || text.startsWith('? ', start)) return undefined; // %
      let end = to;
      while (text.charCodeAt(end - 1) === SP) end--;
      lines.push(no, start - from, start, end);
    }
    if (to === text.length) return lines;
    from = to + 1;
  }
}

/** Parse `text` in the supported shape, or undefined (the caller uses the `yaml` package). */
export function parseFastYaml(text: string): FastYaml | undefined {
  if (OTHER_SPACE_CHARS.some((c) => text.includes(c)) || OTHER_SPACE.test(text)) return undefined;
  const lines = contentLines(text);
  if (!lines) return undefined;
  let parsed: { value: unknown; shape?: Shape };
  try {
    parsed = new Reader(text, lines).document();
  } catch (err) {
    if (err instanceof Decline) return undefined;
    throw err;
  }
  const { value, shape } = parsed;
  return {
    value,
    lineOf(path) {
      // As yaml-file.ts: the line of the key when the path ends at a key of a mapping, else of the node.
      const at = (p: (string | number)[]): Shape | undefined => {
        let node: Shape | undefined = shape;
        for (const part of p) node = childOf(node, part);
        return node;
      };
      if (path.length) {
        const parent = at(path.slice(0, -1));
        const last = path[path.length - 1];
        if (typeof last === 'string' && parent !== undefined && typeof parent !== 'number') {
          if (parent.kind === 'map') {
            const k = keyIndex(parent, last);
            if (k >= 0) return parent.entries[2 * k] as number;
          } else if (parent.kind === 'flow' && !Array.isArray(parent.flow) && Object.hasOwn(parent.flow, last)) {
            return parent.line;
          }
        }
      }
      const node = at(path);
      return node === undefined ? undefined : typeof node === 'number' ? node : node.line;
    },
  };
}
