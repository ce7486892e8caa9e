export const HELP = `strata: build, test and document SQL models (dbt-style) on DuckDB or Snowflake

Usage: strata <command> [options]

Commands:
  parse              read the project and write target/manifest.json
  compile            render every model to SQL under target/compiled/
  run                build models (views, tables, incrementals)
  test               run data tests
  seed               load CSV seeds
  snapshot           record changes of snapshot selects as SCD type 2 history (snapshots/)
  build              seeds, snapshots, models and tests in dependency order (a failing test skips its children)
  ls                 list nodes (--output selector|name|path|json, --resource-type)
  show               preview rows: --select model or --inline "select ..." [--limit 10]
  debug              show the configuration and test the connection
  retry              run again what errored, failed or was skipped last time
  clean              remove the target folder
  ingest             load the raw files (local folder or s3://) into the raw schema [--full]
  docs generate      write target/catalog.json and the docs data; docs serve: serve the site

Options:
  -s, --select SEL   nodes to act on (name, +name+, 2+name, @name, tag:x, path:dir, config.materialized:table, ...)
  --exclude SEL      nodes to leave out
  -t, --target NAME  target from project.yml
  --vars YAML        override vars, e.g. --vars '{top_n: 20}'
  --threads N        concurrent nodes
  -f, --full-refresh rebuild incremental models from scratch (never snapshots)
  -x, --fail-fast    stop at the first failure
  --project-dir DIR  the project folder (default: current folder)
  --state DIR        an earlier target folder, for state:modified / state:new / result:error selectors
  --defer            with --state: unbuilt parents outside the selection read the state's relations
  --log-format text|json, -q/--quiet, -d/--debug

Exit codes: 0 success, 1 a node failed, 2 invalid project or command line.`;
