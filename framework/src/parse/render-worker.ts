/**
 * Worker thread entry of render-pool.ts: renders the model templates it is sent, with a session
 * like the main thread's. It is sent two messages: the session's data (RenderWorkerData), then
 * jobs (RenderWorkerRequest: chunks that are its own, then the last with the shared counter); it
 * posts its outcomes in batches, then the end (RenderWorkerMessage).
 */
import { parentPort } from 'node:worker_threads';
import type { CrossDbMacros } from '../adapters/adapter.js';
import { createEnvReader } from '../project/env-var.js';
import { isPlainData, OUTCOME_BATCH, renderJob, takeJob, type RenderJob, type RenderOutcome, type RenderWorkerData, type RenderWorkerMessage, type RenderWorkerRequest } from './render-pool.js';
import { createTemplateEnvironment } from './template/environment.js';
import { createRenderSession } from './template/render-session.js';

const port = parentPort!;

/** Messages in arrival order: one listener for all, so none arrives while nobody listens. */
const inbox: unknown[] = [];
let waiting: ((message: unknown) => void) | undefined;
port.on('message', (message: unknown) => {
  if (waiting) {
    const take = waiting;
    waiting = undefined;
    take(message);
  } else {
    inbox.push(message);
  }
});
function nextMessage<T>(): Promise<T> {
  if (inbox.length > 0) return Promise.resolve(inbox.shift() as T);
  return new Promise((resolve) => (waiting = resolve as (message: unknown) => void));
}

async function crossDbMacros(type: string): Promise<CrossDbMacros> {
  if (type === 'snowflake') return (await import('../adapters/snowflake/dialect.js')).createSnowflakeDialect().macros;
  return (await import('../adapters/duckdb/dialect.js')).createDuckDbDialect().macros;
}

/**
 * Render the jobs of each message as it comes, posting the outcomes in batches; after the last
 * message (the one with the counter: its own jobs first, then those it takes), the end.
 */
async function renderAll(session: ReturnType<typeof createRenderSession>, envReader: ReturnType<typeof createEnvReader>): Promise<void> {
  let batch: Array<[number, RenderOutcome | null]> = [];
  const render = (jobs: RenderJob[], first: number, i: number) => {
    let outcome: RenderOutcome | null;
    try {
      outcome = renderJob(session, jobs[i]);
      // Only results that survive the copy to the main thread unchanged; the rest render there.
      if (!isPlainData(outcome)) outcome = null;
    } catch {
      outcome = null;
    }
    batch.push([first + i, outcome]);
    if (batch.length >= OUTCOME_BATCH) {
      port.postMessage({ batch } satisfies RenderWorkerMessage);
      batch = [];
    }
  };
  for (;;) {
    const { jobs, first, next, shared } = await nextMessage<RenderWorkerRequest>();
    const own = next && shared !== undefined ? shared : 0;
    for (let i = own; i < jobs.length; i++) render(jobs, first, i);
    if (!next || shared === undefined) continue;
    for (let i = takeJob(next, shared); i !== undefined; i = takeJob(next, shared)) render(jobs, first, i);
    break;
  }
  if (batch.length) port.postMessage({ batch } satisfies RenderWorkerMessage);
  port.postMessage({ done: true, envUsed: envReader.used, finishedAt: Date.now() } satisfies RenderWorkerMessage);
}

try {
  const data = await nextMessage<RenderWorkerData>();
  const envReader = createEnvReader(data.env);
  const session = createRenderSession({
    env: createTemplateEnvironment(), projectName: data.projectName, target: data.target, vars: data.vars, userMacros: data.userMacros,
    crossDb: await crossDbMacros(String(data.target.type)), envReader, docs: data.docs, invocationId: data.invocationId,
  });
  await renderAll(session, envReader);
} catch (err) {
  port.postMessage({ failed: String((err as Error)?.message ?? err) } satisfies RenderWorkerMessage);
}
