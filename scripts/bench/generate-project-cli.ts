/** `node dist/scripts/bench/generate-project-cli.js <dir> <models>`: write a synthetic project. */
import { writeSyntheticProject } from './synthetic-project.js';

const [dir, models] = process.argv.slice(2);
if (!dir || !models) {
  process.stderr.write('usage: generate-project-cli <dir> <models>\n');
  process.exit(2);
}
writeSyntheticProject({ dir, models: Number(models) });
process.stdout.write(`Wrote a ${models}-model project to ${dir}\n`);
