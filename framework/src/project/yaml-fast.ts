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
 * Where a parsed value sits, for `lineOf`: a scalar is just its line; a mapping keeps its keys'
 * lines and children in parallel arrays; a one-line flow collection keeps its value (each of its
 * items and keys is on its line). Lean on purpose: a schema file has a shape node per value.
 */
type Shape = number | MapShape | SeqShape | FlowShape;
interface MapShape { kind: 'map'; line: number; keys: string[]; keyLines: number[]; children: Shape[] }
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

interface Line {
  /** 1-based. */
  no: number;
  indent: number;
  /** The text after the indentation. */
  text: string;
}

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
  // the empty text): any other letter, or _, starts a string.
  const c = text.charCodeAt(0) | 0x20; // ASCII letters to lower case
  if ((c >= 97 && c <= 122 && c !== 110 && c !== 116 && c !== 102) || text.charCodeAt(0) === 95) return text;
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

function checkKey(key: string): string {
  if (goodKeys.has(key)) return key;
  if (!KEY.test(key) || key === '__proto__' || resolvePlain(key) !== key) decline();
  if (goodKeys.size >= 10_000) goodKeys.clear();
  goodKeys.add(key);
  return key;
}

/** Characters that may not start a plain scalar here (indicators), and what ends one. */
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;

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

