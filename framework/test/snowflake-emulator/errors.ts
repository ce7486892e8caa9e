/**
 * Snowflake-shaped errors. The driver surfaces `{success:false, code, message, data:{errorCode,
 * sqlState}}` (always HTTP 200: a 5xx makes snowflake-sdk retry for minutes) as an
 * OperationFailedError with `code`, `sqlState` and `message`, so the emulator maps DuckDB's
 * errors onto the codes real Snowflake uses for the same situation.
 */

/** An error the emulator reports to the client the way Snowflake would. */
export class SnowflakeSqlError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string,
    message: string,
    /** DuckDB's original message, passed back in `data.emulatorDetail` to ease debugging. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SnowflakeSqlError';
  }
}

/** `SQL compilation error:` followed by the reason, as Snowflake phrases compile-time errors. */
export function compilationError(code: string, sqlState: string, reason: string, detail?: string): SnowflakeSqlError {
  return new SnowflakeSqlError(code, sqlState, `SQL compilation error:\n${reason}`, detail);
}

/** A feature the emulator deliberately does not implement. */
export function unsupported(what: string): SnowflakeSqlError {
  return new SnowflakeSqlError('000002', '0A000', `Unsupported feature '${what}' (not implemented by the Snowflake emulator).`);
}

export function objectDoesNotExist(name: string, detail?: string): SnowflakeSqlError {
  return compilationError('002003', '42S02', `Object '${name}' does not exist or not authorized.`, detail);
}

export function schemaDoesNotExist(name: string, detail?: string): SnowflakeSqlError {
  return compilationError('002003', '02000', `Schema '${name}' does not exist or not authorized.`, detail);
}

export function databaseDoesNotExist(name: string, detail?: string): SnowflakeSqlError {
  return compilationError('002003', '02000', `Database '${name}' does not exist or not authorized.`, detail);
}

interface DuckDbErrorRule {
  pattern: RegExp;
  map: (match: RegExpExecArray, position: string) => SnowflakeSqlError;
}

const stripQuotes = (name: string) => name.replace(/"/g, '');

const DUCKDB_ERROR_RULES: DuckDbErrorRule[] = [
  {
    pattern: /^Parser Error: syntax error at (?:or near "(.*)"|end of input)/,
    map: (m, pos) =>
      compilationError('001003', '42000', `syntax error ${pos} unexpected '${m[1] ?? '<EOF>'}'.`),
  },
  {
    pattern: /^Catalog Error: Table with name (.+?) does not exist because schema "?(.+?)"? does not exist/,
    map: (m) => schemaDoesNotExist(stripQuotes(m[2])),
  },
  {
    pattern: /^Catalog Error: (?:Table|View) with name "?(.+?)"? does not exist/,
    map: (m) => objectDoesNotExist(stripQuotes(m[1])),
  },
  {
    pattern: /^Binder Error: Catalog "(.+?)" does not exist/,
    map: (m) => databaseDoesNotExist(m[1]),
  },
  {
    pattern: /^Catalog Error: Schema with name "?(.+?)"? does not exist/,
    map: (m) => schemaDoesNotExist(stripQuotes(m[1])),
  },
  {
    pattern: /^Binder Error: (?:Referenced column|Values list .*? does not have a column named) "(.+?)"/,
    map: (m, pos) => compilationError('000904', '42000', `error ${pos}\ninvalid identifier '${m[1]}'`),
  },
  {
    pattern: /^Catalog Error: (?:Scalar |Aggregate |Table )?Function with name "?(\S+?)"? does not exist/,
    map: (m) => compilationError('002140', '42601', `Unknown function ${m[1].toUpperCase()}`),
  },
  {
    pattern: /^Catalog Error: \w+ with name "?(.+?)"? already exists/,
    map: (m) => compilationError('002002', '42710', `Object '${stripQuotes(m[1])}' already exists.`),
  },
  {
    pattern: /^Conversion Error: .*?Could not convert string "?'?(.*?)'?"? to '?([A-Z_0-9]+)/s,
    map: (m) => conversionError(m[1], m[2]),
  },
  {
    // TO_DATE(x, 'fmt') runs as strptime (function-rewrite.ts).
    pattern: /^Invalid Input Error: Could not parse string "(.*)" according to format specifier "(.*)"/,
    map: (m) => new SnowflakeSqlError('100096', '22007', `Can't parse '${m[1]}' as date with format '${m[2]}'`),
  },
  {
    pattern: /^Invalid Input Error: CSV Error on Line: \d+.*?Expected Number of Columns: (\d+) Found: (\d+)/s,
    map: (m) =>
      new SnowflakeSqlError(
        '100080',
        '22000',
        `Number of columns in file (${m[2]}) does not match that of the corresponding table (${m[1]}), use file format option error_on_column_count_mismatch=false to ignore this error`,
      ),
  },
  {
    pattern: /^Constraint Error: NOT NULL constraint failed/,
    map: () => new SnowflakeSqlError('100072', '22000', 'NULL result in a non-nullable column'),
  },
  {
    pattern: /^Out of Range Error: (.*)/,
    map: (m) => new SnowflakeSqlError('100039', '22003', `Numeric value out of range: ${m[1]}`),
  },
  {
    pattern: /^(?:Binder|Catalog|Parser) Error: (.*)/,
    map: (m) => compilationError('001003', '42000', m[1]),
  },
];

/** Snowflake's "value is not recognized" errors, by target type. */
function conversionError(value: string, duckDbType: string): SnowflakeSqlError {
  if (duckDbType === 'DATE') return new SnowflakeSqlError('100040', '22007', `Date '${value}' is not recognized`);
  if (duckDbType.startsWith('TIMESTAMP')) {
    return new SnowflakeSqlError('100035', '22007', `Timestamp '${value}' is not recognized`);
  }
  if (duckDbType === 'BOOL' || duckDbType === 'BOOLEAN') {
    return new SnowflakeSqlError('100037', '22018', `Boolean value '${value}' is not recognized`);
  }
  return new SnowflakeSqlError('100038', '22018', `Numeric value '${value}' is not recognized`);
}

/** Translate a DuckDB exception into the Snowflake error for the same situation. */
export function fromDuckDbError(err: unknown): SnowflakeSqlError {
  if (err instanceof SnowflakeSqlError) return err;
  // DuckDB's statement splitter prefixes parse errors with this; the rest is the real message.
  const full = (err instanceof Error ? err.message : String(err)).replace(/^Failed to extract statements: /, '');
  // DuckDB appends "Did you mean ..." hints and a caret diagram; Snowflake messages carry neither.
  const firstLine = full.split('\n')[0];
  const position = describePosition(full);
  for (const rule of DUCKDB_ERROR_RULES) {
    const match = rule.pattern.exec(rule.pattern.flags.includes('s') ? full : firstLine);
    if (match) {
      const mapped = rule.map(match, position);
      return new SnowflakeSqlError(mapped.code, mapped.sqlState, mapped.message, full);
    }
  }
  return new SnowflakeSqlError('000603', 'XX000', `SQL execution internal error:\n${firstLine}`, full);
}

/** `line L at position P` from DuckDB's `LINE L: ...` plus caret diagram (0-based like Snowflake). */
function describePosition(message: string): string {
  const lines = message.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at === -1 || !lines[at + 1]) return 'line 1 at position 0';
  const prefix = /^LINE (\d+): /.exec(lines[at])!;
  const caret = lines[at + 1].indexOf('^');
  return `line ${prefix[1]} at position ${Math.max(0, caret - prefix[0].length)}`;
}
