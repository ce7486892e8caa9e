/**
 * A one-line download progress bar redrawn in place with `\r`. Only for terminals: callers
 * create it when `logger.isTty`, because carriage returns garble log files and CI output.
 */
import type { ProgressOutput } from './types.js';

const WIDTH = 24;
/** Redraw at most this often; a redraw per chunk would cost more than the download. */
const REDRAW_MS = 100;

/** A progress bar for one transfer. */
export interface ProgressBar {
  /** Add `bytes` to the transferred amount. */
  advance(bytes: number): void;
  /** Clear the line. */
  finish(): void;
}

function formatMegabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** The bar's text for `done` of `total` bytes, e.g. `sales.csv [######------] 50% 47.5/95.0 MB`. */
export function renderProgress(label: string, done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
  return `${label} [${bar}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${formatMegabytes(done)}/${formatMegabytes(total)} MB`;
}

/** Start a bar on `output`; `now` is injectable for tests. */
export function createProgressBar(output: ProgressOutput, label: string, total: number, now: () => number = Date.now): ProgressBar {
  let done = 0;
  let lastDraw = 0;
  const draw = () => {
    lastDraw = now();
    output.write(`\r${renderProgress(label, done, total)}`);
  };
  draw();
  return {
    advance(bytes: number) {
      done += bytes;
      if (now() - lastDraw >= REDRAW_MS || done >= total) draw();
    },
    finish() {
      output.write('\r\x1b[K');
    },
  };
}
