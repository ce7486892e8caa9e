/**
 * Hooks: `on-run-start` / `on-run-end` (project) and `pre-hook` / `post-hook` (node config).
 * Each is a template rendered with the project context (`{{ this }}` is the node's relation),
 * then executed as SQL.
 */
import type { Connection } from '../adapters/adapter.js';
import type { ManifestNode } from '../manifest/types.js';
import type { RenderSession } from '../parse/template/render-session.js';
import type { RunContext } from './run-context.js';

/** Render one hook template to SQL. */
export function renderHook(ctx: RunContext, session: RenderSession, hook: string, file: string, node?: ManifestNode): string {
  const record = session.newRecord(file, node?.name ?? 'hook', node?.config ?? {});
  const rendered = session.render(session.compile(hook, file), record);
  const self = node && 'relation' in node ? ctx.adapter.dialect.relationName(node.relation) : '';
  return ctx.compiler.resolveRecordTokens(rendered, record, file, self).trim();
}

/** Run a node's pre-hooks or post-hooks on its connection. */
export async function runNodeHooks(ctx: RunContext, session: RenderSession | undefined, node: ManifestNode, kind: 'pre-hook' | 'post-hook', connection: Connection): Promise<void> {
  const hooks = node.config[kind];
  if (!session || !Array.isArray(hooks)) return;
  for (const hook of hooks as string[]) {
    const sql = renderHook(ctx, session, hook, node.originalFilePath, node);
    if (sql) await connection.execute(sql);
  }
}

export async function runHooks(ctx: RunContext, session: RenderSession, hooks: string[], label: string): Promise<void> {
  if (hooks.length === 0) return;
  const connection = await ctx.adapter.connect();
  try {
    for (const hook of hooks) {
      const sql = renderHook(ctx, session, hook, ctx.project.configFile);
      if (!sql) continue;
      ctx.logger.info(`Running ${label} hook`);
      await connection.execute(sql);
    }
  } finally {
    await connection.close();
  }
}
