/**
 * Model templates rendered on two threads during a full parse. Rendering is most of the parse at
 * 10k models, and a render depends only on its file and the project (macros, vars, target, env),
 * so a worker thread (render-worker.ts) renders some of the files with its own render session
 * while this thread builds the generic tests and then renders the others (each takes the next
 * job from a shared counter);
 * parse-sql-nodes.ts then builds every node, in file order, from the outcomes exactly as from its
 * own renders.
 *
 * Only plain renders go to the worker: a template that may log or warn, or reads per-invocation
 * values, renders here, as before (and every template does when a project macro may log).
 * Anything the worker cannot do (it fails to start, a result is not plain data) is rendered here
 * instead, so the output never depends on whether the worker ran. The worker needs the built
 * framework (dist/): under the TypeScript sources (tests) everything renders on this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../errors/strata-error.js';
import { StrataError } from '../errors/strata-error.js';
import type { DocBlock, MacroDef } from '../manifest/types.js';
import type { TargetConfig } from '../project/types.js';
import type { RenderRecord, RenderSession } from './template/render-session.js';
import { flatString } from '../text.js';

/** One template to render. */
export interface RenderJob {
  path: string;
  name: string;
  raw: string;
  folderConfig: Record<string, unknown>;
}

/** A render's result: what the parse cache stores for a render, or the template's errors. */
export type RenderOutcome =
  | { ok: true; rendered: string; refs: RenderRecord['refs']; sources: RenderRecord['sources']; config: RenderRecord['config']; usesRuntime: boolean }
  | { ok: false; diagnostics: Diagnostic[] };

/** What the worker needs to build a render session like this thread's. */
export interface RenderWorkerData {
  projectName: string;
  target: TargetConfig;
  vars: Record<string, unknown>;
  userMacros: MacroDef[];
  docs: Record<string, DocBlock>;
  invocationId: string;
  env: Record<string, string | undefined>;
}

/**
 * Sent to the worker: jobs, numbered from `first`. While this thread still reads and keys the
 * files it sends the worker's share as it goes, in chunks without a counter (all the worker's);
 * the last message holds the rest and the counter both threads take numbers below `shared` from
 * (counted in this message's jobs; those from `shared` on are the worker's alone, rendered first).
 */
export interface RenderWorkerRequest {
  jobs: RenderJob[];
  first: number;
  next?: Int32Array;
  shared?: number;
}

/** The share of the jobs reserved for the worker. */
export const WORKER_RESERVED_SHARE = 0.25;

/** What a worker's run gives this thread, its batches put together. */
export interface RenderWorkerReply {
  /** [job number, outcome] for each job the worker took; null: render it on the main thread. */
  outcomes: Array<[number, RenderOutcome | null]>;
  /** Env vars the worker's templates read (name -> value seen), as EnvReader.used. */
  envUsed: Record<string, string | null>;
  /** When the worker finished its last render (`Date.now()`, one clock for both threads). */
  finishedAt: number;
}

/**
 * What the worker posts: batches of outcomes as it renders (this thread takes them in between its
 * own renders, so the last one is small), then the end with the env vars read, or a failure.
 */
export type RenderWorkerMessage =
  | { batch: Array<[number, RenderOutcome | null]> }
  | { done: true; envUsed: Record<string, string | null>; finishedAt: number }
  | { failed: string };

/** Outcomes per message from the worker. */
export const OUTCOME_BATCH = 1000;

/**
 * Templates that may log or warn render on the main thread (their lines keep their order);
 * per-invocation values (VOLATILE) too. At parse time queries answer nothing on either thread.
 */
export const MAIN_THREAD_ONLY = /\b(log|print|exceptions)\b/;

/** Fewer templates to render than this: one thread (a worker costs ~60 ms to start). */
export const WORKER_THRESHOLD = 1000;

/** Render one template with a session: the outcome parse-sql-nodes.ts builds a node from. */
export function renderJob(session: RenderSession, job: RenderJob): RenderOutcome {
  const record = session.newRecord(job.path, job.name, job.folderConfig);
  try {
    // Flat: a render is a tree of its output's pieces until read whole, and outcomes are kept.
    const rendered = flatString(session.render(session.compile(job.raw, job.path), record));
    return { ok: true, rendered, refs: record.refs, sources: record.sources, config: record.config, usesRuntime: record.usesRuntime };
  } catch (err) {
    if (err instanceof StrataError) return { ok: false, diagnostics: err.diagnostics };
    throw err;
  }
}

/** True when structured cloning keeps `value` as it is (no class instances, functions or cycles to lose). */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return true;
  if (depth > 20 || typeof value !== 'object') return false;
  // Loops, not every() over Object.values(): the worker checks each of its ~5k outcomes.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (Object.hasOwn(value, key) && !isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

function workerFile(): string | undefined {
  const path = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Take the next job number from the counter both threads share (Atomics: each number is taken
 * once), or undefined when all are taken. Fast and slow templates thus balance themselves.
 */
export function takeJob(next: Int32Array, count: number): number | undefined {
  const i = Atomics.add(next, 0, 1);
  return i < count ? i : undefined;
}

/** A counter for takeJob that a worker can share. */
export function sharedCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/**
 * A render worker started before its work is known, so that loading its modules overlaps what
 * this thread does meanwhile (reading and keying the files; cli/fast-path.ts starts one as soon
 * as a large full parse is certain). It never keeps the process alive while idle.
 */
export interface RenderWorker {
  /** Send what the worker builds its render session from; it does so at once (first call only). */
  configure(data: RenderWorkerData): void;
  /** Send jobs that are the worker's alone, to start on while the rest are made (after configure). */
  give(jobs: RenderJob[], first: number): void;
  /** Send the last jobs and the counter; resolves to the reply, or undefined when the worker failed. Once. */
  run(request: RenderWorkerRequest & { next: Int32Array; shared: number }): Promise<RenderWorkerReply | undefined>;
  /** Stop it (unused, or done); later calls do nothing. */
  stop(): void;
}

/** Start a render worker, or undefined when none can run (not built, or the thread fails to start). */
export function startRenderWorker(): RenderWorker | undefined {
  const file = workerFile();
  if (!file) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(file);
  } catch {
    return undefined;
  }
  worker.unref();
  let stopped = false;
  let configured = false;
  let given = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    worker.unref(); // its shutdown need not hold the process
    void worker.terminate();
  };
  // Listening from the start: a worker that fails before it is given work reports nothing.
  const reply = new Promise<RenderWorkerReply | undefined>((resolve) => {
    const outcomes: Array<[number, RenderOutcome | null]> = [];
    const done = (result: RenderWorkerReply | undefined) => {
      resolve(result);
      stop();
    };
    worker.on('message', (message: RenderWorkerMessage) => {
      if ('batch' in message) for (const entry of message.batch) outcomes.push(entry);
      else if ('done' in message) done({ outcomes, envUsed: message.envUsed, finishedAt: message.finishedAt });
      else done(undefined);
    });
    worker.once('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
  });
  return {
    configure(data) {
      if (configured || stopped) return;
      configured = true;
      worker.postMessage(data);
    },
    give(jobs, first) {
      if (!configured || stopped || jobs.length === 0) return;
      given = true;
      worker.postMessage({ jobs, first } satisfies RenderWorkerRequest);
    },
    run(request) {
      if (!configured || stopped || (request.jobs.length === 0 && !given)) {
        stop();
        return Promise.resolve(undefined);
      }
      worker.ref(); // the reply is awaited now
      worker.postMessage(request);
      return reply;
    },
    stop,
  };
}
