import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/index.js';
import { SALES_TRAIN_CSV, SHOPS_CSV, captureError, createTestProject, type TestProject } from './ingest-fixtures.js';

/** A fake generator that writes the fixtures and counts its calls in a marker file. */
function generatorSource(files: Record<string, string>): string {
  return `
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const FILES = ${JSON.stringify(files)};
export async function generateData({ outDir }) {
  await appendFile(join(outDir, '..', 'calls.log'), outDir + '\\n');
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(outDir, name), text);
  return { files: Object.keys(FILES) };
}
`;
}

describe('the generator hook', () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createTestProject({ writeFixtures: false });
  });
  afterEach(async () => {
    await project.cleanup();
  });

  it('is called once when files are missing, then the files load', async () => {
    await writeFile(join(project.dir, 'gen.mjs'), generatorSource({ 'sales_train.csv': SALES_TRAIN_CSV, 'shops.csv': SHOPS_CSV }));
    const config = { ...(project.request().config), generator: 'gen.mjs' };

    const summary = await runIngest(project.request({ config }));

    expect(summary.files.map((f) => [f.table, f.status, f.rows])).toEqual([
      ['sales_train', 'loaded', 6],
      ['shops', 'loaded', 4],
    ]);
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(join(project.dir, 'data', 'calls.log'), 'utf8')).trim().split('\n')).toEqual([project.rawDir]);
    expect(project.lines.some((l) => /Generated raw data into data\/raw with gen\.mjs/.test(l))).toBe(true);

    // Files now exist: a second run neither generates nor loads.
    const again = await runIngest(project.request({ config }));
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect((await readFile(join(project.dir, 'data', 'calls.log'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('is not called when every file is present', async () => {
    await writeFile(join(project.rawDir, 'sales_train.csv'), SALES_TRAIN_CSV);
    await writeFile(join(project.rawDir, 'shops.csv'), SHOPS_CSV);
    await writeFile(join(project.dir, 'gen.mjs'), 'export async function generateData() { throw new Error("must not run"); }\n');
    const config = { ...(project.request().config), generator: 'gen.mjs' };
    const summary = await runIngest(project.request({ config }));
    expect(summary.files.map((f) => f.status)).toEqual(['loaded', 'loaded']);
  });

  it('reports files the generator did not write', async () => {
    await writeFile(join(project.dir, 'gen.mjs'), generatorSource({ 'sales_train.csv': SALES_TRAIN_CSV }));
    const config = { ...(project.request().config), generator: 'gen.mjs' };
    const error = await captureError(runIngest(project.request({ config })));
    expect(error).toMatchObject({ code: 'E_INGEST', file: 'gen.mjs' });
    expect(error.message).toMatch(/ran but shops\.csv is still missing/);
  });

  it('reports a module without generateData', async () => {
    await writeFile(join(project.dir, 'gen.mjs'), 'export const nothing = 1;\n');
    const config = { ...(project.request().config), generator: 'gen.mjs' };
    const error = await captureError(runIngest(project.request({ config })));
    expect(error.message).toMatch(/does not export a generateData/);
  });
});
