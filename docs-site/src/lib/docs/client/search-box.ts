/**
 * Browser: the docs search box. Loads the graph index and the needed search shards on first
 * use, then ranks results as the user types; arrow keys move, Enter opens, Escape closes.
 * Results are built with DOM text nodes, never HTML strings.
 */
import type { SearchShard } from '../../../../../framework/src/docs/types.ts';
import { searchDocs, type SearchHit } from '../search-docs.ts';
import { formatDataUrl, formatNodeUrl } from '../docs-urls.ts';
import { TYPE_COLOURS } from '../render-lineage-svg.ts';
import type { LoadedGraph } from './graph-data.ts';

function createShardLoader(base: string): (key: string) => Promise<SearchShard | undefined> {
  const shards = new Map<string, Promise<SearchShard | undefined>>();
  return (key) => {
    let shard = shards.get(key);
    if (!shard) {
      shard = fetch(formatDataUrl(base, `search/${key}`)).then((r) => (r.ok ? (r.json() as Promise<SearchShard>) : undefined));
      shards.set(key, shard);
    }
    return shard;
  };
}

function renderHit(loaded: LoadedGraph, base: string, hit: SearchHit): HTMLLIElement {
  const { graph } = loaded;
  const type = graph.typeNames[graph.types[hit.node]];
  const item = document.createElement('li');
  item.setAttribute('role', 'option');
  const link = document.createElement('a');
  link.href = formatNodeUrl(base, graph.ids[hit.node]);
  link.dataset.resultId = graph.ids[hit.node];
  const dot = document.createElement('i');
  dot.style.background = TYPE_COLOURS[type] ?? '#64748b';
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = graph.names[hit.node];
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${type} · ${graph.folderNames[graph.folders[hit.node]] || graph.ids[hit.node]}`;
  link.append(dot, name, meta);
  item.append(link);
  return item;
}

/** Wire a `[data-docs-search]` form. */
export function attachSearchBox(form: HTMLElement, base: string, loadGraph: () => Promise<LoadedGraph>): void {
  const input = form.querySelector<HTMLInputElement>('input[type=search]')!;
  const list = form.querySelector<HTMLUListElement>('[data-search-results]')!;
  const loadShard = createShardLoader(base);
  let active = -1;
  let generation = 0;
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];
  const setActive = (i: number) => {
    const all = links();
    active = all.length ? (i + all.length) % all.length : -1;
    all.forEach((a, j) => a.classList.toggle('active', j === active));
    all[active]?.scrollIntoView({ block: 'nearest' });
  };
  const close = () => {
    list.hidden = true;
    active = -1;
  };
  const run = async () => {
    const query = input.value;
    const mine = ++generation;
    if (!query.trim()) return close();
    const loaded = await loadGraph();
    const hits = await searchDocs(query, loaded.graph, loadShard, 20);
    if (mine !== generation) return;
    list.replaceChildren(...hits.map((hit) => renderHit(loaded, base, hit)));
    if (hits.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = `No match for “${query.trim()}”`;
      list.append(empty);
    }
    list.hidden = false;
    setActive(0);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 60);
  });
  input.addEventListener('focus', () => {
    void loadGraph();
    if (input.value.trim()) void run();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Escape') {
      close();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const target = links()[Math.max(0, active)];
    if (target) location.href = target.href;
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target as Node)) close();
  });
}
