/**
 * The bad-input catalog: every case breaks one thing in a built copy of the jaffle fixture and
 * checks the exit code (2 = invalid project or command line, nothing opened; 1 = run-time
 * failure; 0 = a warning and the run goes on), a message with file, line and fix, no stack
 * trace, and that no relation changed. Cases already in test/integration/errors.test.ts are
 * not repeated; where one is close, this one checks another shape or the exact line.
 */
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../helpers.js';
import { buildBase, DB, runCase, type BadInputCase, type BaseProject } from './bad-input-harness.js';

const X = 'models/marts/x.sql';
const SCHEMA = 'models/schema.yml';

export const CATALOG: Record<string, BadInputCase[]> = {
  'project file': [
    { name: 'malformed YAML', setup: (p) => p.append('project.yml', 'extra: [unclosed\n'), code: 2, file: 'project.yml', line: 27, message: /Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/m, fix: /hint: Check the indentation and quoting/ },
    { name: 'a duplicate key', setup: (p) => p.append('project.yml', 'name: again\n'), code: 2, file: 'project.yml', line: 26, message: /Map keys must be unique/, fix: /hint: Check the indentation/ },
    { name: 'a list instead of a mapping', setup: (p) => p.write('project.yml', '- name: jaffle\n'), code: 2, file: 'project.yml', line: 1, message: /project\.yml must be a mapping of settings .*not a list/, fix: /hint: Start it with a line such as: name: my_project/ },
    { name: 'a project name with a dash', setup: (p) => p.replace('project.yml', 'name: jaffle', 'name: jaffle-shop'), code: 2, file: 'project.yml', line: 1, message: /'name' must be a project name of letters, digits and underscores/, fix: /Write for example: name: sales/ },
    { name: 'threads: many', setup: (p) => p.replace('project.yml', 'threads: 2', 'threads: many'), code: 2, file: 'project.yml', line: 9, message: /Target 'dev': threads must be a whole number >= 1 \(got many\)/, fix: /hint: threads: 4/ },
    { name: 'threads: 0', setup: (p) => p.replace('project.yml', 'threads: 2', 'threads: 0'), code: 2, file: 'project.yml', line: 9, message: /threads must be a whole number >= 1 \(got 0\)/, fix: /hint: threads: 4/ },
    { name: 'materialized: 3 in a folder config', setup: (p) => p.replace('project.yml', '+materialized: table', '+materialized: 3'), code: 2, file: 'project.yml', line: 19, message: /Model 'orders': materialized must be a name, not 3/, fix: /Use one of: view, table, incremental, ephemeral/ },
    { name: 'an unknown materialization in a folder config', setup: (p) => p.replace('project.yml', '+materialized: table', '+materialized: tabel'), code: 2, file: 'project.yml', line: 19, message: /Model 'customers': unknown materialization 'tabel'/, fix: /Did you mean 'table'\?/ },
    { name: 'an unknown top-level key (warning, still runs)', setup: (p) => p.append('project.yml', 'modles: {}\n'), code: 0, file: 'project.yml', line: 26, message: /Warning \[E_CONFIG\] .*Unknown key 'modles' in project\.yml is ignored/, fix: /Did you mean 'models'\?/ },
    { name: 'vars that are not a mapping', setup: (p) => p.replace('project.yml', 'vars:\n  min_amount: 0', 'vars: [min_amount]'), code: 2, file: 'project.yml', line: 10, message: /'vars' must be a mapping/, fix: /hint: Write vars: followed by indented key: value lines/ },
    { name: 'model-paths that are not folder names', setup: (p) => p.append('project.yml', 'model-paths: 3\n'), code: 2, file: 'project.yml', line: 26, message: /'model-paths' must be a list of folder names/, fix: /Write model-paths: \[folder\]/ },
    { name: 'a var used in project.yml that is not defined', setup: (p) => p.replace('project.yml', /path: .*/, `path: "target/{{ var('db_name') }}.duckdb"`), code: 2, file: 'project.yml', line: 7, message: /Required var 'db_name' is not defined/, fix: /pass --vars '\{db_name: \.\.\.\}', or give a default/ },
    { name: 'an env var used in project.yml that is not set', setup: (p) => p.replace('project.yml', /path: .*/, `path: "{{ env_var('JAFFLE_DB_PATH') }}"`), code: 2, file: 'project.yml', line: 7, message: /Env var required but not provided: 'JAFFLE_DB_PATH'/, fix: /Set JAFFLE_DB_PATH in the environment, or give a default/ },
    { name: 'a template error in a project.yml value', setup: (p) => p.replace('project.yml', /path: .*/, `path: "{{ env_var('X' }}"`), code: 2, file: 'project.yml', line: 7, message: /Cannot render "\{\{ env_var\('X' \}\}"/, fix: /Only env_var\('NAME', 'default'\) and var\('name'\) may be used/ },
    { name: 'a default target that is not defined', setup: (p) => p.replace('project.yml', 'target: dev', 'target: prod'), code: 2, file: 'project.yml', line: 4, message: /Target 'prod' is not defined in project\.yml/, fix: /Defined targets: dev/ },
    { name: 'an unsupported warehouse type', setup: (p) => p.replace('project.yml', 'type: duckdb', 'type: postgres'), code: 2, file: 'project.yml', line: null, message: /Target 'dev' has type 'postgres', which Strata does not support/, fix: /Use type: duckdb or type: snowflake/ },
  ],
  'schema YAML': [
    { name: 'a nested mapping in a compact value', setup: (p) => p.replace(SCHEMA, 'description: One row per order.', 'description: orders: one row each'), code: 2, file: SCHEMA, line: 8, message: /Invalid YAML: Nested mappings are not allowed in compact mappings/, fix: /a value with ": " or "#" needs quotes/ },
    { name: "'models' as a mapping", setup: (p) => p.write(SCHEMA, 'version: 2\nmodels:\n  orders:\n    description: x\n'), code: 2, file: SCHEMA, line: 2, message: /'models' must be a list/, fix: /- name: my_model/ },
    { name: 'a model entry without a name', setup: (p) => p.replace(SCHEMA, '  - name: customers\n', '  - title: customers\n'), code: 2, file: SCHEMA, line: 27, message: /Entry 3 under 'models' has no name/, fix: /Each entry needs `name: <node name>`/ },
    { name: 'an unknown top-level key (warning, still runs)', setup: (p) => p.replace(SCHEMA, 'version: 2\n', 'version: 2\nmodles: []\n'), code: 0, file: SCHEMA, line: 2, message: /Warning \[E_YAML\] .*Unknown key 'modles' is ignored/, fix: /Did you mean 'models'\?/ },
    { name: 'docs for a model that does not exist (warning, still runs)', setup: (p) => p.append(SCHEMA, '  - name: order_items\n    description: x\n'), code: 0, file: SCHEMA, line: 32, message: /model 'order_items' is documented here but no such file exists/, fix: /Create models\/\.\.\.\/order_items\.sql or fix the name/ },
    { name: 'a source table declared twice', setup: (p) => p.write('models/sources.yml', 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n      - name: orders\n'), code: 2, file: 'models/sources.yml', line: 6, message: /Source table raw\.orders is declared twice/, fix: /Declare each source table once/ },
    { name: 'doc() of a docs block that does not exist', setup: (p) => p.replace(SCHEMA, "doc('orders_status')", "doc('order_status')"), code: 2, file: SCHEMA, line: 13, message: /doc\('order_status'\) not found/, fix: /\{% docs order_status %\}\.\.\.\{% enddocs %\}/ },
  ],
  'data tests': [
    { name: 'an unknown generic test name', setup: (p) => p.replace(SCHEMA, 'data_tests: [unique, not_null]', 'data_tests: [unique, not_nul]'), code: 2, file: SCHEMA, line: 11, message: /Generic test 'not_nul' is not defined/, fix: /Did you mean 'not_null'\?/ },
    { name: 'a generic test that nobody defined', setup: (p) => p.replace(SCHEMA, '- is_positive', '- is_even'), code: 2, file: SCHEMA, line: 26, message: /Generic test 'is_even' is not defined/, fix: /\{% test is_even\(model, column_name\) %\}/ },
    { name: 'accepted_values without values', setup: (p) => p.replace(SCHEMA, /\n +values: \[.*\]/, '\n              quote: true'), code: 2, file: SCHEMA, line: 15, message: /Test accepted_values on orders\.status needs 'values'/, fix: /values: \['placed', 'shipped'\]/ },
    { name: 'accepted_values with an empty list', setup: (p) => p.replace(SCHEMA, /values: \[.*\]/, 'values: []'), code: 2, file: SCHEMA, line: 15, message: /needs 'values'/, fix: /accepted_values: \{ values:/ },
    { name: 'relationships to a model that does not exist', setup: (p) => p.replace(SCHEMA, "to: ref('stg_customers')", "to: ref('stg_customer')"), code: 2, file: SCHEMA, line: 20, message: /ref\('stg_customer'\) not found \(test 'relationships_orders_customer_id/, fix: /Did you mean 'stg_customers'\?/ },
    { name: 'relationships without field', setup: (p) => p.replace(SCHEMA, /\n +field: customer_id/, ''), code: 2, file: SCHEMA, line: 19, message: /Test relationships on orders\.customer_id needs 'field'/, fix: /field: customer_id \}/ },
  ],
  'templates, refs and the graph': [
    { name: 'an unclosed expression', setup: (p) => p.write(X, 'select 1 as a,\n  {{ ref("stg_orders" }} as b\n'), code: 2, file: X, line: 2, message: /expected comma after expression/, fix: /check \{\{ \}\}, \{% %\} and matching end tags/ },
    { name: 'an unknown tag', setup: (p) => p.write(X, 'select 1\n{% iff true %}x{% endif %}\n'), code: 2, file: X, line: 2, message: /unknown block tag: iff/, fix: /supported: set, if, for, macro/ },
    { name: 'a misspelt macro', setup: (p) => p.write(X, 'select\n  {{ cents_to_dolars("amount") }} as a\nfrom {{ ref("raw_payments") }}\n'), code: 2, file: X, line: 2, message: /Unable to call `cents_to_dolars`, which is undefined/, fix: /check its spelling, or define it/ },
    { name: 'an undefined var on line 3 (the line is exact)', setup: (p) => p.write(X, 'select\n  1 as a,\n  {{ var("discount_rate") }} as b\n'), code: 2, file: X, line: 3, message: /Required var 'discount_rate' is not defined/, fix: /pass --vars '\{discount_rate: \.\.\.\}'/ },
    { name: 'exceptions.raise_compiler_error', setup: (p) => p.write(X, 'select 1\n{{ exceptions.raise_compiler_error("set the amount column first") }}\n'), code: 2, file: X, line: 2, message: /Error \[E_TEMPLATE\] models\/marts\/x\.sql:2:\d+: set the amount column first/ },
    { name: 'a ref into a package', setup: (p) => p.write(X, 'select * from {{ ref("other_pkg", "orders") }}\n'), code: 2, file: X, line: 1, message: /ref\('other_pkg', 'orders'\): packages are not supported yet/, fix: /or write ref\('orders'\)/ },
    { name: 'a missing ref in a singular test', setup: (p) => p.write('tests/t.sql', '-- no orders are lost\nselect * from {{ ref("order") }} where 1 = 0\n'), code: 2, file: 'tests/t.sql', line: 2, message: /ref\('order'\) not found \(test 't'\)/, fix: /Did you mean 'orders'\?/ },
    { name: 'a misspelt source table', setup: (p) => { p.write('models/sources.yml', 'version: 2\nsources:\n  - name: raw\n    schema: main_raw\n    tables:\n      - name: raw_orders\n'); p.write(X, 'select *\nfrom {{ source("raw", "raw_order") }}\n'); }, code: 2, file: X, line: 2, message: /source\('raw', 'raw_order'\) not found/, fix: /Did you mean source\('raw', 'raw_orders'\)\?/ },
    { name: 'a model that refs itself', setup: (p) => p.write(X, 'select * from {{ ref("x") }}\n'), code: 2, file: X, line: null, message: /Dependency cycle: x -> x/, fix: /Break the cycle by removing one of these ref\(\) calls/ },
    { name: 'a seed and a model with one name', setup: (p) => p.write('models/marts/raw_orders.sql', 'select 1 as id\n'), code: 2, file: 'seeds/raw_orders.csv', line: null, message: /A model and a seed are both named 'raw_orders'/, fix: /ref\('raw_orders'\) would be ambiguous/ },
    { name: 'an unknown materialization in config()', setup: (p) => p.write(X, "{{ config(materialized='ephemeral_view') }}\nselect 1 as a\n"), code: 2, file: X, line: 1, message: /Model 'x': unknown materialization 'ephemeral_view'/, fix: /Use one of: view, table, incremental, ephemeral/ },
  ],
  seeds: [
    { name: 'cp1251 bytes', setup: (p) => p.write('seeds/raw_customers.csv', Buffer.concat([Buffer.from('id,first_name,last_name,city\n1,A,B,'), Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]), Buffer.from('\n')])), code: 2, file: 'seeds/raw_customers.csv', line: 2, message: /The seed is not valid UTF-8/, fix: /iconv -f cp1251 -t utf-8/ },
    { name: 'UTF-16 with its byte-order mark', setup: (p) => p.write('seeds/raw_customers.csv', Buffer.from('\ufeffid,first_name\n1,A\n', 'utf16le')), code: 2, file: 'seeds/raw_customers.csv', line: 1, message: /The seed is UTF-16/, fix: /iconv -f utf-16 -t utf-8/ },
    {
      name: 'a UTF-8 byte-order mark (loaded cleanly)', code: 0, message: /OK loaded seed file main_raw\.raw_customers/,
      setup: (p) => p.write('seeds/raw_customers.csv', `\ufeff${p.read('seeds/raw_customers.csv')}`),
      // Same relation as without the BOM (the harness compares every fingerprint); the column is `id`, not `\ufeffid`.
      verify: async (p) => expect(await query(join(p.dir, DB), "select column_name from duckdb_columns() where table_name = 'raw_customers' order by column_index")).toEqual(['id', 'first_name', 'last_name', 'city'].map((column_name) => ({ column_name }))),
    },
    { name: 'a row with an extra field', setup: (p) => p.write('seeds/raw_orders.csv', 'id,user_id,order_date,status\n1,1,2018-01-01,returned\n2,3,2018-01-02,completed,extra\n'), code: 2, file: 'seeds/raw_orders.csv', line: 3, message: /Row has 5 fields but the header has 4/, fix: /quote values that contain commas/ },
    { name: 'an unclosed quote', setup: (p) => p.write('seeds/raw_customers.csv', 'id,first_name,last_name,city\n1,A,B,"X\n2,C,D,Y\n'), code: 2, file: 'seeds/raw_customers.csv', line: 3, message: /Cannot parse CSV: Quote Not Closed/, fix: /Quote fields that contain commas or quotes/ },
    { name: 'an empty file', setup: (p) => p.write('seeds/raw_customers.csv', ''), code: 2, file: 'seeds/raw_customers.csv', line: 1, message: /The seed file is empty/, fix: /Add a header row with column names/ },
    { name: 'a duplicate header column', setup: (p) => p.write('seeds/raw_customers.csv', 'id,id,city\n1,2,X\n'), code: 2, file: 'seeds/raw_customers.csv', line: 1, message: /Duplicate column 'id' in the header/, fix: /Give each column a distinct name/ },
    { name: 'column_types naming a column the header lacks (warning, still runs)', setup: (p) => p.replace('project.yml', '{ amount: double }', '{ amount: double, amt: double }'), code: 0, file: 'seeds/raw_payments.csv', line: null, message: /Warning \[E_CONFIG\] .*column_types names 'amt', which is not a column of the seed/, fix: /Columns: id, order_id, payment_method, amount/ },
    { name: 'column_types that the values do not fit', setup: (p) => p.replace('project.yml', '{ amount: double }', '{ payment_method: integer }'), code: 1, file: 'seeds/raw_payments.csv', line: 2, message: /value "credit_card" in column payment_method is not a valid INTEGER/, fix: /or the column's type in column_types/ },
    { name: 'column_types with a type that does not exist', setup: (p) => p.replace('project.yml', '{ amount: double }', '{ amount: dubble }'), code: 1, file: 'seeds/raw_payments.csv', line: null, message: /Type with name dubble does not exist/, fix: /Did you mean "double"\?/ },
  ],
  'warehouse and file system': [
    { name: 'a SQL error on line 4 of a model', setup: (p) => p.write(X, "{{ config(materialized='table') }}\n-- amounts per order\nselect order_id,\n  amount * amout as x\nfrom {{ ref('orders') }}\n"), code: 1, file: X, line: 4, message: /Referenced column "amout" not found/, fix: /Candidate bindings: "amount"/ },
    { name: 'a broken view keeps its previous version', setup: (p) => p.replace('models/staging/stg_orders.sql', 'from {{', "from {{ ref('raw_customers') }} c, {{"), code: 1, file: 'models/staging/stg_orders.sql', line: null, message: /ERROR creating sql view model main_staging\.stg_orders/, fix: /Ambiguous reference to column name "id"|Binder Error/ },
    { name: 'a ref written as a literal name that does not exist', setup: (p) => p.write(X, "{{ config(materialized='table') }}\nselect *\nfrom main_marts.order\n"), code: 1, file: X, line: 3, message: /Table with name order does not exist/, fix: /Did you mean "main_marts\.orders"\?|Did you mean/ },
    { name: 'a value that does not convert at run time', setup: (p) => p.write(X, "{{ config(materialized='table') }}\nselect cast(status as integer) as s\nfrom {{ ref('orders') }}\n"), code: 1, file: X, line: 2, message: /Could not convert string 'returned' to INT32/, fix: /when casting from source column status/ },
    { name: 'a database file that is not a database', bytesOnly: true, setup: (p) => p.write(DB, 'this is not a database\n'), code: 1, file: DB, line: null, message: /Cannot open the DuckDB database .*not a valid DuckDB database/, fix: /Check that the path is a DuckDB database file/ },
    { name: 'a database path that is a folder', setup: (p) => p.write('target/adir/keep', ''), env: { STRATA_DUCKDB_PATH: 'target/adir' }, code: 1, file: 'target/adir', line: null, message: /Cannot open the DuckDB database .*Is a directory/, fix: /Check that the path is a DuckDB database file/ },
    { name: "a file where the database's folder should be", setup: (p) => p.write('target/blocked', 'a file'), env: { STRATA_DUCKDB_PATH: 'target/blocked/jaffle.duckdb' }, code: 1, file: 'target/blocked/jaffle.duckdb', line: null, message: /Cannot create the folder of the DuckDB database/, fix: /at a file in a folder that exists or can be created/ },
    {
      name: 'a full disk under the database (its WAL on /dev/full)', setup: (p) => symlinkSync('/dev/full', join(p.dir, `${DB}.wal`)),
      code: 1, file: 'seeds/raw_orders.csv', line: null, message: /Failed to commit: Could not write file ".*jaffle\.duckdb\.wal": No space left on device/, fix: /No space left on device/,
      verify: (p) => rmSync(join(p.dir, `${DB}.wal`)),
    },
    {
      name: 'a full disk under target/compiled (/dev/full)', code: 1, file: 'target/compiled/jaffle/models/marts/orders.sql', line: null,
      setup: (p) => { rmSync(join(p.dir, 'target/compiled/jaffle/models/marts/orders.sql')); symlinkSync('/dev/full', join(p.dir, 'target/compiled/jaffle/models/marts/orders.sql')); p.append('models/marts/orders.sql', '-- recompiled\n'); },
      message: /Error \[E_IO\] Cannot write .*orders\.sql: no space left on the device \(ENOSPC\)/, fix: /Free some disk space, or point target-path/,
    },
    { name: 'a target-path that is a file', setup: (p) => { p.write('blocker', 'a file'); p.append('project.yml', 'target-path: blocker\n'); }, code: 1, file: 'blocker/compiled', line: null, message: /Error \[E_IO\] Cannot mkdir .*blocker\/compiled.*part of the path is a file, not a folder \(ENOTDIR\)/, fix: /point target-path in the project file/ },
  ],
  'command line': [
    { name: 'bad --vars YAML', argv: ['build', '--vars', '{min_amount: [1'], code: 2, message: /--vars is not valid YAML/, fix: /--vars '\{key: value\}'/ },
    { name: '--vars that is a list', argv: ['build', '--vars', '[1, 2]'], code: 2, message: /--vars must be a YAML mapping/, fix: /--vars '\{key: value\}'/ },
    { name: 'an unknown selector method', argv: ['build', '-s', 'colour:red'], code: 2, message: /Unknown selector method 'colour' in 'colour:red'/, fix: /Methods: fqn, tag, path/ },
    { name: 'an unknown log format', argv: ['build', '--log-format', 'xml'], code: 2, message: /--log-format must be text or json \(got 'xml'\)/, fix: /text or json/ },
    { name: '--select without a value', argv: ['build', '--select'], code: 2, message: /--select needs a value/, fix: /--select my_model/ },
    { name: '--threads 0', argv: ['build', '--threads', '0'], code: 2, message: /--threads must be a whole number >= 1 \(got '0'\)/, fix: /whole number >= 1/ },
    { name: '--limit that is not a number', argv: ['show', '-s', 'orders', '--limit', 'abc'], code: 2, message: /--limit must be a whole number >= 0 \(got 'abc'\)/, fix: /--limit 10/ },
    { name: 'a misspelt option', argv: ['build', '--full-refres'], code: 2, message: /Unknown option --full-refres/, fix: /Did you mean --full-refresh\?/ },
    { name: '--state without a manifest', argv: ['build', '-s', 'state:modified', '--state', 'no-such-folder'], code: 2, message: /--state no-such-folder: no manifest\.json there/, fix: /Point --state at the target folder of an earlier run/ },
    { name: '-t without a target name', argv: ['build', '-t'], code: 2, message: /-t needs a value/, fix: /needs a value/ },
    { name: '--project-dir that does not exist', argv: ['build', '--project-dir', '/nonexistent/strata-project'], code: 2, message: /No project\.yml \(or dbt_project\.yml\) found in \/nonexistent\/strata-project/, fix: /pass --project-dir <folder>/ },
  ],
};

let base: BaseProject;
beforeAll(async () => {
  base = await buildBase();
}, 60_000);
afterAll(() => base?.cleanup());

describe('bad input: exit code, file, line and fix, nothing changed', () => {
  for (const [category, cases] of Object.entries(CATALOG)) {
    describe(category, () => {
      for (const c of cases) it(c.name, () => runCase(base, c));
    });
  }

  it('covers at least 40 cases', () => {
    expect(Object.values(CATALOG).flat().length).toBeGreaterThanOrEqual(40);
  });
});
