/** `ingest`: raw files (local folder or s3://) into the warehouse's raw schema. */
import { userError } from '../../errors/strata-error.js';
import type { Logger } from '../../log/logger.js';
import { loadProject } from '../../project/load-project.js';
import type { CliArgs } from '../args.js';
import { createAdapter } from '../create-adapter.js';

export async function ingestCommand(args: CliArgs, env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  const project = loadProject({ projectDir: args.projectDir, target: args.target, vars: args.vars, env });
  if (!project.ingest) {
    throw userError('E_PROJECT', `${project.configFile} has no ingest: section`, { file: project.configFile, hint: 'Declare the raw files: ingest: { schema: raw, source: data/raw, files: [...] }' });
  }
  // The SDK warns about Node 20 on every start; the project pins Node 20 deliberately.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { runIngest } = await import('../../ingest/index.js');
  const adapter = await createAdapter(project, args.threads);
  try {
    const summary = await runIngest({
      projectDir: project.projectDir, config: project.ingest as never, adapter, logger, env, full: args.full,
      select: args.select.length ? args.select : undefined,
    });
    const loaded = summary.files.filter((f) => f.status === 'loaded').length;
    logger.info(`Ingest done: ${loaded} loaded, ${summary.files.length - loaded} unchanged in ${summary.seconds.toFixed(2)}s`);
    return 0;
  } finally {
    await adapter.close();
  }
}
