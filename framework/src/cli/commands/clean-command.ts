/** `clean`: remove the target folder (never anything outside the project). */
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { userError } from '../../errors/strata-error.js';
import type { Logger } from '../../log/logger.js';
import type { ProjectConfig } from '../../project/types.js';

export function cleanCommand(project: ProjectConfig, logger: Logger): number {
  const target = resolve(project.projectDir, project.targetPath);
  const rel = relative(project.projectDir, target);
  if (!rel || rel.startsWith('..')) throw userError('E_CONFIG', `Refusing to clean '${project.targetPath}': it is not inside the project`, { file: project.configFile, hint: 'Set target-path to a folder inside the project.' });
  rmSync(target, { recursive: true, force: true });
  logger.info(`Removed ${rel}/`);
  return 0;
}
