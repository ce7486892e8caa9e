/** `debug`: show the configuration (never secrets) and check the connection. */
import type { Logger } from '../../log/logger.js';
import type { OpenProject } from '../open-project.js';

const HIDDEN = /password|secret|token|private_key|passphrase/i;

export async function debugCommand(open: OpenProject, logger: Logger): Promise<number> {
  const target = open.project.target;
  logger.info(`project: ${open.project.name} (${open.project.configFile} in ${open.project.projectDir})`);
  logger.info(`target: ${target.name} (type ${target.type})`);
  for (const [key, value] of Object.entries(target)) {
    if (key === 'name' || key === 'type' || value === '' || value === undefined) continue;
    logger.info(`  ${key}: ${HIDDEN.test(key) ? '****' : String(value)}`);
  }
  logger.info(`models: ${Object.values(open.manifest.nodes).filter((n) => n.resourceType === 'model').length}, seeds: ${Object.values(open.manifest.nodes).filter((n) => n.resourceType === 'seed').length}`);
  try {
    const connection = await open.adapter.connect();
    await connection.execute('select 1 as ok');
    await connection.close();
    logger.info('Connection test: OK');
    return 0;
  } catch (err) {
    logger.error(`Connection test: FAILED\n  ${(err as Error).message.split('\n').join('\n  ')}`);
    return 1;
  }
}
