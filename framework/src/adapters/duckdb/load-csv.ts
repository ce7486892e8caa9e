/** Bulk CSV load with DuckDB's own reader (never row-by-row inserts). */
import type { Connection, CsvLoadRequest, CsvLoadResult, SqlDialect } from '../adapter.js';

/** SQL that replaces `request.relation` with the file's contents, typed as declared. */
export function planDuckDbCsvLoad(dialect: SqlDialect, request: CsvLoadRequest): string {
  const columns = request.columns
    .map((c) => `${dialect.stringLiteral(c.name)}: ${dialect.stringLiteral(c.type)}`)
    .join(', ');
  const options = [
    `header = ${request.header ? 'true' : 'false'}`,
    `delim = ${dialect.stringLiteral(request.delimiter ?? ',')}`,
    `quote = '"'`,
    `escape = '"'`,
    // An empty field is NULL, a quoted empty field ("") an empty string, as Snowflake's COPY reads them.
    'allow_quoted_nulls = false',
    `columns = {${columns}}`,
    'auto_detect = false',
    'strict_mode = true',
    'null_padding = false',
  ];
  if (request.dateFormat) options.push(`dateformat = ${dialect.stringLiteral(request.dateFormat)}`);
  // Constants ride along in the one scan (an alter afterwards costs a rewrite at checkpoint).
  const constants = (request.constants ?? []).map((c) => `, ${dialect.stringLiteral(c.value)} as ${dialect.quoteIdentifier(c.name)}`).join('');
  return dialect.createTableAs(
    request.relation,
    `select *${constants} from read_csv(${dialect.stringLiteral(request.file)}, ${options.join(', ')})`,
  );
}

export async function loadDuckDbCsv(
  connection: Connection,
  dialect: SqlDialect,
  request: CsvLoadRequest,
): Promise<CsvLoadResult> {
  const result = await connection.execute(planDuckDbCsvLoad(dialect, request));
  return { rows: result.rowsAffected ?? 0 };
}
