/** Parse the command line (dbt's flags). Pure: argv in, CliArgs out, StrataError on misuse. */
import { suggestName, userError } from '../errors/strata-error.js';
import { yamlPackage } from '../project/yaml-file.js';

export interface CliArgs {
  command: string;
  subcommand?: string;
  select: string[];
  exclude: string[];
  target?: string;
  vars: Record<string, unknown>;
  threads?: number;
  fullRefresh: boolean;
  failFast: boolean;
  projectDir: string;
  logFormat: 'text' | 'json';
  quiet: boolean;
  debug: boolean;
  limit: number;
  inline?: string;
  output: string;
  resourceTypes: string[];
  state?: string;
  defer: boolean;
  full: boolean;
  port?: number;
  help: boolean;
}

export const COMMANDS = ['parse', 'compile', 'run', 'test', 'seed', 'snapshot', 'build', 'ls', 'list', 'show', 'debug', 'clean', 'ingest', 'docs', 'retry', 'help', 'version'];

const MULTI = new Set(['--select', '-s', '--models', '-m', '--exclude', '--resource-type', '--resource-types']);
const VALUE = new Set(['--target', '-t', '--vars', '--threads', '--project-dir', '--log-format', '--limit', '--inline', '--output', '-o', '--state', '--port', '--profiles-dir']);
const BOOL = new Set(['--full-refresh', '-f', '--fail-fast', '-x', '--quiet', '-q', '--debug', '-d', '--defer', '--full', '--help', '-h', '--no-version-check', '--version']);

export function parseArgs(argv: string[], cwd: string): CliArgs {
  const args: CliArgs = {
    command: '', select: [], exclude: [], vars: {}, fullRefresh: false, failFast: false, projectDir: cwd,
    logFormat: 'text', quiet: false, debug: false, limit: 10, output: 'selector', resourceTypes: [], defer: false, full: false, help: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let token = argv[i];
    let inlineValue: string | undefined;
    if (token.startsWith('--') && token.includes('=')) {
      inlineValue = token.slice(token.indexOf('=') + 1);
      token = token.slice(0, token.indexOf('='));
    }
    if (MULTI.has(token)) {
      const values: string[] = inlineValue !== undefined ? [inlineValue] : [];
      while (inlineValue === undefined && i + 1 < argv.length && !argv[i + 1].startsWith('-')) values.push(argv[++i]);
      if (values.length === 0) throw userError('E_ARGS', `${token} needs a value`, { hint: `${token} my_model` });
      if (token === '--exclude') args.exclude.push(...values);
      else if (token.startsWith('--resource-type')) args.resourceTypes.push(...values);
      else args.select.push(...values);
    } else if (VALUE.has(token)) {
      const value = inlineValue ?? argv[++i];
      if (value === undefined) throw userError('E_ARGS', `${token} needs a value`);
      applyValue(args, token, value);
    } else if (BOOL.has(token)) {
      if (token === '--full-refresh' || token === '-f') args.fullRefresh = true;
      else if (token === '--fail-fast' || token === '-x') args.failFast = true;
      else if (token === '--quiet' || token === '-q') args.quiet = true;
      else if (token === '--debug' || token === '-d') args.debug = true;
      else if (token === '--defer') args.defer = true;
      else if (token === '--full') args.full = true;
      else if (token === '--help' || token === '-h') args.help = true;
      else if (token === '--version') positional.unshift('version');
    } else if (token.startsWith('-')) {
      const known = [...MULTI, ...VALUE, ...BOOL].filter((f) => f.startsWith('--'));
      const guess = suggestName(token, known);
      throw userError('E_ARGS', `Unknown option ${token}`, { hint: guess ? `Did you mean ${guess}?` : 'Run strata help for the options.' });
    } else {
      positional.push(token);
    }
  }
  args.command = positional[0] ?? 'help';
  args.subcommand = positional[1];
  if (!COMMANDS.includes(args.command)) {
    const guess = suggestName(args.command, COMMANDS);
    throw userError('E_ARGS', `Unknown command '${args.command}'`, { hint: guess ? `Did you mean 'strata ${guess}'?` : `Commands: ${COMMANDS.join(', ')}` });
  }
  if (args.command === 'list') args.command = 'ls';
  return args;
}

/** A flag's value as a whole number in [min, max] (before, `--limit abc` reached the warehouse as `limit NaN`). */
function wholeNumber(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw userError('E_ARGS', `${flag} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` >= ${min}`} (got '${value}')`, { hint: `${flag} ${Math.max(min, 10)}` });
  }
  return n;
}

function applyValue(args: CliArgs, flag: string, value: string): void {
  switch (flag) {
    case '--target':
    case '-t': args.target = value; break;
    case '--vars': {
      let parsed: unknown;
      try {
        parsed = yamlPackage().parse(value);
      } catch (err) {
        throw userError('E_ARGS', `--vars is not valid YAML: ${(err as Error).message.split('\n')[0]}`, { hint: `--vars '{key: value}'` });
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw userError('E_ARGS', '--vars must be a YAML mapping', { hint: `--vars '{key: value}'` });
      args.vars = parsed as Record<string, unknown>;
      break;
    }
    case '--threads': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw userError('E_ARGS', `--threads must be a whole number >= 1 (got '${value}')`);
      args.threads = n;
      break;
    }
    case '--project-dir': args.projectDir = value; break;
    case '--log-format':
      if (value !== 'text' && value !== 'json') throw userError('E_ARGS', `--log-format must be text or json (got '${value}')`);
      args.logFormat = value;
      break;
    case '--limit': args.limit = wholeNumber(flag, value, 0); break;
    case '--inline': args.inline = value; break;
    case '--output':
    case '-o': args.output = value; break;
    case '--state': args.state = value; break;
    case '--port': args.port = wholeNumber(flag, value, 1, 65535); break;
    case '--profiles-dir': process.env.DBT_PROFILES_DIR = value; break;
  }
}
