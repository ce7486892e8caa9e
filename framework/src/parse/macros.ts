/**
 * Macro files: extract `{% macro %}` and generic `{% test %}` definitions. A generic test
 * `{% test name(model, column_name) %}` becomes the macro `test_name`, so one library serves both.
 */
import { digestText } from '../hash.js';
import type { MacroDef } from '../manifest/types.js';

const OPEN = /\{%-?\s*(macro|test)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*-?%\}/g;
const CLOSE = /\{%-?\s*end(macro|test)\s*-?%\}/g;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseArgNames(args: string): string[] {
  return args
    .split(',')
    .map((a) => a.split('=')[0].trim())
    .filter(Boolean);
}

/** Rewrite generic test blocks into macro blocks named `test_<name>`. */
export function rewriteTestBlocks(source: string): string {
  return source
    .replace(/\{%(-?)\s*test\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g, '{%$1 macro test_$2(')
    .replace(/\{%(-?)\s*endtest\s*(-?)%\}/g, '{%$1 endmacro $2%}');
}

/** Find every macro/test definition in a file. */
export function extractMacros(source: string, file: string, packageName: string): MacroDef[] {
  const macros: MacroDef[] = [];
  OPEN.lastIndex = 0;
  for (let match = OPEN.exec(source); match; match = OPEN.exec(source)) {
    const [, kind, rawName, args] = match;
    CLOSE.lastIndex = match.index + match[0].length;
    const close = CLOSE.exec(source);
    const end = close ? close.index + close[0].length : source.length;
    const name = kind === 'test' ? `test_${rawName}` : rawName;
    macros.push({
      uniqueId: `macro.${packageName}.${name}`,
      name,
      packageName,
      originalFilePath: file,
      line: lineAt(source, match.index),
      args: parseArgNames(args),
      description: '',
      source: rewriteTestBlocks(source.slice(match.index, end)),
    });
    OPEN.lastIndex = end;
  }
  return macros;
}

export function sha256(text: string): string {
  return digestText('sha256', text, 'hex');
}
