import { spawnSync } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStat, fileStatSource, openFileStat } from './file-stat.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-stat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileStat', () => {
  it('answers from the binding on this Node, with the numbers fs.statSync gives', () => {
    expect(fileStatSource()).toBe('binding');
    writeFileSync(join(dir, 'a.sql'), 'select 1\n');
    writeFileSync(join(dir, 'empty.sql'), '');
    mkdirSync(join(dir, 'folder'));
    symlinkSync(join(dir, 'a.sql'), join(dir, 'link.sql'));
    for (const name of ['a.sql', 'empty.sql', 'folder', 'link.sql']) {
      const path = join(dir, name);
      const st = statSync(path);
      expect(fileStat(path), name).toEqual({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, isFile: st.isFile() });
    }
    const fd = openSync(join(dir, 'a.sql'), 'r');
    try {
      const st = fstatSync(fd);
      expect(openFileStat(fd)).toEqual({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, isFile: true });
    } finally {
      closeSync(fd);
    }
  });

  it('gives undefined for a missing file and throws what fs.statSync throws otherwise', () => {
    expect(fileStat(join(dir, 'missing.sql'))).toBeUndefined();
    writeFileSync(join(dir, 'plain'), 'x');
    // A path through a file: ENOTDIR from both.
    const through = join(dir, 'plain', 'inside.sql');
    let expected: NodeJS.ErrnoException | undefined;
    try {
      statSync(through, { throwIfNoEntry: false });
    } catch (err) {
      expected = err as NodeJS.ErrnoException;
    }
    expect(expected?.code).toBe('ENOTDIR');
    expect(() => fileStat(through)).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it('falls back to fs.statSync, printing nothing, where Node would warn about its binding', () => {
    const module = new URL('../../../dist/framework/src/parse/file-stat.js', import.meta.url).href;
    const script = `const m = await import(${JSON.stringify(module)}); const s = m.fileStat(${JSON.stringify(join(dir, 'a.sql'))}); console.log(m.fileStatSource(), s.size);`;
    const run = (env: NodeJS.ProcessEnv, args: string[] = []) => {
      const child = spawnSync(process.execPath, [...args, '--input-type=module', '-e', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
      expect(child.stderr).toBe(''); // no DEP0111 warning
      return child.stdout.trim();
    };
    expect(run({})).toBe('binding 9');
    expect(run({ NODE_PENDING_DEPRECATION: '1' })).toBe('fs 9');
    expect(run({}, ['--pending-deprecation'])).toBe('fs 9');
  });
});
