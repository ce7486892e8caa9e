/**
 * Browser: the overview's node list, filtered by name and type over the graph index. The build
 * renders the first rows; typing or choosing a type redraws from the index (at most 200 rows).
 */
import { formatNodeUrl } from '../docs-urls.ts';
import type { LoadedGraph } from './graph-data.ts';

const MAX_ROWS = 200;

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Wire a `[data-browse]` block. */
export function attachBrowseTable(root: HTMLElement, base: string, loadGraph: () => Promise<LoadedGraph>): void {
  const input = root.querySelector<HTMLInputElement>('[data-browse-filter]')!;
  const type = root.querySelector<HTMLSelectElement>('[data-browse-type]')!;
  const body = root.querySelector<HTMLTableSectionElement>('tbody')!;
  const note = root.querySelector<HTMLElement>('[data-browse-note]')!;
  const redraw = async () => {
    const { graph } = await loadGraph();
    const needle = input.value.trim().toLowerCase();
    const wanted = type.value;
    const matches: number[] = [];
    for (let i = 0; i < graph.ids.length; i++) {
      if (wanted && graph.typeNames[graph.types[i]] !== wanted) continue;
      if (needle && !graph.names[i].toLowerCase().includes(needle)) continue;
      matches.push(i);
    }
    body.replaceChildren(...matches.slice(0, MAX_ROWS).map((i) => {
      const row = document.createElement('tr');
      const nameCell = document.createElement('td');
      const link = document.createElement('a');
      link.href = formatNodeUrl(base, graph.ids[i]);
      link.textContent = graph.names[i];
      nameCell.append(link);
      row.append(nameCell, cell(graph.typeNames[graph.types[i]]), cell(graph.folderNames[graph.folders[i]]), cell(graph.tags[i].map((t) => graph.tagNames[t]).join(', ')));
      return row;
    }));
    note.textContent = matches.length > MAX_ROWS ? `Showing ${MAX_ROWS} of ${matches.length.toLocaleString('en-US')}; refine the filter.` : `${matches.length.toLocaleString('en-US')} nodes`;
  };
  input.addEventListener('input', () => void redraw());
  type.addEventListener('change', () => void redraw());
}
