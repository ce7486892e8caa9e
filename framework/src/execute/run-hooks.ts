/** on-run-start / on-run-end hooks: templates rendered with the project context, then executed. */
import { resolveTokens } from '../parse/template/placeholders.js';
import type { RenderSession } from '../parse/template/render-session.js';
import type { RunContext } from './run-context.js';

export async function runHooks(ctx: RunContext, session: RenderSession, hooks: string[], label: string): Promise<void> {
  if (hooks.length === 0) return;
  const connection = await ctx.adapter.connect();
  try {
    for (const hook of hooks) {
      const record = session.newRecord(ctx.project.configFile, label);
      const rendered = session.render(session.compile(hook, ctx.project.configFile), record);
      const sql = resolveTokens(rendered, {
        ref: (i) => ctx.compiler.relationNameOf(Object.values(ctx.manifest.nodes).find((n) => n.name === record.refs[i].name)?.uniqueId ?? ''),
        source: (i) => ctx.compiler.relationNameOf(`source.${ctx.project.name}.${record.sources[i].source}.${record.sources[i].table}`),
        self: () => '',
      }).trim();
      if (!sql) continue;
      ctx.logger.info(`Running ${label} hook`);
      await connection.execute(sql);
    }
  } finally {
    await connection.close();
  }
}
