/**
 * Browser: the whole-project lineage view. Evaluates a selector on the graph index and draws
 * only what is selected; past the draw limit it lists the selection instead of freezing.
 */
import { selectNodes } from '../select-nodes.ts';
import { layoutDag } from '../layout-dag.ts';
import { renderLineageSvg } from '../render-lineage-svg.ts';
import { formatNodeUrl } from '../docs-urls.ts';
import { MAX_DRAWN_NODES } from './lineage-view.ts';
import type { LoadedGraph } from './graph-data.ts';

const LISTED_WHEN_TOO_MANY = 60;

/** Wire the `[data-project-graph]` block. */
export function attachProjectGraph(root: HTMLElement, base: string, loadGraph: () => Promise<LoadedGraph>): void {
  const form = root.querySelector<HTMLFormElement>('[data-selector]')!;
  const input = form.querySelector<HTMLInputElement>('input')!;
  const status = root.querySelector<HTMLElement>('[data-selector-status]')!;
  const canvas = root.querySelector<HTMLElement>('[data-selector-canvas]')!;
  const show = async (expression: string) => {
    const { graph, adjacency } = await loadGraph();
    const started = performance.now();
    const selection = selectNodes(graph, adjacency, expression);
    status.classList.toggle('error', !!selection.error);
    if (selection.error) {
      status.textContent = selection.error;
      canvas.replaceChildren();
      return;
    }
    const count = selection.nodes.length;
    if (count === 0) {
      status.textContent = `Nothing matches “${expression}”.`;
      canvas.replaceChildren();
      return;
    }
    if (count > MAX_DRAWN_NODES) {
      status.textContent = `${count.toLocaleString('en-US')} nodes selected: too many to draw (limit ${MAX_DRAWN_NODES}). Narrow the selection, e.g. add a depth (2+name) or intersect with a tag (tag:x,type:model). The first ${LISTED_WHEN_TOO_MANY}:`;
      const list = document.createElement('ul');
      list.className = 'node-links too-many';
      for (const n of selection.nodes.slice(0, LISTED_WHEN_TOO_MANY)) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = formatNodeUrl(base, graph.ids[n]);
        link.textContent = graph.names[n];
        item.append(link);
        list.append(item);
      }
      canvas.replaceChildren(list);
      return;
    }
    const edges: Array<[number, number]> = [];
    for (const n of selection.nodes) for (const c of adjacency.children[n]) edges.push([n, c]);
    canvas.innerHTML = renderLineageSvg(graph, layoutDag(selection.nodes, edges), { hrefOf: (i) => formatNodeUrl(base, graph.ids[i]) });
    status.textContent = `${count} node${count === 1 ? '' : 's'} · ${Math.max(1, Math.round(performance.now() - started))} ms`;
  };
  const run = (expression: string) => {
    const url = new URL(location.href);
    url.searchParams.set('select', expression);
    history.replaceState(null, '', url);
    show(expression).catch((err) => (status.textContent = String(err)));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(input.value);
  });
  for (const example of root.querySelectorAll<HTMLButtonElement>('[data-example]')) {
    example.addEventListener('click', () => {
      input.value = example.dataset.example ?? '';
      run(input.value);
    });
  }
  const initial = new URL(location.href).searchParams.get('select');
  if (initial !== null) input.value = initial;
  run(input.value);
}
