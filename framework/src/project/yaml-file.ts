/** Read a YAML file into plain data, turning syntax errors into diagnostics with line and column. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import { StrataError, type Diagnostic } from '../errors/strata-error.js';
import { parseFastYaml } from './yaml-fast.js';

export interface YamlParseResult {
  value: unknown;
  diagnostics: Diagnostic[];
  /** Line (1-based) of a top-level or nested key path such as `models.0.name`, when known. */
  lineOf(path: (string | number)[]): number | undefined;
}

let yamlModule: typeof YamlModule | undefined;
/**
 * The yaml package, loaded the first time a file needs it: plain files take the fast reader, and
 * commands answered from the project state (ls, an unchanged compile) then load no YAML library.
 */
export function yamlPackage(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

export function parseYamlText(text: string, file: string): YamlParseResult {
  // Plain schema-file YAML takes the fast reader (same value, same lines); the rest, and every error, the yaml package.
  const fast = parseFastYaml(text);
  if (fast) return { value: fast.value, diagnostics: [], lineOf: fast.lineOf };
  const { LineCounter, parseDocument } = yamlPackage();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0];
    return {
      code: 'E_YAML',
      severity: 'error',
      message: `Invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      file,
      line: pos?.line,
      column: pos?.col,
      hint: 'Check the indentation and quoting around that line (a value with ": " or "#" needs quotes).',
    };
  });
  const value = diagnostics.length ? undefined : doc.toJS();
  return {
    value,
    diagnostics,
    lineOf(path) {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const pair = path.length ? (doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: [number] } }> } | undefined) : undefined;
      const keyNode = pair?.items?.find((item) => item.key?.value === path[path.length - 1])?.key;
      const offset = keyNode?.range?.[0] ?? node?.range?.[0];
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** Parse a YAML file or throw every syntax error as one StrataError (exit 2). */
export function readYamlFile(path: string, displayPath: string): YamlParseResult {
  const result = parseYamlText(readFileSync(path, 'utf8'), displayPath);
  if (result.diagnostics.length) throw new StrataError(result.diagnostics, 2);
  return result;
}
