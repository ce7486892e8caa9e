/** `docs generate` (catalog + docs data) and `docs serve`. Wired to framework/src/docs. */
import { userError } from '../../errors/strata-error.js';
import type { Logger } from '../../log/logger.js';
import type { SecretSet } from '../../log/redact.js';
import type { CliArgs } from '../args.js';
import type { OpenProject } from '../open-project.js';

export async function docsCommand(open: OpenProject, args: CliArgs, logger: Logger, secrets: SecretSet): Promise<number> {
  void open; void logger; void secrets;
  throw userError('E_ARGS', `strata docs ${args.subcommand ?? ''} is not wired yet`, { hint: 'Use docs generate / docs serve once available.' });
}
