/**
 * Browser side of the dashboard: read the embedded data, restore the filter state from the URL,
 * wire the controls, and redraw every chart and KPI on each change. All data is in the page; no
 * requests are made.
 */
import type { DashboardData, FilterState } from './types.ts';
import { DASHBOARD_CHARTS } from './charts.ts';
import { RENDERERS, createContext, renderCharts } from './render/index.ts';
import { kpiCards } from './kpi-view.ts';
import { defaultState, isDefaultState, queryToState, stateToQuery } from './url-state.ts';

declare global {
  interface Window {
    /** Timings of the last redraw, for the browser test and for curious users (ms). */
    __dashboard?: { redraws: number; lastRedrawMs: number; ready: boolean; chartMs: Record<string, number>; layoutMs: number };
  }
}

/** Shown under a chart when an active filter cannot change it (its data has no such split). */
const IGNORED_NOTES: Record<string, string> = {
  months: 'Covers all months: the month range does not apply.',
  shops: 'Covers all shops: the shop filter does not apply.',
  families: 'Covers all families: the family filter does not apply.',
  metric: 'Shows a fixed measure: the Revenue/Volume toggle does not apply.',
};

function readData(): DashboardData {
  const node = document.getElementById('dashboard-data');
  if (!node?.textContent) throw new Error('Dashboard data block #dashboard-data is missing.');
  return JSON.parse(node.textContent) as DashboardData;
}

function $all<T extends Element>(selector: string, root: ParentNode = document): T[] {
  return Array.from(root.querySelectorAll<T>(selector));
}

