/**
 * Draw a laid-out lineage graph as one SVG string: boxes coloured by resource type, linked to
 * their pages, curved edges with arrows. The same function renders at build time (the page
 * works before scripts run) and in the browser when the depth or selection changes.
 */
import type { GraphIndex } from '../../../../framework/src/docs/types.ts';
import type { DagLayout } from './layout-dag.ts';
import { escapeHtml } from './render-markdown.ts';

/** Stripe colour per resource type (also used by the legend). */
export const TYPE_COLOURS: Record<string, string> = {
  source: '#15803d',
  seed: '#0f766e',
  model: '#2563eb',
  snapshot: '#7c3aed',
  exposure: '#c2410c',
  test: '#64748b',
};

export interface LineageSvgOptions {
  /** Position of the node the view is about, drawn highlighted. */
  focus?: number;
  hrefOf(node: number): string;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Render the layout to SVG markup (every label escaped). */
export function renderLineageSvg(graph: GraphIndex, layout: DagLayout, options: LineageSvgOptions): string {
  const { nodeWidth: w, nodeHeight: h } = layout;
  const pad = 12;
  const at = new Map(layout.nodes.map((p) => [p.node, p]));
  const edges = layout.edges
    .map(([p, c]) => {
      const a = at.get(p)!;
      const b = at.get(c)!;
      const x1 = a.x + w + pad;
      const y1 = a.y + h / 2 + pad;
      const x2 = b.x + pad - 6;
      const y2 = b.y + h / 2 + pad;
      const bend = Math.max(30, (x2 - x1) / 2);
      const near = options.focus !== undefined && (p === options.focus || c === options.focus);
      return `<path class="edge${near ? ' near' : ''}" d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" marker-end="url(#arrow)"/>`;
    })
    .join('');
  const boxes = layout.nodes
    .map(({ node, x, y }) => {
      const type = graph.typeNames[graph.types[node]];
      const name = graph.names[node];
      const focus = node === options.focus;
      return `<a href="${escapeHtml(options.hrefOf(node))}" class="lnode${focus ? ' focus' : ''}" data-node="${node}">` +
        `<title>${escapeHtml(`${type} ${graph.ids[node]}`)}</title>` +
        `<rect x="${x + pad}" y="${y + pad}" width="${w}" height="${h}" rx="6"/>` +
        `<rect x="${x + pad}" y="${y + pad}" width="5" height="${h}" rx="2" fill="${TYPE_COLOURS[type] ?? '#64748b'}" class="stripe"/>` +
        `<text x="${x + pad + 14}" y="${y + pad + 15}" class="ltype">${escapeHtml(type)}</text>` +
        `<text x="${x + pad + 14}" y="${y + pad + 31}" class="lname">${escapeHtml(truncate(name, 26))}</text></a>`;
    })
    .join('');
  const width = layout.width + pad * 2;
  const height = layout.height + pad * 2;
  return `<svg class="lineage-svg" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Lineage graph">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#94a3b8"/></marker></defs>` +
    `<g class="edges">${edges}</g><g class="nodes">${boxes}</g></svg>`;
}
