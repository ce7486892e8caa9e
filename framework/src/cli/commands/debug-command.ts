/**
 * `debug`: show the configuration (never secrets) and check the connection. A failed Snowflake
 * connection is explained in plain words (wrong credentials, unreachable endpoint, missing
 * privilege, ...) through the adapter's `explainSnowflakeError`.
 */
import type { Logger } from '../../log/logger.js';
import type { OpenProject } from '../open-project.js';
import { nodeValues } from '../../manifest/node-list.js';

/** Target keys whose values are never printed (a key *path* is shown: it is not the key). */
const HIDDEN = /password|secret|token|passphrase|private_?key(?!_?path)/i;

/** What each Snowflake failure kind means, as the first words of the explanation. */
const KIND_HEADLINES: Record<string, string> = {
  auth: 'Snowflake did not accept the login',
  network: 'Snowflake could not be reached',
  permission: 'Snowflake refused access',
  'not-found': 'Snowflake could not find the database, schema or warehouse',
  config: 'The Snowflake target is not configured correctly',
  sql: 'The connection check query failed',
  unknown: 'The connection failed',
};

function describeAuth(target: Record<string, unknown>): string {
  const set = (key: string, camel: string) => [target[key], target[camel]].some((v) => typeof v === 'string' && v.trim() !== '');
  if (set('private_key_path', 'privateKeyPath')) return 'key pair (private key file)';
  if (set('private_key', 'privateKey')) return 'key pair (private key in the target)';
  if (set('password', 'password')) return 'password';
  return 'none configured';
}

/** Explain a failed connection: Snowflake failures by kind, anything else by its message. */
async function explainFailure(open: OpenProject, err: unknown): Promise<string[]> {
  const target = open.project.target;
  if (target.type !== 'snowflake') return [(err as Error)?.message ?? String(err)];
  const { explainSnowflakeError } = await import('../../adapters/snowflake/errors.js');
  const explanation = explainSnowflakeError(err, {
    account: typeof target.account === 'string' ? target.account : undefined,
    accessUrl: [target.accessUrl, target.access_url].find((v): v is string => typeof v === 'string' && v !== ''),
    role: typeof target.role === 'string' && target.role !== '' ? target.role : undefined,
  });
  const code = explanation.code ? ` [${explanation.code}]` : '';
  // The explanation already names its cause; drop our adapter's "Snowflake [code]: " prefix.
  const detail = explanation.message.replace(/^Snowflake \[[^\]]*\]: /, '');
  const lines = [`${KIND_HEADLINES[explanation.kind] ?? KIND_HEADLINES.unknown}${code}: ${detail.split('\n').join(' ')}`];
  if (explanation.hint) lines.push(`hint: ${explanation.hint}`);
  return lines;
}

export async function debugCommand(open: OpenProject, logger: Logger): Promise<number> {
  const target = open.project.target;
  logger.info(`project: ${open.project.name} (${open.project.configFile} in ${open.project.projectDir})`);
  logger.info(`target: ${target.name} (type ${target.type})`);
  for (const [key, value] of Object.entries(target)) {
    if (key === 'name' || key === 'type' || value === '' || value === undefined) continue;
    logger.info(`  ${key}: ${HIDDEN.test(key) ? '****' : String(value)}`);
  }
  if (target.type === 'snowflake') logger.info(`  authentication: ${describeAuth(target)}`);
  const nodes = nodeValues(open.manifest.nodes);
  logger.info(`models: ${nodes.filter((n) => n.resourceType === 'model').length}, seeds: ${nodes.filter((n) => n.resourceType === 'seed').length}`);
  try {
    const connection = await open.adapter.connect();
    try {
      await connection.execute('select 1 as ok');
    } finally {
      await connection.close();
    }
    logger.info('Connection test: OK');
    return 0;
  } catch (err) {
    const lines = await explainFailure(open, err);
    logger.error(`Connection test: FAILED\n  ${lines.join('\n  ')}`);
    return 1;
  }
}
