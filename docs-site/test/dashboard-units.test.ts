/** Pure pieces of the dashboard: formats, URL state, packing, month ticks, static rendering. */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { DashboardData } from '../src/lib/dashboard/types.ts';
import { formatCompact, formatInt, formatMonth, formatPct, formatRub, formatTimestamp, truncate } from '../src/lib/dashboard/format.ts';
import { defaultState, isDefaultState, queryToState, slugify, stateToQuery } from '../src/lib/dashboard/url-state.ts';
import { logTicks, monthTicks } from '../src/lib/dashboard/render/common.ts';
import { embedJson, renderStatic } from '../src/lib/dashboard/ssr.ts';
import { DASHBOARD_CHARTS, getChart } from '../src/lib/dashboard/charts.ts';
import { RENDERERS } from '../src/lib/dashboard/render/index.ts';
import { resolveDataPaths } from '../src/lib/dashboard/paths.ts';
import { toNumber } from '../src/lib/dashboard/load.ts';
import { contrastText } from '../src/lib/dashboard/palette.ts';

function months(from: string, count: number): string[] {
  const [y0, m0] = from.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const m = m0 - 1 + i;
    return `${y0 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  });
}

/** A tiny hand-made dataset: 2 shops, 2 families, 3 categories, 3 months. */
function tinyData(): DashboardData {
  return {
    version: 1,
    build: { builtAt: null, projectName: null, targetName: null, command: null, strataVersion: null },
    months: months('2015-08', 3),
    shops: { id: [25, 31], name: ['Moscow, Atrium SEC', 'Moscow, Semenovsky SEC'], city: ['Moscow', 'Moscow'] },
    families: ['Movies', 'PC games'],
    categories: { id: [37, 40, 30], name: ['Cinema - Blu-ray', 'Cinema - DVD', 'PC Games - Standard Editions'], family: [0, 0, 1] },
    cube: { month: [0, 1, 2, 0, 2], shop: [0, 0, 0, 1, 1], family: [0, 0, 1, 0, 1], revenue: [1000, 2000, 1500, 500, 4000], units: [10, 20, 3, 5, 8] },
    categoryMonth: { month: [0, 1, 2, 0, 2], category: [0, 1, 2, 0, 2], revenue: [1500, 2000, 5500, 0, 0], units: [15, 20, 11, 0, 0] },
    shopCategory: { shop: [0, 0, 1, 1], category: [0, 2, 0, 2], revenue: [3000, 1500, 500, 4000], units: [30, 3, 5, 8] },
    items: { name: ['A', 'B'], family: [0, 1], price: [100, 500], units: [35, 11], revenue: [3500, 5500], totalItems: 2 },
    heatmap: { items: ['A', 'B'], itemFamily: [0, 1], row: [0, 0, 1], month: [0, 1, 2], revenue: [1000, 2500, 5500], units: [10, 25, 11] },
    newOld: { month: [0, 0, 1, 1, 2, 2], isNew: [0, 1, 0, 1, 0, 1], revenue: [1000, 500, 2000, 0, 3000, 2500], units: [10, 5, 20, 0, 6, 5], items: [1, 1, 1, 0, 1, 1] },
    seasonality: { family: [0, 0, 1], monthOfYear: [8, 9, 10], revenue: [1500, 2000, 5500], units: [15, 20, 11] },
  };
}

describe('formats', () => {
  it('formats money as ₽ with three significant digits', () => {
    expect(formatRub(1_234_567)).toBe('₽1.23M');
    expect(formatRub(845_000)).toBe('₽845K');
    expect(formatRub(3_410_000_000)).toBe('₽3.41B');
    expect(formatRub(950)).toBe('₽950');
    expect(formatRub(-1200)).toBe('−₽1.2K');
    expect(formatRub(Number.NaN)).toBe('—');
  });

  it('formats counts, percentages, months and timestamps', () => {
    expect(formatInt(3_648_206)).toBe('3,648,206');
    expect(formatCompact(12_345)).toBe('12.3K');
    expect(formatPct(4.24)).toBe('+4.2%');
    expect(formatPct(-17)).toBe('−17.0%');
    expect(formatPct(null)).toBe('—');
    expect(formatMonth('2014-01-01')).toBe('Jan 2014');
    expect(formatMonth('2015-10-01')).toBe('Oct 2015');
    expect(formatTimestamp('2025-03-12T14:03:00Z')).toBe('12 Mar 2025, 14:03 UTC');
    expect(formatTimestamp(null)).toBe('unknown');
    expect(truncate('Saint Petersburg, Nevsky Centre TC', 20)).toBe('Saint Petersburg, N…');
  });

  it('converts DuckDB boundary values to numbers', () => {
    expect(toNumber(12n)).toBe(12);
    expect(toNumber('1234.50')).toBe(1234.5);
    expect(toNumber(null)).toBe(0);
  });

  it('picks readable text colours', () => {
    expect(contrastText('#efb118')).toBe('#1c2430');
    expect(contrastText('#4269d0')).toBe('#ffffff');
  });
});

describe('URL state', () => {
  const data = tinyData();

  it('leaves the default view without a query string', () => {
    expect(stateToQuery(defaultState(data), data)).toBe('');
    expect(isDefaultState(queryToState('', data), data)).toBe(true);
  });

  it('round-trips every filter with readable ids and slugs', () => {
    const state = { from: 1, to: 1, shops: [1], families: [1], metric: 'units' as const };
    const query = stateToQuery(state, data);
    expect(query).toBe('?from=2015-09&to=2015-09&shops=31&families=pc-games&metric=units');
    expect(queryToState(query, data)).toEqual(state);
    // A range ending on the last month leaves `to` out.
    expect(stateToQuery({ ...state, to: 2 }, data)).toBe('?from=2015-09&shops=31&families=pc-games&metric=units');
  });

  it('drops unknown values and orders a reversed range', () => {
    const state = queryToState('?from=2015-10&to=2015-08&shops=999,25&families=nope,movies&metric=profit', data);
    expect(state).toEqual({ from: 0, to: 2, shops: [0], families: [0], metric: 'revenue' });
    expect(slugify('Game consoles')).toBe('game-consoles');
  });
});

describe('embedding', () => {
  it('escapes < so item names cannot close the data script', () => {
    const data = tinyData();
    data.items.name[0] = '</script><script>alert(1)</script>';
    const json = embedJson(data);
    expect(json).not.toContain('</script>');
    expect((JSON.parse(json) as DashboardData).items.name[0]).toBe(data.items.name[0]);
  });
});

describe('axis ticks', () => {
  it('keeps month ticks aligned to January and under the limit', () => {
    const all = months('2013-01', 34);
    const ticks = monthTicks(all, 6);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[0]).toBe('2013-01-01');
    expect(ticks.every((t) => ['01', '07'].includes(t.slice(5, 7)))).toBe(true);
    expect(monthTicks(months('2014-03', 4), 6)).toHaveLength(4);
  });

  it('uses 1-2-5 log ticks over few decades and powers of ten over many', () => {
    expect(logTicks([3, 40])).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks([2, 3_000_000])).toEqual([1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]);
  });
});

describe('chart registry', () => {
  it('has a renderer for every chart but the HTML KPIs, and unique ids', () => {
    const ids = DASHBOARD_CHARTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(RENDERERS).sort()).toEqual(ids.filter((id) => id !== 'kpis').sort());
    expect(() => getChart('nope')).toThrow(/Unknown dashboard chart/);
  });
});

describe('static rendering (linkedom)', () => {
  it('draws every chart as SVG with marks, and KPIs from the same numbers', () => {
    const data = tinyData();
    const out = renderStatic(data);
    for (const id of Object.keys(RENDERERS)) {
      const { document } = parseHTML(`<div>${out.charts[id]}</div>`);
      const svg = document.querySelector('svg');
      expect(svg, id).not.toBeNull();
      const marks = document.querySelectorAll('path, rect, circle, line, text').length;
      expect(marks, id).toBeGreaterThan(3);
    }
    const kpis = Object.fromEntries(out.kpis.map((k) => [k.id, k.value]));
    // Oct: 1,500 + 4,000 = 5,500 vs Sep: 2,000 -> +175%.
    expect(kpis).toEqual({ revenue: '₽9K', units: '46', shops: '2', mom: '+175.0%' });
    // Money axes and labels use the ₽ format, months read `Aug 2015`.
    expect(out.charts['monthly-revenue']).toContain('₽');
    expect(out.charts['monthly-revenue']).toContain('Aug 2015');
  });

  it('shows an explicit message when a filter leaves nothing', () => {
    const data = tinyData();
    const out = renderStatic(data, { ...defaultState(data), from: 1, to: 1, families: [1] });
    expect(out.charts['monthly-revenue']).toContain('No sales for these filters');
    expect(out.kpis.find((k) => k.id === 'mom')?.value).toBe('—');
  });
});

describe('data paths', () => {
  it('defaults to <repo>/target and honours env overrides relative to the repo', () => {
    expect(resolveDataPaths('/repo', {})).toEqual({ duckdbPath: '/repo/target/sales.duckdb', targetDir: '/repo/target' });
    expect(resolveDataPaths('/repo', { STRATA_DUCKDB_PATH: 'x/db.duckdb', STRATA_TARGET_DIR: '/abs/t' })).toEqual({
      duckdbPath: '/repo/x/db.duckdb',
      targetDir: '/abs/t',
    });
  });
});
