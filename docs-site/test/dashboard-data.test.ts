/**
 * The dashboard's data shaping against SQL over the fixture marts: for a set of filter states,
 * every figure the page shows is computed both by the client code and by a SQL query, and they
 * must agree (money within the documented rounding, counts exactly).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardData, FilterState } from '../src/lib/dashboard/types.ts';
import type { SqlClient } from './helpers/dashboard-sql.ts';
import { createDashboardFixture, FIXTURE_BUILT_AT } from './helpers/dashboard-fixture.ts';
import { inList, openSql } from './helpers/dashboard-sql.ts';
import { loadDashboardData } from '../src/lib/dashboard/load.ts';
import { readBuildInfo } from '../src/lib/dashboard/build-info.ts';
import { embedJson } from '../src/lib/dashboard/ssr.ts';
import { toSelection } from '../src/lib/dashboard/select.ts';
import { buildCubeView } from '../src/lib/dashboard/cube-view.ts';
import { computeKpis } from '../src/lib/dashboard/kpis.ts';
import { categoryTotals, heatmapCells, monthlySeries, newOldSeries, scatterPoints, seasonalityCells, shopTotals } from '../src/lib/dashboard/breakdowns.ts';
import { treemapLayout } from '../src/lib/dashboard/treemap-layout.ts';
import { radarProfiles } from '../src/lib/dashboard/radar-data.ts';
import { DASHBOARD_CHARTS } from '../src/lib/dashboard/charts.ts';
import { defaultState } from '../src/lib/dashboard/url-state.ts';

let dir: string;
let sql: SqlClient;
let exact: DashboardData;
let embedded: DashboardData;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-dash-data-'));
  const fx = await createDashboardFixture(dir);
  exact = await loadDashboardData({ duckdbPath: fx.duckdbPath, build: await readBuildInfo(fx.targetDir) });
  // What the page embeds and the browser reads back.
  embedded = JSON.parse(embedJson(exact)) as DashboardData;
  sql = await openSql(fx.duckdbPath);
});

afterAll(() => {
  sql?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Scenario {
  name: string;
  from?: string;
  to?: string;
  shopIds?: number[];
  families?: string[];
  metric?: 'revenue' | 'units';
}

const SCENARIOS: Scenario[] = [
  { name: 'no filters' },
  { name: 'month range', from: '2013-04-01', to: '2013-11-01' },
  { name: 'one shop', shopIds: [25] },
  { name: 'two shops, one not yet open in the range', shopIds: [25, 57], from: '2013-01-01', to: '2013-06-01' },
  { name: 'one family, units', families: ['Gifts'], metric: 'units' },
  { name: 'shop + families + months', shopIds: [12], families: ['Movies', 'Music'], from: '2014-01-01', to: '2014-12-01' },
  { name: 'a single month', from: '2014-03-01', to: '2014-03-01', metric: 'units' },
  { name: 'a closed shop after it closed', shopIds: [2], from: '2014-07-01', to: '2014-12-01' },
];

function stateFor(data: DashboardData, s: Scenario): FilterState {
  const state = defaultState(data);
  if (s.from) state.from = data.months.indexOf(s.from);
  if (s.to) state.to = data.months.indexOf(s.to);
  state.shops = (s.shopIds ?? []).map((id) => data.shops.id.indexOf(id));
  state.families = (s.families ?? []).map((f) => data.families.indexOf(f));
  state.metric = s.metric ?? 'revenue';
  expect(state.from).toBeGreaterThanOrEqual(0);
  expect(state.shops.every((i) => i >= 0) && state.families.every((i) => i >= 0)).toBe(true);
  return state;
}

/** The filtered cube in SQL: the same rows the client aggregates. */
function cubeSql(data: DashboardData, s: Scenario, withMonths = true): string {
  const from = s.from ?? data.months[0];
  const to = s.to ?? data.months[data.months.length - 1];
  return `(select c.*, d.family_en from main_marts.sales_cube c join main_marts.dim_categories d using (category_id)
           where ${inList('c.shop_id', s.shopIds ?? [])} and ${inList('d.family_en', s.families ?? [])}
           ${withMonths ? `and c.month_start between date '${from}' and date '${to}'` : ''})`;
}

function prevMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

describe.each([
  // Money is rounded to whole rubles per cube row, so a sum of n rows may be off by n / 2.
  ['loaded data', () => exact, 0.5],
  ['embedded JSON, as the browser reads it', () => embedded, 0.5],
] as const)('%s', (_label, getData, perRow) => {
  it.each(SCENARIOS)('KPIs match SQL: $name', async (s) => {
    const data = getData();
    const sel = toSelection(data, stateFor(data, s));
    const kpis = computeKpis(buildCubeView(data, sel), sel);
    const cube = cubeSql(data, s);
    const rowsInScope = await sql.number(`select count(*) from (select distinct month_start, shop_id, family_en from ${cube})`);

    const revenue = await sql.number(`select sum(revenue) from ${cube}`);
    expect(Math.abs(kpis.revenue - revenue)).toBeLessThanOrEqual(perRow * Math.max(1, rowsInScope));
    expect(kpis.units).toBe(await sql.number(`select coalesce(sum(units), 0) from ${cube}`));
    expect(kpis.activeShops).toBe(await sql.number(`select count(*) from (select shop_id from ${cube} group by shop_id having sum(revenue) > 0)`));

    // MoM: last month of the range vs the month before (which may be outside the range).
    const last = s.to ?? data.months[data.months.length - 1];
    const all = cubeSql(data, s, false);
    const col = (s.metric ?? 'revenue') === 'revenue' ? 'revenue' : 'units';
    const cur = await sql.number(`select coalesce(sum(${col}), 0) from ${all} where month_start = date '${last}'`);
    const prev = await sql.number(`select coalesce(sum(${col}), 0) from ${all} where month_start = date '${prevMonth(last)}'`);
    if (prev === 0) expect(kpis.momPct).toBeNull();
    else if (col === 'units') expect(kpis.momPct).toBeCloseTo(((cur - prev) / Math.abs(prev)) * 100, 9);
    else expect(Math.abs((kpis.momPct ?? NaN) - ((cur - prev) / Math.abs(prev)) * 100)).toBeLessThan(0.01);
  });

  it.each(SCENARIOS)('monthly series and top shops match SQL: $name', async (s) => {
    const data = getData();
    const sel = toSelection(data, stateFor(data, s));
    const view = buildCubeView(data, sel);
    const cube = cubeSql(data, s);

    const months = await sql.rows(`select strftime(month_start, '%Y-%m-%d') as m, sum(revenue)::DOUBLE as r, sum(units)::DOUBLE as u, count(*) as n from ${cube} group by 1`);
    const series = monthlySeries(data, view, sel);
    expect(series.length).toBe(sel.to - sel.from + 1);
    for (const row of months) {
      const point = series.find((p) => p.month === row.m);
      expect(point, `month ${row.m}`).toBeDefined();
      expect(point!.units).toBe(row.u);
      expect(Math.abs(point!.revenue - Number(row.r))).toBeLessThanOrEqual(perRow * Number(row.n));
    }
    const silent = series.filter((p) => !months.some((r) => r.m === p.month));
    expect(silent.every((p) => p.revenue === 0 && p.units === 0)).toBe(true);

    const col = (s.metric ?? 'revenue') === 'revenue' ? 'revenue' : 'units';
    const shops = await sql.rows(`select shop_id, sum(${col})::DOUBLE as v from ${cube} group by 1 having sum(${col}) <> 0 order by v desc, shop_id`);
    const ranked = shopTotals(data, view, sel, 100);
    expect(ranked.map((r) => data.shops.id[r.index]).sort()).toEqual(shops.map((r) => Number(r.shop_id)).sort());
    for (const r of ranked) {
      const row = shops.find((x) => Number(x.shop_id) === data.shops.id[r.index])!;
      expect(Math.abs(r.value - Number(row.v))).toBeLessThanOrEqual(col === 'units' ? 0 : perRow * data.months.length * data.families.length);
    }
  });
});

