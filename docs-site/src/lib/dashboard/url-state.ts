/**
 * Filter state <-> query string, so a view can be shared as a link.
 *
 *   ?from=2014-01&to=2015-06&shops=25,31&families=movies,pc-games&metric=units
 *
 * Shops are written by their warehouse id and families by a slug of their English name, not by
 * array index: links stay valid when a rebuild adds a shop or a family. Default values are left
 * out so the plain dashboard URL has no query string. Unknown or malformed values are dropped
 * rather than failing: an old link still opens.
 */
import type { DashboardData, FilterState, Metric } from './types.ts';

export function defaultState(data: Pick<DashboardData, 'months'>): FilterState {
  return { from: 0, to: Math.max(0, data.months.length - 1), shops: [], families: [], metric: 'revenue' };
}

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

export function stateToQuery(state: FilterState, data: Pick<DashboardData, 'months' | 'shops' | 'families'>): string {
  const params = new URLSearchParams();
  const def = defaultState(data);
  if (state.from !== def.from) params.set('from', monthKey(data.months[state.from]));
  if (state.to !== def.to) params.set('to', monthKey(data.months[state.to]));
  if (state.shops.length) {
    params.set('shops', [...state.shops].sort((a, b) => a - b).map((i) => data.shops.id[i]).join(','));
  }
  if (state.families.length) {
    params.set('families', [...state.families].sort((a, b) => a - b).map((i) => slugify(data.families[i])).join(','));
  }
  if (state.metric !== def.metric) params.set('metric', state.metric);
  // URLSearchParams escapes the commas; they are safe in a query, and far more readable.
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `?${query}` : '';
}

export function queryToState(query: string, data: Pick<DashboardData, 'months' | 'shops' | 'families'>): FilterState {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const state = defaultState(data);
  const keys = data.months.map(monthKey);

  const from = keys.indexOf(params.get('from') ?? '');
  const to = keys.indexOf(params.get('to') ?? '');
  if (from >= 0) state.from = from;
  if (to >= 0) state.to = to;
  if (state.from > state.to) [state.from, state.to] = [state.to, state.from];

  const shopIds = splitList(params.get('shops'));
  state.shops = unique(shopIds.map((id) => data.shops.id.indexOf(Number(id))).filter((i) => i >= 0));

  const slugs = data.families.map(slugify);
  state.families = unique(splitList(params.get('families')).map((s) => slugs.indexOf(s)).filter((i) => i >= 0));

  const metric = params.get('metric');
  if (metric === 'revenue' || metric === 'units') state.metric = metric as Metric;
  return state;
}

function splitList(value: string | null): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function unique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

export function isDefaultState(state: FilterState, data: Pick<DashboardData, 'months'>): boolean {
  const def = defaultState(data);
  return state.from === def.from && state.to === def.to && !state.shops.length && !state.families.length && state.metric === def.metric;
}
