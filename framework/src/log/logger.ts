/**
 * dbt-style progress lines or JSON lines. Every message passes through `redact` first, so a
 * secret from the environment never reaches the terminal or a log file.
 */
import { redactSecrets, type SecretSet } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /** True when writing to a terminal (colours and progress bars allowed). */
  readonly isTty: boolean;
  readonly format: LogFormat;
}

export interface LoggerOptions {
  format?: LogFormat;
  quiet?: boolean;
  debug?: boolean;
  secrets: SecretSet;
  /** Where lines go; defaults to stdout/stderr. */
  write?: (line: string, level: LogLevel) => void;
  now?: () => Date;
  isTty?: boolean;
}

const COLOURS: Record<string, string> = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', reset: '\x1b[0m' };

/** Wrap text in an ANSI colour when the logger writes to a TTY. */
export function colour(logger: Pick<Logger, 'isTty' | 'format'>, name: 'red' | 'green' | 'yellow', text: string): string {
  return logger.isTty && logger.format === 'text' ? `${COLOURS[name]}${text}${COLOURS.reset}` : text;
}

function timestamp(d: Date): string {
  return d.toISOString().slice(11, 19);
}

export function createLogger(options: LoggerOptions): Logger {
  const format = options.format ?? 'text';
  const now = options.now ?? (() => new Date());
  const isTty = options.isTty ?? Boolean(process.stdout.isTTY);
  const write =
    options.write ??
    ((line: string, level: LogLevel) => (level === 'error' ? process.stderr : process.stdout).write(line + '\n'));
  const emit = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (level === 'debug' && !options.debug) return;
    if (options.quiet && (level === 'info' || level === 'debug')) return;
    const safe = redactSecrets(message, options.secrets);
    if (format === 'json') {
      const record = { ts: now().toISOString(), level, msg: safe, ...(data ?? {}) };
      write(redactSecrets(JSON.stringify(record), options.secrets), level);
    } else {
      write(`${timestamp(now())}  ${safe}`, level);
    }
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    isTty,
    format,
  };
}
