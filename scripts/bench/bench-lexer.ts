/**
 * `npm run bench -- lexer [--runs 5] [--models 10000]`: nunjucks' tokenizer against the faster one
 * (framework/src/parse/template/fast-lexer.ts) on the templates of a generated project, in one
 * process, alternated run by run: all tokens of every template, then the parse tree as well.
 */
import nunjucks from 'nunjucks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkFiles } from '../../framework/src/parse/discover.js';
import { fastLex } from '../../framework/src/parse/template/fast-lexer.js';
import { median } from './measure.js';
import { writeSyntheticProject } from './synthetic-project.js';

interface Lexer {
  nextToken(): unknown;
}
type Nunjucks = { lexer: { lex(src: string): Lexer }; parser: { Parser: new (tokens: unknown) => { parseAsRoot(): unknown } } };

export interface LexerBenchRow {
  templates: number;
  lexMs: { nunjucks: number; fast: number };
  lexAndParseMs: { nunjucks: number; fast: number };
}

export function benchLexer(models: number, runs: number): LexerBenchRow {
  const nj = nunjucks as unknown as Nunjucks;
  const dir = mkdtempSync(join(tmpdir(), 'strata-bench-lexer-'));
  let templates: string[];
  try {
    writeSyntheticProject({ dir, models });
    templates = [];
    walkFiles(join(dir, 'models'), '', (abs, _rel, name) => {
      if (name.endsWith('.sql')) templates.push(readFileSync(abs, 'utf8'));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const slow = (src: string): unknown => nj.lexer.lex(src);
  const time = (work: () => void) => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };
  const lexAll = (lex: (src: string) => unknown) => () => {
    for (const src of templates) {
      const lexer = lex(src) as Lexer;
      while (lexer.nextToken()) {
        // every token
      }
    }
  };
  const parseAll = (lex: (src: string) => unknown) => () => {
    for (const src of templates) new nj.parser.Parser(lex(src)).parseAsRoot();
  };
  const samples = { lexSlow: [] as number[], lexFast: [] as number[], parseSlow: [] as number[], parseFast: [] as number[] };
  for (let i = 0; i < runs + 1; i++) {
    const round = [time(lexAll(slow)), time(lexAll(fastLex)), time(parseAll(slow)), time(parseAll(fastLex))];
    if (i === 0) continue; // warm-up
    samples.lexSlow.push(round[0]);
    samples.lexFast.push(round[1]);
    samples.parseSlow.push(round[2]);
    samples.parseFast.push(round[3]);
  }
  const row: LexerBenchRow = {
    templates: templates.length,
    lexMs: { nunjucks: median(samples.lexSlow), fast: median(samples.lexFast) },
    lexAndParseMs: { nunjucks: median(samples.parseSlow), fast: median(samples.parseFast) },
  };
  process.stdout.write(`lexer, ${row.templates} templates: tokens ${row.lexMs.nunjucks.toFixed(0)} ms (nunjucks) vs ${row.lexMs.fast.toFixed(0)} ms (fast-lexer) | tokens + parse tree ${row.lexAndParseMs.nunjucks.toFixed(0)} ms vs ${row.lexAndParseMs.fast.toFixed(0)} ms\n`);
  return row;
}
