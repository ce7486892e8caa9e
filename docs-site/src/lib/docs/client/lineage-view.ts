/**
 * Browser: the node page's lineage panel. The build renders depth 1 up and down; changing a
 * depth fetches the graph index and redraws the neighbourhood, refusing past the draw limit.
 */
import { collectNeighbourhood } from '../graph-adjacency.ts';
import { layoutDag } from '../layout-dag.ts';
import { renderLineageSvg } from '../render-lineage-svg.ts';
import { formatNodeUrl } from '../docs-urls.ts';
import type { LoadedGraph } from './graph-data.ts';

/** Most nodes drawn at once; beyond this the view asks for a narrower depth. */
export const MAX_DRAWN_NODES = 500;

const readDepth = (value: string) => (value === 'all' ? Infinity : Number(value));

/** Wire one `[data-lineage]` panel. */
export function attachLineageView(panel: HTMLElement, base: string, loadGraph: () => Promise<LoadedGraph>): void {
  const up = panel.querySelector<HTMLSelectElement>('[data-lineage-up]')!;
  const down = panel.querySelector<HTMLSelectElement>('[data-lineage-down]')!;
  const canvas = panel.querySelector<HTMLElement>('[data-lineage-canvas]')!;
  const status = panel.querySelector<HTMLElement>('[data-lineage-status]')!;
  const focusId = panel.dataset.focus ?? '';
  const redraw = async () => {
    status.textContent = 'Loading…';
    const { graph, adjacency, positionOf } = await loadGraph();
    const focus = positionOf.get(focusId);
    if (focus === undefined) {
      status.textContent = 'This node is not in the lineage graph.';
      return;
    }
    const nodes = collectNeighbourhood(adjacency, focus, readDepth(up.value), readDepth(down.value));
    if (nodes.length > MAX_DRAWN_NODES) {
      status.textContent = `${nodes.length.toLocaleString('en-US')} nodes at this depth: too many to draw (limit ${MAX_DRAWN_NODES}). Lower a depth.`;
      canvas.replaceChildren();
      return;
    }
    const edges: Array<[number, number]> = [];
    for (const n of nodes) for (const c of adjacency.children[n]) edges.push([n, c]);
    const layout = layoutDag(nodes, edges);
    canvas.innerHTML = renderLineageSvg(graph, layout, { focus, hrefOf: (i) => formatNodeUrl(base, graph.ids[i]) });
    status.textContent = `${nodes.length} node${nodes.length === 1 ? '' : 's'}`;
    canvas.querySelector('.lnode.focus')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  up.addEventListener('change', () => void redraw().catch((err) => (status.textContent = String(err))));
  down.addEventListener('change', () => void redraw().catch((err) => (status.textContent = String(err))));
}