describe('category-level charts against SQL', () => {
  it.each(SCENARIOS)('revenue by category follows months and families: $name', async (s) => {
    const sel = toSelection(embedded, stateFor(embedded, s));
    const col = (s.metric ?? 'revenue') === 'revenue' ? 'revenue' : 'units';
    // The category chart has no shop split, so its SQL ignores the shop filter on purpose.
    const cube = cubeSql(embedded, { ...s, shopIds: [] });
    const rows = await sql.rows(`select category_id, sum(${col})::DOUBLE as v, count(distinct month_start) as n from ${cube} group by 1 having sum(${col}) <> 0`);
    const bars = categoryTotals(embedded, sel, 100);
    expect(bars.length).toBe(rows.length);
    for (const bar of bars) {
      const row = rows.find((r) => Number(r.category_id) === embedded.categories.id[bar.index])!;
      expect(row).toBeDefined();
      expect(Math.abs(bar.value - Number(row.v))).toBeLessThanOrEqual(col === 'units' ? 0 : 0.5 * Number(row.n));
    }
    const values = bars.map((b) => b.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it.each(SCENARIOS)('treemap totals follow shops and families: $name', async (s) => {
    const sel = toSelection(embedded, stateFor(embedded, s));
    const col = (s.metric ?? 'revenue') === 'revenue' ? 'revenue' : 'units';
    const where = `${inList('m.shop_id', s.shopIds ?? [])} and ${inList('m.family_en', s.families ?? [])} and m.${col} > 0`;
    const total = await sql.number(`select coalesce(sum(${col}), 0) from main_marts.shop_category_matrix m where ${where}`);
    const pairs = await sql.number(`select count(*) from main_marts.shop_category_matrix m where ${where}`);
    const layout = treemapLayout(embedded, sel, 1000, 500);
    expect(Math.abs(layout.total - total)).toBeLessThanOrEqual(col === 'units' ? 0 : 0.5 * pairs);
    expect(layout.shopsTotal).toBe(await sql.number(`select count(distinct shop_id) from main_marts.shop_category_matrix m where ${where}`));
    // Tiles add up to their shop, and areas are proportional to values (within pixel rounding).
    const tileSum = layout.tiles.reduce((a, t) => a + t.value, 0);
    expect(tileSum).toBeCloseTo(layout.shown, 6);
    for (const t of layout.tiles) {
      expect(t.x1).toBeGreaterThanOrEqual(t.x0);
      expect(t.y1).toBeGreaterThanOrEqual(t.y0);
      expect(t.x0 >= 0 && t.y0 >= 0 && t.x1 <= 1000 && t.y1 <= 500).toBe(true);
    }
  });
});

describe('item-level charts against SQL', () => {
  it('heatmap rows are the top items by units and cells sum to the mart', async () => {
    const s: Scenario = { name: 'families + months', families: ['Console games', 'Software'], from: '2013-06-01', to: '2014-06-01', metric: 'units' };
    const sel = toSelection(embedded, stateFor(embedded, s));
    const { items, cells } = heatmapCells(embedded, sel);
    const where = `i.month_start between date '${s.from}' and date '${s.to}' and ${inList('d.family_en', s.families!)}`;
    const rows = await sql.rows(`select i.item_id, any_value(i.item_name) as name, sum(i.units)::DOUBLE as u
      from main_marts.item_monthly_consistency i join main_marts.dim_items di using (item_id) join main_marts.dim_categories d on d.category_id = di.category_id
      where ${where} group by 1 having max(i.units) > 0`);
    expect(new Set(items)).toEqual(new Set(rows.map((r) => String(r.name))));
    const total = cells.reduce((a, c) => a + c.value, 0);
    expect(total).toBe(rows.reduce((a, r) => a + Number(r.u), 0));
    expect(cells.every((c) => c.share >= 0 && c.share <= 1)).toBe(true);
    // Rank order: most units over the whole period first.
    const order = await sql.rows(`select any_value(item_name) as name from main_marts.item_monthly_consistency group by item_id order by sum(units) desc, item_id`);
    expect(embedded.heatmap.items).toEqual(order.map((r) => String(r.name)));
  });

  it('new vs old items and seasonality sum to their marts', async () => {
    const sel = toSelection(embedded, { ...defaultState(embedded), metric: 'units', from: 3, to: 20 });
    const points = newOldSeries(embedded, sel);
    const units = await sql.number(`select sum(units) from main_marts.new_vs_old_items where month_start between date '${embedded.months[3]}' and date '${embedded.months[20]}'`);
    expect(points.reduce((a, p) => a + p.value, 0)).toBe(units);

    const gifts = embedded.families.indexOf('Gifts');
    const season = seasonalityCells(embedded, toSelection(embedded, { ...defaultState(embedded), metric: 'units', families: [gifts] }));
    expect(season.reduce((a, c) => a + c.value, 0)).toBe(await sql.number(`select sum(units) from main_marts.seasonality_by_category where family_en = 'Gifts'`));
    expect(season.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
  });

  it('scatter shows the best-selling items by revenue, filtered by family', async () => {
    const movies = embedded.families.indexOf('Movies');
    const points = scatterPoints(embedded, toSelection(embedded, { ...defaultState(embedded), families: [movies] }));
    const expected = await sql.number(`select count(*) from main_marts.price_vs_quantity where family_en = 'Movies' and avg_price > 0 and units > 0 and revenue > 0`);
    expect(points.length).toBe(expected);
    expect(points.every((p) => p.family === movies && p.price > 0)).toBe(true);
  });

  it('radar profiles are scaled to 0..1 and count active months like SQL', async () => {
    const shop = embedded.shops.id.indexOf(57);
    const sel = toSelection(embedded, { ...defaultState(embedded), shops: [shop] });
    const radar = radarProfiles(embedded, buildCubeView(embedded, sel), sel);
    expect(radar.profiles).toHaveLength(1);
    const [p] = radar.profiles;
    expect(p.label).toBe(embedded.shops.name[shop]);
    expect(p.values.every((v) => v >= 0 && v <= 1)).toBe(true);
    const months = await sql.number(`select count(*) from (select month_start from main_marts.sales_cube where shop_id = 57 group by 1 having sum(revenue) > 0)`);
    expect(p.raw[4]).toBeCloseTo(months / embedded.months.length, 9);
    expect(p.raw[2]).toBeCloseTo(p.raw[0] / p.raw[1], 9);
    // Without a shop filter: the top 5 by the metric, biggest first.
    const all = toSelection(embedded, defaultState(embedded));
    const top = radarProfiles(embedded, buildCubeView(embedded, all), all).profiles;
    expect(top).toHaveLength(5);
    expect(top.map((t) => t.raw[0])).toEqual([...top.map((t) => t.raw[0])].sort((a, b) => b - a));
  });
});

describe('load boundary', () => {
  it('embeds only plain numbers and ISO month strings (no bigint, no decimal strings)', () => {
    const numeric = [exact.cube, exact.categoryMonth, exact.shopCategory, exact.heatmap, exact.newOld, exact.seasonality].flatMap((block) =>
      Object.entries(block).filter(([k]) => k !== 'items').flatMap(([, col]) => col as unknown[]),
    );
    expect(numeric.length).toBeGreaterThan(1000);
    expect(numeric.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(exact.items.price.every((v) => typeof v === 'number')).toBe(true);
    expect(exact.months.every((m) => /^\d{4}-\d{2}-01$/.test(m))).toBe(true);
    expect(exact.months).toHaveLength(24);
    expect(() => JSON.stringify(exact)).not.toThrow();
  });

  it('reads build time and command from run_results.json', () => {
    expect(exact.build.builtAt).toBe(FIXTURE_BUILT_AT);
    expect(exact.build.command).toBe('build');
    expect(exact.build.projectName).toBe('sales');
  });

  it('every mart a chart names exists in main_marts', async () => {
    const tables = new Set((await sql.rows(`select table_name from information_schema.tables where table_schema = 'main_marts'`)).map((r) => String(r.table_name)));
    for (const chart of DASHBOARD_CHARTS) {
      expect(chart.marts.length, chart.id).toBeGreaterThan(0);
      for (const mart of chart.marts) expect(tables.has(mart), `${chart.id} reads ${mart}`).toBe(true);
    }
  });

  it('fails with a clear message when the database is missing', async () => {
    await expect(loadDashboardData({ duckdbPath: join(dir, 'nope.duckdb'), build: exact.build })).rejects.toThrow(/npm run pipeline/);
  });
});
