/** Streaming sha256 of a file: one sequential read, constant memory. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Large reads keep the hash near memory bandwidth (the default 64 KiB costs ~2x on big files). */
const READ_SIZE = 1 << 20;

/** Hex sha256 of the file at `path`. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: READ_SIZE })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