export function startDashboard(): void {
  const data = readData();
  let state = queryToState(location.search, data);
  const form = document.querySelector<HTMLFormElement>('[data-filters-form]');
  if (!form) return;

  const fromSelect = form.querySelector<HTMLSelectElement>('[data-filter="from"]')!;
  const toSelect = form.querySelector<HTMLSelectElement>('[data-filter="to"]')!;
  const shopBoxes = $all<HTMLInputElement>('input[name="shop"]', form);
  const shopSummary = form.querySelector<HTMLElement>('[data-shops-summary]')!;
  const metricRadios = $all<HTMLInputElement>('input[name="metric"]', form);
  const chips = $all<HTMLButtonElement>('[data-family]', form);
  const chipRow = form.querySelector<HTMLElement>('.chips');

  function syncControls(): void {
    fromSelect.value = String(state.from);
    toSelect.value = String(state.to);
    const picked = new Set(state.shops);
    for (const box of shopBoxes) box.checked = picked.has(Number(box.value));
    shopSummary.textContent =
      state.shops.length === 0 ? 'All shops' : state.shops.length === 1 ? data.shops.name[state.shops[0]] : `${state.shops.length} shops`;
    for (const radio of metricRadios) radio.checked = radio.value === state.metric;
    const families = new Set(state.families);
    for (const chip of chips) chip.setAttribute('aria-pressed', String(families.has(Number(chip.dataset.family))));
    chipRow?.classList.toggle('filtered', state.families.length > 0);
  }

  /** Tell the reader when an active filter does not apply to a chart (its data has no such split). */
  function syncIgnoredNotes(): void {
    const def = defaultState(data);
    const active = new Set<string>();
    if (state.from !== def.from || state.to !== def.to) active.add('months');
    if (state.shops.length) active.add('shops');
    if (state.families.length) active.add('families');
    if (state.metric !== def.metric) active.add('metric');
    for (const chart of DASHBOARD_CHARTS) {
      const note = document.querySelector<HTMLElement>(`[data-chart="${chart.id}"] [data-chart-ignored]`);
      if (!note) continue;
      const ignored = [...active].filter((f) => !chart.filters.includes(f as never));
      note.hidden = ignored.length === 0;
      note.textContent = ignored.map((f) => IGNORED_NOTES[f]).join(' ');
    }
  }

  /** What a chart depends on; an unchanged key means its drawing cannot change. */
  const inputs = new Map(DASHBOARD_CHARTS.map((c) => [c.id, c.filters]));
  function chartKey(id: string): string {
    const f = inputs.get(id) ?? [];
    return [
      f.includes('months') ? `${state.from}-${state.to}` : '',
      f.includes('shops') ? state.shops.join(',') : '',
      f.includes('families') ? state.families.join(',') : '',
      f.includes('metric') ? state.metric : '',
    ].join('|');
  }
  // The build drew the default state.
  const drawnKeys = new Map<string, string>();

  function redraw(): void {
    const t0 = performance.now();
    const stats = window.__dashboard!;
    const ctx = createContext(data, state, document);
    stats.chartMs = {};
    for (const id of Object.keys(RENDERERS)) {
      const key = chartKey(id);
      if (drawnKeys.get(id) === key) continue;
      drawnKeys.set(id, key);
      const t = performance.now();
      const el = renderCharts(ctx, [id]).get(id);
      const body = document.querySelector(`[data-chart="${id}"] [data-chart-body]`);
      if (body && el) body.replaceChildren(el);
      stats.chartMs[id] = performance.now() - t;
    }
    for (const card of kpiCards(ctx)) {
      const root = document.querySelector<HTMLElement>(`[data-kpi="${card.id}"]`);
      if (!root) continue;
      root.querySelector('[data-kpi-label]')!.textContent = card.label;
      root.querySelector('[data-kpi-value]')!.textContent = card.value;
      root.querySelector('[data-kpi-detail]')!.textContent = card.detail;
      if (card.trend) root.dataset.trend = card.trend;
    }
    syncIgnoredNotes();
    // Force style and layout so the timing covers what the user waits for, not just our JS.
    const tLayout = performance.now();
    void document.body.offsetHeight;
    stats.layoutMs = performance.now() - tLayout;
    stats.redraws++;
    stats.lastRedrawMs = performance.now() - t0;
  }

  function update(next: FilterState): void {
    state = next;
    if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
    // Replace, not push: the back button should leave the dashboard, not replay every click.
    history.replaceState(null, '', `${location.pathname}${stateToQuery(state, data)}${location.hash}`);
    syncControls();
    redraw();
  }

  fromSelect.addEventListener('change', () => {
    const from = Number(fromSelect.value);
    update({ ...state, from, to: Math.max(from, state.to) });
  });
  toSelect.addEventListener('change', () => {
    const to = Number(toSelect.value);
    update({ ...state, to, from: Math.min(to, state.from) });
  });
  for (const box of shopBoxes) {
    box.addEventListener('change', () => {
      update({ ...state, shops: shopBoxes.filter((b) => b.checked).map((b) => Number(b.value)) });
    });
  }
  form.querySelector('[data-shops-clear]')?.addEventListener('click', () => update({ ...state, shops: [] }));
  form.querySelector<HTMLInputElement>('[data-shop-search]')?.addEventListener('input', (event) => {
    const needle = (event.target as HTMLInputElement).value.trim().toLowerCase();
    for (const row of $all<HTMLElement>('[data-shop-row]', form)) row.hidden = !!needle && !(row.dataset.name ?? '').includes(needle);
  });
  for (const radio of metricRadios) {
    radio.addEventListener('change', () => {
      if (radio.checked) update({ ...state, metric: radio.value === 'units' ? 'units' : 'revenue' });
    });
  }
  for (const chip of chips) {
    chip.addEventListener('click', () => {
      const f = Number(chip.dataset.family);
      const families = state.families.includes(f) ? state.families.filter((x) => x !== f) : [...state.families, f].sort((a, b) => a - b);
      update({ ...state, families });
    });
  }
  form.querySelector('[data-reset]')?.addEventListener('click', () => update(defaultState(data)));
  form.querySelector<HTMLButtonElement>('[data-copy-link]')?.addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = 'Link copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    setTimeout(() => (button.textContent = 'Copy link'), 1500);
  });
  // Close the shop menu on outside click, as a native select would.
  document.addEventListener('click', (event) => {
    const menu = form.querySelector<HTMLDetailsElement>('details.multi');
    if (menu?.open && !menu.contains(event.target as Node)) menu.open = false;
  });

  window.__dashboard = { redraws: 0, lastRedrawMs: 0, ready: false, chartMs: {}, layoutMs: 0 };
  for (const fieldset of $all<HTMLFieldSetElement>('[data-filters-fieldset]', form)) fieldset.disabled = false;
  syncControls();
  {
    const current = state;
    state = defaultState(data);
    for (const id of Object.keys(RENDERERS)) drawnKeys.set(id, chartKey(id));
    state = current;
  }
  // The build drew the default view; only redraw when the URL asks for another one.
  if (!isDefaultState(state, data)) redraw();
  else syncIgnoredNotes();
  window.__dashboard.ready = true;
}
