/**
 * The `strata` CLI: parse argv, call the library, print. User errors print without a stack
 * trace and exit 2 (invalid project/command) or 1 (run-time failure).
 */
import { fileSystemError, StrataError } from '../errors/strata-error.js';
import { createLogger, type Logger } from '../log/logger.js';
import { collectSecrets, redactSecrets } from '../log/redact.js';
import { loadProject } from '../project/load-project.js';
import { parseArgs, type CliArgs } from './args.js';
import { cleanCommand } from './commands/clean-command.js';
import { compileCommand, parseCommand } from './commands/compile-command.js';
import { debugCommand } from './commands/debug-command.js';
import { executeCommand } from './commands/execute-command.js';
import { lsCommand } from './commands/ls-command.js';
import { showCommand } from './commands/show-command.js';
import { ingestCommand } from './commands/ingest-command.js';
import { docsCommand } from './commands/docs-command.js';
import { retryCommand } from './commands/retry-command.js';
import { HELP } from './help.js';
import { openProject } from './open-project.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  isTty?: boolean;
}

async function dispatch(args: CliArgs, io: CliIo, logger: Logger, started: number): Promise<number> {
  const secrets = collectSecrets(io.env);
  const out = (text: string) => io.stdout(redactSecrets(text, secrets));
  switch (args.command) {
    case 'help':
      out(HELP);
      return 0;
    case 'version':
      out('strata 0.1.0');
      return 0;
    case 'clean':
      return cleanCommand(loadProject({ projectDir: args.projectDir, target: args.target, vars: args.vars, env: io.env }), logger);
    case 'ingest':
      return ingestCommand(args, io.env, logger);
  }
  const open = await openProject(args, io.env, logger);
  try {
    switch (args.command) {
      case 'parse': return parseCommand(open, logger, secrets, started);
      case 'compile': return compileCommand(open, args, logger, secrets, started);
      case 'ls': return lsCommand(open, args, out);
      case 'show': return await showCommand(open, args, out);
      case 'debug': return await debugCommand(open, logger);
      case 'docs': return await docsCommand(open, args, logger, secrets);
      case 'retry': return await retryCommand(open, args, logger, secrets);
      case 'run':
      case 'test':
      case 'seed':
      case 'build':
        return await executeCommand(open, args, logger, secrets);
      default:
        out(HELP);
        return 2;
    }
  } finally {
    await open.adapter.close();
  }
}

/** Run the CLI and return the exit code (tests call this in-process). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const started = Date.now();
  const secrets = collectSecrets(io.env);
  let logger: Logger = createLogger({ secrets, write: (line, level) => (level === 'error' ? io.stderr : io.stdout)(line), isTty: io.isTty ?? false });
  try {
    const args = parseArgs(argv, io.cwd);
    logger = createLogger({ secrets, format: args.logFormat, quiet: args.quiet, debug: args.debug, write: (line, level) => (level === 'error' ? io.stderr : io.stdout)(line), isTty: io.isTty ?? false });
    if (args.help) {
      io.stdout(HELP);
      return 0;
    }
    return await dispatch(args, io, logger, started);
  } catch (err) {
    const userFacing = err instanceof StrataError ? err : fileSystemError(err);
    if (userFacing) {
      for (const line of userFacing.message.split('\n')) logger.error(line);
      return userFacing.exitCode;
    }
    logger.error(`Internal error (please report it): ${(err as Error)?.stack ?? String(err)}`);
    return 2;
  }
}
