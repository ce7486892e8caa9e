import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../test/files-under.js';
import { createDiscovery } from './discover.js';
import { scanProject } from './project-state.js';
import { collectSecrets } from '../log/redact.js';
import type { ProjectConfig } from '../project/types.js';

/** Every file under the roots with one of the extensions, by a plain recursive walk (filesUnder), sorted by path. */
function reference(dir: string, roots: string[], extensions: string[]) {
  const out = roots.flatMap((root) =>
    filesUnder(join(dir, root), (name) => extensions.some((e) => name.endsWith(e))).map((absolutePath) => ({
      path: relative(dir, absolutePath).split(sep).join('/'), pathInRoot: relative(join(dir, root), absolutePath).split(sep).join('/'), root, absolutePath,
    })));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

describe('file discovery', () => {
  it('lists what a walk per call lists, for any roots and extensions, from one walk per root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-discover-'));
    try {
      for (const f of ['models/b.sql', 'models/a/z.sql', 'models/a/_schema.yml', 'models/docs.md', 'models/.hidden/x.sql', 'models/.x.sql', 'seeds/s.csv', 'seeds/s.yml', 'macros/m.sql', 'docs/d.md', 'models2/c.sql']) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), '');
      }
      const discovery = createDiscovery(dir);
      const cases: Array<[string[], string[]]> = [
        [['models'], ['.sql']],
        [['models', 'seeds'], ['.yml', '.yaml']],
        [['models', 'docs'], ['.md']],
        [['models2', 'models'], ['.sql']],
        [['models', 'models'], ['.sql']],
        [['missing'], ['.sql']],
        [['seeds'], ['.csv']],
      ];
      for (const [roots, extensions] of cases) expect(discovery.files(roots, extensions), JSON.stringify([roots, extensions])).toEqual(reference(dir, roots, extensions));
      // From the project scan's list (every root of the project, sorted by path), without walking.
      const project = { projectDir: dir, modelPaths: ['models', 'models2'], seedPaths: ['seeds'], testPaths: ['tests'], macroPaths: ['macros'], snapshotPaths: [], docsPaths: ['docs'] } as unknown as ProjectConfig;
      const listed = scanProject(project, collectSecrets({})).files;
      const fromList = createDiscovery(dir, listed);
      for (const [roots, extensions] of cases) expect(fromList.files(roots, extensions), `listed ${JSON.stringify([roots, extensions])}`).toEqual(reference(dir, roots, extensions));
      expect(createDiscovery(dir, listed.filter((f) => !f.path.endsWith('z.sql'))).files(['models'], ['.sql']).map((f) => f.path)).toEqual(['models/b.sql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
