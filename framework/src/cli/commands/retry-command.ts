/** `retry`: run again what errored, failed or was skipped in the last run (target/run_results.json). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResultsArtifact } from '../../artifacts/types.js';
import { userError } from '../../errors/strata-error.js';
import type { Logger } from '../../log/logger.js';
import type { SecretSet } from '../../log/redact.js';
import type { CliArgs } from '../args.js';
import type { OpenProject } from '../open-project.js';
import { executeCommand } from './execute-command.js';

export async function retryCommand(open: OpenProject, args: CliArgs, logger: Logger, secrets: SecretSet): Promise<number> {
  const path = join(open.targetDir, 'run_results.json');
  if (!existsSync(path)) throw userError('E_ARGS', 'Nothing to retry: no target/run_results.json', { hint: 'Run strata build (or run/test/seed) first.' });
  const last = JSON.parse(readFileSync(path, 'utf8')) as RunResultsArtifact;
  const command = last.metadata.command;
  if (!['run', 'test', 'seed', 'snapshot', 'build'].includes(command)) throw userError('E_ARGS', `The last command was '${command}', which retry cannot repeat`, { hint: 'retry repeats run, test, seed, snapshot and build.' });
  const again = new Set(last.results.filter((r) => ['error', 'fail', 'skipped'].includes(r.status) && open.manifest.nodes[r.uniqueId]).map((r) => r.uniqueId));
  if (again.size === 0) {
    logger.info('Nothing to retry: the last run had no errors, failures or skips.');
    return 0;
  }
  logger.info(`Retrying ${again.size} node${again.size === 1 ? '' : 's'} from the last '${command}'`);
  return executeCommand(open, { ...args, command }, logger, secrets, again);
}
