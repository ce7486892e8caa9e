/** Worker thread entry of render-pool.ts: renders the model templates it is sent, with a session like the main thread's. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CrossDbMacros } from '../adapters/adapter.js';
import { createEnvReader } from '../project/env-var.js';
import { isPlainData, renderJob, takeJob, type RenderOutcome, type RenderWorkerData, type RenderWorkerReply, type RenderWorkerRequest } from './render-pool.js';
import { createTemplateEnvironment } from './template/environment.js';
import { createRenderSession } from './template/render-session.js';

const data = workerData as RenderWorkerData;
const port = parentPort!;

async function crossDbMacros(type: string): Promise<CrossDbMacros> {
  if (type === 'snowflake') return (await import('../adapters/snowflake/dialect.js')).createSnowflakeDialect().macros;
  return (await import('../adapters/duckdb/dialect.js')).createDuckDbDialect().macros;
}

try {
  const envReader = createEnvReader(data.env);
  const session = createRenderSession({
    env: createTemplateEnvironment(), projectName: data.projectName, target: data.target, vars: data.vars, userMacros: data.userMacros,
    crossDb: await crossDbMacros(String(data.target.type)), envReader, docs: data.docs, invocationId: data.invocationId,
  });
  port.once('message', ({ jobs, next, shared }: RenderWorkerRequest) => {
    try {
      const outcomes: Array<[number, RenderOutcome | null]> = [];
      const render = (i: number) => {
        let outcome: RenderOutcome | null;
        try {
          outcome = renderJob(session, jobs[i]);
          // Only results that survive the copy to the main thread unchanged; the rest render there.
          if (!isPlainData(outcome)) outcome = null;
        } catch {
          outcome = null;
        }
        outcomes.push([i, outcome]);
      };
      for (let i = shared; i < jobs.length; i++) render(i);
      for (let i = takeJob(next, shared); i !== undefined; i = takeJob(next, shared)) render(i);
      port.postMessage({ outcomes, envUsed: envReader.used } satisfies RenderWorkerReply);
    } catch (err) {
      port.postMessage({ failed: String((err as Error)?.message ?? err) } satisfies RenderWorkerReply);
    }
  });
} catch (err) {
  port.postMessage({ failed: String((err as Error)?.message ?? err) } satisfies RenderWorkerReply);
}
