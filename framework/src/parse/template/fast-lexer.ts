/**
 * nunjucks' tokenizer with its character-at-a-time primitives replaced. The lexer walks the
 * source one character per call (`forward`, `current`, `t += char`), which makes lexing about a
 * third of rendering a model at 10k models. Here the same Tokenizer (its own `nextToken`, token
 * shapes, line and column numbers) runs on primitives that scan with a lookup table, cut the text
 * once and move the position over a whole stretch at a time.
 *
 * Every primitive returns what nunjucks' does and leaves the tokenizer where nunjucks' leaves it;
 * fast-lexer.test.ts compares the token streams (and errors) of both on every template of the
 * repository and on random templates. compileFast (fast-render.ts) parses with it; templates that
 * nunjucks compiles itself still use nunjucks' own tokenizer.
 */
import { loadNunjucks } from './environment.js';

interface Tokenizer {
  in_code: boolean;
  tags: { BLOCK_START: string; BLOCK_END: string; VARIABLE_START: string; VARIABLE_END: string; COMMENT_START: string; COMMENT_END: string };
  trimBlocks: boolean;
  lstripBlocks: boolean;
  /** nextStop's answers: where each search started (-1: none yet) and what it found. */
  stops?: { from: Int32Array; at: Int32Array };
  nextToken(): unknown;
  forward(): void;
  _extract(charString: string): string | null;
  str: string;
  index: number;
  len: number;
  lineno: number;
  colno: number;
  _extractMatching(breakOnMatch: boolean, charString: string): string | null;
  _parseString(delimiter: string): string;
  _matches(str: string): boolean | null;
  forwardN(n: number): void;
}

interface NunjucksLexing {
  lexer: { lex(src: string, opts?: object): Tokenizer };
}

/** Membership tables for the few character sets the tokenizer scans with (all below U+0100). */
const tables = new Map<string, Uint8Array | null>();

function tableOf(chars: string): Uint8Array | null {
  let table = tables.get(chars);
  if (table === undefined) {
    table = new Uint8Array(256);
    for (let i = 0; i < chars.length; i++) {
      const code = chars.charCodeAt(i);
      if (code > 255) {
        table = null; // not one of the tokenizer's own sets: nunjucks' loop
        break;
      }
      table[code] = 1;
    }
    tables.set(chars, table);
  }
  return table;
}

/**
 * Move `t` n characters on, counting lines and columns exactly as n calls of `forward` do. The
 * next line break is searched once and kept (nextStop): most moves end before it and cost a
 * comparison, not a look at each character.
 */
function advance(t: Tokenizer, n: number): void {
  const end = t.index + n;
  const last = Math.min(end, t.len);
  let newline = nextStop(t, NEWLINE, '\n');
  if (newline === -1 || newline >= last) {
    t.colno += n;
    t.index = end;
    return;
  }
  let lastNewline: number;
  do {
    t.lineno++;
    lastNewline = newline;
    newline = t.str.indexOf('\n', newline + 1);
  } while (newline !== -1 && newline < last);
  // The search from past the last line break counted is the next answer.
  t.stops!.from[NEWLINE] = lastNewline + 1;
  t.stops!.at[NEWLINE] = newline;
  t.colno = end - lastNewline - 1;
  t.index = end;
}

/** nunjucks' character sets (lexer.js). */
const WHITESPACE = ' \n\t\r\xA0';
const DELIMITERS = '()[]{}%*-+~/#,:|.<>=!';
const WORD_ENDS = WHITESPACE + DELIMITERS;
const DIGITS = '0123456789';
const WHITESPACE_TABLE = tableOf(WHITESPACE)!;
const WORD_ENDS_TABLE = tableOf(WORD_ENDS)!;
const DELIMITER_TYPES: Record<string, string> = {
  '(': 'left-paren', ')': 'right-paren', '[': 'left-bracket', ']': 'right-bracket', '{': 'left-curly', '}': 'right-curly',
  ',': 'comma', ':': 'colon', '~': 'tilde', '|': 'pipe',
};

/** Each delimiter's token type by character code (a delimiter not in DELIMITER_TYPES is an operator). */
const DELIMITER_TYPE_BY_CODE: Array<string | undefined> = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return DELIMITERS.includes(ch) ? (DELIMITER_TYPES[ch] ?? 'operator') : undefined;
});