/** A plain scalar ending at ` #` (comment) or the end; in flow context, `,` `]` `}` end it too. */
function plainScalar(text: string, flow: boolean): unknown {
  if (!PLAIN_START.test(text)) decline();
  let end = text.length;
  const comment = text.search(/\s#/);
  if (comment >= 0) end = comment;
  const value = text.slice(0, end).trimEnd();
  // `a: b` inside a value is a nested mapping (an error); a value ending in `:` likewise.
  if (/:(\s|$)/.test(value) || (flow && /[,[\]{}]/.test(value))) decline();
  return resolvePlain(value);
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

/** `[a, 'b']` or `{ k: v, k2: 'w' }` on one line, of scalars only. */
function flowCollection(text: string): unknown {
  const open = text[0];
  const closeChar = open === '[' ? ']' : '}';
  const items: unknown[] = [];
  const map: Record<string, unknown> = {};
  const seen = new Set<string>();
  let i = 1;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (text[i] === closeChar) {
    rest(text.slice(i + 1));
    return open === '[' ? [] : {};
  }
  for (;;) {
    skipSpaces();
    let key: string | undefined;
    if (open === '{') {
      const colon = text.indexOf(':', i);
      if (colon < 0 || text[colon + 1] !== ' ') decline();
      key = checkKey(text.slice(i, colon).trim());
      if (seen.has(key)) decline();
      seen.add(key);
      i = colon + 1;
      skipSpaces();
    }
    let value: unknown;
    const c = text[i];
    if (c === "'" || c === '"') {
      const q = quoted(text, i);
      value = q.value;
      i = q.end;
      skipSpaces();
    } else {
      if (c === '[' || c === '{') decline(); // nested flow collections
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== closeChar) end++;
      const raw = text.slice(i, end);
      if (raw.includes('#') || raw.trim() === '') decline();
      value = plainScalar(raw.trim(), true);
      i = end;
    }
    if (open === '[') items.push(value);
    else map[key!] = value;
    if (text[i] === ',') {
      i++;
      skipSpaces();
      if (text[i] === closeChar) decline(); // a trailing comma
      continue;
    }
    if (text[i] !== closeChar) decline();
    rest(text.slice(i + 1));
    return open === '[' ? exactArray(items) : map;
  }
}

const SPACE = /\s/;
/** Characters that may not start a key. */
const NOT_KEY_START = new Set([...' :#\'"[]{},']);

/**
 * `key: value` or `key:` at the start of `text`: the key and what follows the colon and its
 * spaces, or undefined. The key runs to the first colon, which must come before any `#` and be
 * followed by a space or the end (as /^([^\s:#'"[\]{},][^:#]*?):(?:\s+|$)/ reads it).
 */
function splitEntry(text: string): { key: string; after: string } | undefined {
  if (text === '' || NOT_KEY_START.has(text[0]) || SPACE.test(text[0])) return undefined;
  const colon = text.indexOf(':', 1);
  if (colon < 0) return undefined;
  const hash = text.indexOf('#', 1);
  if (hash >= 0 && hash < colon) return undefined;
  let at = colon + 1;
  if (at < text.length && !SPACE.test(text[at])) return undefined;
  while (at < text.length && SPACE.test(text[at])) at++;
  return { key: text.slice(0, colon), after: text.slice(at) };
}

/** True when a value after `key:` is empty or only a comment. */
function emptyValue(after: string): boolean {
  return after === '' || after.startsWith('#');
}

class Reader {
  private i = 0;

  constructor(
    private readonly lines: Line[],
    /** The file's lines as written (block scalars read them, comments and blank lines included). */
    private readonly raw: string[],
  ) {}

  /**
   * A block scalar (`>`, `>-`, `|`, `|-`) whose header ends line `header` (1-based), in a mapping
   * at `parentIndent`: yaml's resolveBlockScalar for the cases it reads simply (content lines all
   * at least as indented as the first; empty lines truly empty).
   */
  private blockScalar(mode: string, header: number, parentIndent: number): string {
    const folded = mode[0] === '>';
    const strip = mode[1] === '-';
    const body: Array<[number, string]> = [];
    let r = header; // index of the first raw line after the header
    let trimIndent = -1;
    for (; r < this.raw.length; r++) {
      const full = this.raw[r];
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
    while (this.i < this.lines.length && this.lines[this.i].no <= r) this.i++;
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

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  /** The shape of the value the last method read (methods return values only: no pair per value). */
  shape: Shape = 0;

  /** The document: a block mapping at column 0, or nothing. */
  document(): { value: unknown; shape?: Shape } {
    const first = this.peek();
    if (!first) return { value: null };
    if (first.indent !== 0 || isSeqEntry(first.text)) decline();
    const value = this.mapping(0, undefined);
    if (this.peek()) decline();
    return { value, shape: this.shape };
  }

  /**
   * A block mapping whose keys sit at `indent`; `first` is an entry already cut from a `- key: v`
   * line.
   */
  private mapping(indent: number, first: Line | undefined): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    const keys: string[] = [];
    const keyLines: number[] = [];
    const children: Shape[] = [];
    /** For duplicate keys in a wide mapping (a short one is searched as it is). */
    let seen: Set<string> | undefined;
    let line = first;
    if (!line) {
      line = this.peek()!;
      this.i++;
    }
    const shape: MapShape = { kind: 'map', line: line.no, keys, keyLines, children };
    for (;;) {
      const entry = splitEntry(line.text);
      if (!entry) decline();
      const key = checkKey(entry!.key);
      if (keys.length < 16 ? keys.includes(key) : (seen ??= new Set(keys)).has(key)) decline();
      let child: unknown;
      if (emptyValue(entry!.after)) {
        const next = this.peek();
        if (next && next.indent > indent) child = this.block(next.indent);
        else if (next && next.indent === indent && isSeqEntry(next.text)) child = this.sequence(indent);
        else {
          child = null;
          this.shape = line.no;
        }
      } else {
        const header = /^([>|]-?)(?:\s+#.*)?$/.exec(entry!.after);
        if (header) {
          child = this.blockScalar(header[1], line.no, indent);
          this.shape = line.no;
        } else {
          child = inlineValue(entry!.after, line.no, this);
        }
        const next = this.peek();
        if (next && next.indent > indent) decline(); // a continued scalar
      }
      value[key] = child;
      keys.push(key);
      seen?.add(key);
      keyLines.push(line.no);
      children.push(this.shape);
      const next = this.peek();
      if (!next || next.indent < indent) break;
      if (next.indent > indent || isSeqEntry(next.text)) decline();
      line = next;
      this.i++;
    }
    this.shape = shape;
    return value;
  }

  private block(indent: number): unknown {
    const line = this.peek()!;
    return isSeqEntry(line.text) ? this.sequence(indent) : this.mapping(indent, undefined);
  }

  /** A block sequence whose dashes sit at `indent`. */
  private sequence(indent: number): unknown[] {
    const value: unknown[] = [];
    const items: Shape[] = [];
    const shape: SeqShape = { kind: 'seq', line: this.peek()!.no, items };
    for (;;) {
      const line = this.peek();
      if (!line || line.indent !== indent || !isSeqEntry(line.text)) break;
      this.i++;
      const after = line.text.slice(1);
      const spaces = after.length - after.trimStart().length;
      const text = after.trimStart();
      if (text === '' || text.startsWith('#') || text.startsWith('- ') || text === '-') decline();
      const column = indent + 1 + spaces;
      if (splitEntry(text)) {
        value.push(this.mapping(column, { no: line.no, indent: column, text }));
      } else {
        value.push(inlineValue(text, line.no, this));
        const next = this.peek();
        if (next && next.indent > indent) decline();
      }
      items.push(this.shape);
      const next = this.peek();
      if (next && next.indent > indent) decline();
    }
    this.shape = shape;
    return value;
  }
}

/** The shape under `part` (a key of a mapping, an index of a sequence), or undefined. */
function childOf(node: Shape | undefined, part: string | number): Shape | undefined {
  if (node === undefined || typeof node === 'number') return undefined;
  if (node.kind === 'map') {
    if (typeof part !== 'string') return undefined;
    const k = node.keys.indexOf(part);
    return k < 0 ? undefined : node.children[k];
  }
  const index = typeof part === 'string' && part !== '' ? Number(part) : part;
  const isIndex = typeof index === 'number' && Number.isInteger(index) && index >= 0;
  if (node.kind === 'seq') return isIndex ? node.items[index] : undefined;
  // A flow collection: its items and keys are scalars on its line.
  if (Array.isArray(node.flow)) return isIndex && index < node.flow.length ? node.line : undefined;
  return typeof part === 'string' && Object.hasOwn(node.flow, part) ? node.line : undefined;
}

function isSeqEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Parse `text` in the supported shape, or undefined (the caller uses the `yaml` package). */
export function parseFastYaml(text: string): FastYaml | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  const lines: Line[] = [];
  const raw = text.split('\n');
  for (let n = 0; n < raw.length; n++) {
    const full = raw[n];
    const content = full.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    // Directives, document markers, block scalars' and complex keys' indicators: the yaml package.
    if (content.startsWith('---') || content.startsWith('...') || content.startsWith('%') || content.startsWith('? ')) return undefined;
    lines.push({ no: n + 1, indent: full.length - content.length, text: content.trimEnd() });
  }
  let parsed: { value: unknown; shape?: Shape };
  try {
    parsed = new Reader(lines, raw).document();
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
            const k = parent.keys.indexOf(last);
            if (k >= 0) return parent.keyLines[k];
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
