/**
 * CLI of the deterministic raw-data generator.
 *
 * Usage: node dist/scripts/generate-data/main.js --out <dir> [--scale <fraction>] [--seed <n>] [--only-month <n>]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateData } from './generate.js';

const USAGE = `Usage: generate-data --out <dir> [--scale <fraction>] [--seed <n>] [--only-month <n>]
  --out <dir>         folder for sales_train.csv, items.csv, item_categories.csv, shops.csv
  --scale <fraction>  share of the real 2,935,849 sales rows (default 1); dimension files never scale
  --seed <n>          seed of the sales (default ${DEFAULT_SEED}); same seed and scale = same bytes
  --only-month <n>    write only month n (0..34, 34 = 2015-11) to sales_train_month_<n>.csv`;

/** Parses a numeric option, rejecting junk like "1e" or "abc". */
function parseNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

async function runCli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      'only-month': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);
  const summary = await generateData({
    outDir: values.out,
    scale: parseNumber('scale', values.scale),
    seed: parseNumber('seed', values.seed),
    onlyMonth: parseNumber('only-month', values['only-month']),
  });
  const files = summary.files.map((file) => `${file.name} ${file.rows.toLocaleString('en-US')} rows ${(file.bytes / 1e6).toFixed(1)} MB`);
  console.log(`generate-data: ${files.join(', ')} (seed ${summary.seed}, scale ${summary.scale}) in ${(summary.elapsedMs / 1000).toFixed(1)} s -> ${values.out}`);
}

runCli(process.argv.slice(2)).catch((error: unknown) => {
  // User errors (bad flags) print without a stack trace.
  console.error(`generate-data: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