/** /^[0-9]+$/ without a regex. */
function allDigits(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function token(type: string, value: unknown, lineno: number, colno: number) {
  return { type, value, lineno, colno };
}

/**
 * nunjucks' nextToken for the common tokens (a tag's start, text between tags; inside a tag
 * whitespace, names, numbers, operators, strings, the tag's end), in its order of checks;
 * comments, text under `lstripBlocks` and regex literals go to nunjucks' own nextToken.
 */
function nextCodeToken(this: Tokenizer, slow: () => unknown): unknown {
  if (this.index >= this.len) return slow.call(this);
  const str = this.str;
  const lineno = this.lineno;
  const colno = this.colno;
  const tags = this.tags;
  if (!this.in_code) {
    // A tag's start (`{%-` before `{%`, as nunjucks checks).
    const block = str.startsWith(tags.BLOCK_START, this.index);
    const start = block ? tags.BLOCK_START : str.startsWith(tags.VARIABLE_START, this.index) ? tags.VARIABLE_START : undefined;
    if (start === undefined) return textToken(this, slow);
    const value = str.startsWith('-', this.index + start.length) ? `${start}-` : start;
    this.in_code = true;
    advance(this, value.length);
    return token(block ? 'block-start' : 'variable-start', value, lineno, colno);
  }
  const cur = str[this.index];
  if (cur === '"' || cur === "'") return token('string', this._parseString(cur), lineno, colno);
  const code = str.charCodeAt(this.index);
  if (code < 256 && WHITESPACE_TABLE[code] === 1) return token('whitespace', this._extractMatching(false, WHITESPACE), lineno, colno);
  // A tag's end, with or without a `-` before it, in nunjucks' order of checks.
  const end = tagEnd(str, this.index, tags);
  if (end !== undefined) {
    this.in_code = false;
    advance(this, end.value.length);
    if (end.block && this.trimBlocks) {
      // nunjucks drops one newline (\n or \r\n) after a block's end.
      if (str.charCodeAt(this.index) === 10) advance(this, 1);
      else if (str.charCodeAt(this.index) === 13 && str.charCodeAt(this.index + 1) === 10) advance(this, 2);
    }
    return token(end.block ? 'block-end' : 'variable-end', end.value, lineno, colno);
  }
  if (cur === 'r' && str[this.index + 1] === '/') return slow.call(this); // a regex literal
  // A delimiter (a `-` or a tag end's first character too, when it starts no tag end), by its code:
  // the two- and three-character operators nunjucks knows (== === != !== <= >= // **).
  const type = code < 128 ? DELIMITER_TYPE_BY_CODE[code] : undefined;
  if (type !== undefined) {
    const next = str.charCodeAt(this.index + 1);
    let length = 1;
    if ((code === 61 || code === 33) && next === 61) length = str.charCodeAt(this.index + 2) === 61 ? 3 : 2; // = !
    else if ((code === 60 || code === 62) && next === 61) length = 2; // < >
    else if ((code === 47 || code === 42) && next === code) length = 2; // / *
    advance(this, length);
    return length === 1 ? token(type, cur, lineno, colno) : token('operator', str.slice(this.index - length, this.index), lineno, colno);
  }
  const word = this._extractMatching(true, WORD_ENDS)!;
  if (allDigits(word)) {
    if (str[this.index] !== '.') return token('int', word, lineno, colno);
    advance(this, 1);
    return token('float', `${word}.${this._extract(DIGITS)}`, lineno, colno);
  }
  if (word === 'true' || word === 'false') return token('boolean', word, lineno, colno);
  if (word === 'none' || word === 'null') return token('none', word, lineno, colno);
  return token('symbol', word, lineno, colno);
}

/** The tag end at `at` (nunjucks checks `%}`, `-%}`, `}}`, `-}}` in that order), or undefined. */
function tagEnd(str: string, at: number, tags: Tokenizer['tags']): { value: string; block: boolean } | undefined {
  const c = str.charCodeAt(at);
  if (c !== 45 /* - */ && c !== tags.BLOCK_END.charCodeAt(0) && c !== tags.VARIABLE_END.charCodeAt(0)) return undefined;
  if (str.startsWith(tags.BLOCK_END, at)) return { value: tags.BLOCK_END, block: true };
  if (c === 45 && str.startsWith(tags.BLOCK_END, at + 1)) return { value: `-${tags.BLOCK_END}`, block: true };
  if (str.startsWith(tags.VARIABLE_END, at)) return { value: tags.VARIABLE_END, block: false };
  if (c === 45 && str.startsWith(tags.VARIABLE_END, at + 1)) return { value: `-${tags.VARIABLE_END}`, block: false };
  return undefined;
}

/** nextStop's slot for the line break (advance). */
const NEWLINE = 4;

/**
 * Where `tag` (one of the four a text stretch ends at: block, variable and comment starts, comment
 * end; or the line break, NEWLINE) next occurs at or after the tokenizer's position, or -1. Each answer is kept with the
 * position it was searched from and holds while the tokenizer is between the two, so a long
 * template is searched once per occurrence, not once per text stretch (a raw block moves the
 * tokenizer back: then it is searched again).
 */
function nextStop(t: Tokenizer, k: number, tag: string): number {
  const stops = (t.stops ??= { from: new Int32Array(5).fill(-1), at: new Int32Array(5) });
  const index = t.index;
  const from = stops.from[k];
  const at = stops.at[k];
  if (from !== -1 && from <= index && (at === -1 || at >= index)) return at;
  const found = t.str.indexOf(tag, index);
  stops.from[k] = index;
  stops.at[k] = found;
  return found;
}

/**
 * Text up to the next tag's start, which nunjucks' loop takes character by character: it ends
 * where a block, variable or comment starts. A comment at the start, a comment's end before any
 * tag (nunjucks' error) and `lstripBlocks` (which trims the text) are nunjucks' to read.
 */
function textToken(t: Tokenizer, slow: () => unknown): unknown {
  const { str, index, tags } = t;
  if (t.lstripBlocks || str.startsWith(tags.COMMENT_START, index)) return slow.call(t);
  let next = t.len;
  const block = nextStop(t, 0, tags.BLOCK_START);
  if (block !== -1 && block < next) next = block;
  const variable = nextStop(t, 1, tags.VARIABLE_START);
  if (variable !== -1 && variable < next) next = variable;
  const comment = nextStop(t, 2, tags.COMMENT_START);
  if (comment !== -1 && comment < next) next = comment;
  const commentEnd = nextStop(t, 3, tags.COMMENT_END);
  if (commentEnd !== -1 && commentEnd < next) return slow.call(t);
  const lineno = t.lineno;
  const colno = t.colno;
  const value = str.slice(index, next);
  advance(t, next - index);
  return token('data', value, lineno, colno);
}

let fastPrototype: object | undefined;
let construct: ((this: Tokenizer, src: string, opts?: object) => void) | undefined;

function prototypeOf(): object {
  if (fastPrototype) return fastPrototype;
  const nj = loadNunjucks() as unknown as NunjucksLexing;
  const base = Object.getPrototypeOf(nj.lexer.lex('')) as Tokenizer & { constructor: (this: Tokenizer, src: string, opts?: object) => void };
  construct = base.constructor;
  const slow = { extractMatching: base._extractMatching, parseString: base._parseString, nextToken: base.nextToken };
  const fast: object = Object.create(base, {
    nextToken: {
      value(this: Tokenizer): unknown {
        return nextCodeToken.call(this, slow.nextToken);
      },
    },
    _matches: {
      value(this: Tokenizer, s: string): boolean | null {
        return this.index + s.length > this.len ? null : this.str.startsWith(s, this.index);
      },
    },
    forwardN: {
      value(this: Tokenizer, n: number): void {
        if (n > 0) advance(this, n);
      },
    },
    _extractMatching: {
      value(this: Tokenizer, breakOnMatch: boolean, charString: string): string | null {
        if (this.index >= this.len) return null;
        const table = charString === WORD_ENDS ? WORD_ENDS_TABLE : charString === WHITESPACE ? WHITESPACE_TABLE : tableOf(charString);
        if (!table) return slow.extractMatching.call(this, breakOnMatch, charString);
        const str = this.str;
        // The first character decides whether anything is taken; then take until one stops it.
        let code = str.charCodeAt(this.index);
        if ((code < 256 && table[code] === 1) === breakOnMatch) return '';
        let end = this.index + 1;
        for (; end < this.len; end++) {
          code = str.charCodeAt(end);
          if ((code < 256 && table[code] === 1) === breakOnMatch) break;
        }
        const taken = str.slice(this.index, end);
        advance(this, end - this.index);
        return taken;
      },
    },
    _parseString: {
      value(this: Tokenizer, delimiter: string): string {
        // A string without backslashes that ends before the text does: one cut. Others: nunjucks' loop.
        const close = this.str.indexOf(delimiter, this.index + 1);
        if (close === -1) return slow.parseString.call(this, delimiter);
        const backslash = this.str.indexOf('\\', this.index + 1);
        if (backslash !== -1 && backslash < close) return slow.parseString.call(this, delimiter);
        const value = this.str.slice(this.index + 1, close);
        advance(this, close + 1 - this.index);
        return value;
      },
    },
  });
  fastPrototype = fast;
  return fast;
}

/** A tokenizer for `src` that yields the tokens `nunjucks.lexer.lex(src, opts)` would. */
export function fastLex(src: string, opts?: object): unknown {
  const tokenizer = Object.create(prototypeOf()) as Tokenizer;
  construct!.call(tokenizer, src, opts);
  tokenizer.stops = undefined; // one shape for every tokenizer
  return tokenizer;
}
