/**
 * The `strata` CLI: parse argv, call the library, print. User errors print without a stack
 * trace and exit 2 (invalid project/command) or 1 (run-time failure).
 */
import { fileSystemError, StrataError } from '../errors/strata-error.js';
import { createLogger, type Logger } from '../log/logger.js';
import { collectSecrets, redactSecrets } from '../log/redact.js';
import { loadProject } from '../project/load-project.js';
import { createPhaseTimer } from '../log/phase-timer.js';
import { parseArgs, type CliArgs } from './args.js';
import { cleanCommand } from './commands/clean-command.js';
import { HELP } from './help.js';
import type { OpenProject, PreparedProject } from './open-project.js';
import { prepareProjectState, recordProjectState, STATEFUL_COMMANDS, tryFastPath } from './fast-path.js';

// Commands load their modules when they run: a compile answered from the project state loads
// neither the parser nor the executor (startup is most of its time at 10k models).
const commands = {
  open: () => import('./open-project.js'),
  compile: () => import('./commands/compile-command.js'),
  debug: () => import('./commands/debug-command.js'),
  execute: () => import('./commands/execute-command.js'),
  ls: () => import('./commands/ls-command.js'),
  show: () => import('./commands/show-command.js'),
  ingest: () => import('./commands/ingest-command.js'),
  docs: () => import('./commands/docs-command.js'),
  retry: () => import('./commands/retry-command.js'),
};

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
      return (await commands.ingest()).ingestCommand(args, io.env, logger);
  }
  // compile and ls answer from the project state when nothing (or only model bodies) changed.
  let prepared: PreparedProject | undefined;
  const timer = createPhaseTimer(started);
  if (STATEFUL_COMMANDS.has(args.command)) {
    const fast = await tryFastPath(args, { env: io.env, logger, secrets, started, out });
    if (fast.code !== undefined) return fast.code;
    prepared = fast.prepared;
  }
  timer.mark('start-up and scan');
  let open: OpenProject;
  try {
    open = await (await commands.open()).openProject(args, io.env, logger, prepared, timer);
  } catch (err) {
    prepared?.renderWorker?.stop(); // the parse never ran (it stops the worker itself otherwise)
    throw err;
  }
  const recorded = (code: number): number => {
    if (code === 0) {
      recordProjectState(open, args, secrets);
      timer.mark('project state');
    }
    return code;
  };
  try {
    switch (args.command) {
      case 'parse': return recorded((await commands.compile()).parseCommand(open, logger, secrets, started));
      case 'compile': return recorded(await (await commands.compile()).compileCommand(open, args, logger, secrets, started, () => {
        open.parsed.saveCache?.();
        prepareProjectState(open);
      }));
      case 'ls': return recorded((await commands.ls()).lsCommand(open, args, out));
      case 'show': return await (await commands.show()).showCommand(open, args, out);
      case 'debug': return await (await commands.debug()).debugCommand(open, logger);
      case 'docs': return await (await commands.docs()).docsCommand(open, args, logger, secrets);
      case 'retry': return await (await commands.retry()).retryCommand(open, args, logger, secrets);
      case 'run':
      case 'test':
      case 'seed':
      case 'snapshot':
      case 'build':
        return await (await commands.execute()).executeCommand(open, args, logger, secrets);
      default:
        out(HELP);
        return 2;
    }
  } finally {
    open.parsed.saveCache?.();
    await open.adapter.close();
    logger.debug(timer.summary());
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
