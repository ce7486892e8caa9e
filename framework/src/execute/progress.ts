/** dbt-style progress lines: `3 of 12 START sql table model main.x .... [RUN]`. */
import { colour, type Logger } from '../log/logger.js';

const WIDTH = 80;

export function progressLine(index: number, total: number, text: string, status: string): string {
  const head = `${index} of ${total} ${text} `;
  const dots = Math.max(3, WIDTH - head.length - status.length - 1);
  return `${head}${'.'.repeat(dots)} ${status}`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}

export function statusColour(logger: Logger, status: string, text: string): string {
  if (status === 'error' || status === 'fail') return colour(logger, 'red', text);
  if (status === 'warn' || status === 'skipped') return colour(logger, 'yellow', text);
  return colour(logger, 'green', text);
}
