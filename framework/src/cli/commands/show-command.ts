/** `show`: preview rows of a model (compiled SQL, run as a query) or of an inline query. */
import { userError } from '../../errors/strata-error.js';
import { selectNodes } from '../../graph/select-nodes.js';
import { resolveTokens } from '../../parse/template/placeholders.js';
import type { CliArgs } from '../args.js';
import type { OpenProject } from '../open-project.js';
import { nodeValues } from '../../manifest/node-list.js';

export function formatTable(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? 'NULL' : v instanceof Date ? v.toISOString().replace('T00:00:00.000Z', '') : String(v));
  const widths = columns.map((c) => Math.min(40, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.slice(0, widths[i]).padEnd(widths[i])).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(columns), sep, ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export async function showCommand(open: OpenProject, args: CliArgs, write: (line: string) => void): Promise<number> {
  let sql: string;
  if (args.inline) {
    const session = open.parsed.session;
    const record = session.newRecord('<inline>', 'inline');
    const rendered = session.render(session.compile(args.inline, '<inline>'), record);
    sql = resolveTokens(rendered, {
      ref: (i) => {
        const node = nodeValues(open.manifest.nodes).find((n) => n.name === record.refs[i].name);
        if (!node) throw userError('E_REF', `ref('${record.refs[i].name}') not found in the inline query`);
        return open.compiler.relationNameOf(node.uniqueId);
      },
      source: (i) => open.compiler.relationNameOf(`source.${open.project.name}.${record.sources[i].source}.${record.sources[i].table}`),
      self: () => '',
    });
  } else {
    const selected = [...selectNodes(open.manifest, open.graph, { select: args.select, resourceTypes: ['model', 'seed', 'snapshot'], indirectTests: 'none' })];
    if (selected.length !== 1) throw userError('E_ARGS', `show needs exactly one model (the selection matched ${selected.length})`, { hint: 'strata show --select my_model, or strata show --inline "select ..."' });
    const node = open.manifest.nodes[selected[0]];
    sql = node.resourceType === 'seed' ? `select * from ${open.compiler.relationNameOf(node.uniqueId)}` : open.compiler.compile(node);
  }
  const connection = await open.adapter.connect();
  try {
    const result = await connection.execute(`select * from (\n${sql}\n) strata_show limit ${Math.max(0, Math.floor(args.limit))}`);
    write(formatTable(result.columns.map((c) => c.name), result.rows));
  } finally {
    await connection.close();
  }
  return 0;
}
