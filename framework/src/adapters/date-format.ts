/**
 * Translate Snowflake-style date format strings (`DD.MM.YYYY`, `Mon YYYY`, `HH24:MI:SS`)
 * to strftime (`%d.%m.%Y`). DuckDB's strptime needs a constant format, so the translation
 * happens at compile time (../shared/SNOWFLAKE-S3-TESTING.md §3).
 */
const TOKENS: Array<[string, string]> = [
  ['YYYY', '%Y'],
  ['HH24', '%H'],
  ['HH12', '%I'],
  ['MON', '%b'],
  ['Mon', '%b'],
  ['MM', '%m'],
  ['DD', '%d'],
  ['DY', '%a'],
  ['Dy', '%a'],
  ['YY', '%y'],
  ['HH', '%H'],
  ['MI', '%M'],
  ['SS', '%S'],
  ['FF', '%f'],
  ['AM', '%p'],
  ['PM', '%p'],
];

/** `DD.MM.YYYY` -> `%d.%m.%Y`. Text inside double quotes is kept literally. */
export function toStrftime(format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    if (format[i] === '"') {
      const end = format.indexOf('"', i + 1);
      const literal = end === -1 ? format.slice(i + 1) : format.slice(i + 1, end);
      out += literal.replace(/%/g, '%%');
      i = end === -1 ? format.length : end + 1;
      continue;
    }
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      out += token[1];
      i += token[0].length;
    } else {
      out += format[i] === '%' ? '%%' : format[i];
      i += 1;
    }
  }
  return out;
}
