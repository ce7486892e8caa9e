/**
 * The built dashboard in Debian's Chromium (playwright-core, no browser download): build the site
 * against the fixture marts into a temp folder, serve it on 127.0.0.1, and check what a user
 * sees. Screenshots and timings go to test-output/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { SqlClient } from './helpers/dashboard-sql.ts';
import type { StaticServer } from '../scripts/serve.mjs';
import { createDashboardFixture, FIXTURE_BUILT_AT } from './helpers/dashboard-fixture.ts';
import { inList, openSql } from './helpers/dashboard-sql.ts';
import { REPO_ROOT, buildSite } from './helpers/dashboard-site.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, measurePageBudget, redrawProbe, summariseRedraws } from '../scripts/dashboard-budgets.mjs';
import { startStaticServer } from '../scripts/serve.mjs';
import { DASHBOARD_CHARTS } from '../src/lib/dashboard/charts.ts';
import { formatInt, formatPct, formatRub } from '../src/lib/dashboard/format.ts';

const OUTPUT = join(REPO_ROOT, 'test-output');
const CHART_IDS = DASHBOARD_CHARTS.filter((c) => c.id !== 'kpis').map((c) => c.id);

let dir: string;
let sql: SqlClient;
let server: StaticServer;
let browser: Browser;
let buildMs = 0;
const consoleErrors: string[] = [];
const timings: Record<string, unknown> = {};

async function openPage(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${query || '/'}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${query || '/'}: ${err.message}`));
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => window.__dashboard?.ready === true);
  return page;
}

async function kpis(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-kpi]', (cards) =>
    Object.fromEntries(cards.map((c) => [(c as HTMLElement).dataset.kpi, c.querySelector('[data-kpi-value]')?.textContent?.trim() ?? ''])),
  );
}

/** KPI values for a filter, computed in SQL over the marts and formatted like the page. */
async function expectedKpis(f: { from?: string; to?: string; shopIds?: number[]; families?: string[]; metric?: 'revenue' | 'units' }) {
  const from = f.from ?? '2013-01-01';
  const to = f.to ?? '2014-12-01';
  const scope = `(select c.*, d.family_en from main_marts.sales_cube c join main_marts.dim_categories d using (category_id)
                  where ${inList('c.shop_id', f.shopIds ?? [])} and ${inList('d.family_en', f.families ?? [])})`;
  const inRange = `${scope} where month_start between date '${from}' and date '${to}'`;
  const revenue = await sql.number(`select sum(revenue) from ${inRange}`);
  const units = await sql.number(`select sum(units) from ${inRange}`);
  const shops = await sql.number(`select count(*) from (select shop_id from ${inRange} group by 1 having sum(revenue) > 0)`);
  const col = f.metric === 'units' ? 'units' : 'revenue';
  const cur = await sql.number(`select sum(${col}) from ${scope} where month_start = date '${to}'`);
  const prev = await sql.number(`select sum(${col}) from ${scope} where month_start = date '${to}' - interval 1 month`);
  return { revenue: formatRub(revenue), units: formatInt(units), shops: formatInt(shops), momPct: prev ? ((cur - prev) / Math.abs(prev)) * 100 : null };
}

async function chartMarks(page: Page): Promise<Record<string, number>> {
  return page.$$eval('[data-chart-body]', (bodies) =>
    Object.fromEntries(
      bodies.map((b) => [
        (b.closest('[data-chart]') as HTMLElement).dataset.chart,
        // Children of Plot's mark groups, axes excluded: bars, dots, cells, lines, labels.
        b.querySelectorAll('svg g[aria-label]:not([aria-label*="axis"]) > *').length,
      ]),
    ),
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  // Off-screen cards use content-visibility: auto; render them all for a full-page picture.
  await page.addStyleTag({ content: '.chart-card { content-visibility: visible !important; }' });
  await page.screenshot({ path: join(OUTPUT, name), fullPage: true });
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('dashboard in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'strata-dash-browser-'));
    const fixture = await createDashboardFixture(join(dir, 'fixture'));
    const site = await buildSite(fixture, join(dir, 'dist'), join(dir, 'cache'));
    buildMs = site.buildMs;
    sql = await openSql(fixture.duckdbPath);
    server = await startStaticServer({ dir: site.outDir, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    sql?.close();
    if (Object.keys(timings).length) writeFileSync(join(OUTPUT, 'dashboard-timings.json'), `${JSON.stringify({ buildMs, ...timings }, null, 2)}\n`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves a page that already shows charts and figures without its script', async () => {
    const html = await (await fetch(server.url)).text();
    for (const id of CHART_IDS) {
      const body = new RegExp(`data-chart="${id}"[\\s\\S]*?data-chart-body[^>]*>\\s*<(svg|figure)`);
      expect(html, id).toMatch(body);
    }
    const expected = await expectedKpis({});
    expect(html).toContain(expected.revenue);
    expect(html).toContain(`data-built-at="${FIXTURE_BUILT_AT}"`);
    expect(html).toContain('Data built 15 Jan 2025, 09:30 UTC');
    expect(html).toContain('main_marts.sales_cube');
    expect(html).toContain('Jan 2013');
    // The data is columnar: no per-row objects with repeated keys.
    const data = /id="dashboard-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(data.length).toBeGreaterThan(1000);
    expect(data).not.toMatch(/"revenue":\d+,"units"/);
  });

  it('draws marks in every chart with no console errors, and names each chart\'s marts', async () => {
    const page = await openPage();
    const marks = await chartMarks(page);
    for (const id of CHART_IDS) expect(marks[id], id).toBeGreaterThan(5);
    for (const chart of DASHBOARD_CHARTS) {
      const caption = await page.locator(`[data-chart="${chart.id}"]`).first().textContent();
      for (const mart of chart.marts) expect(caption, chart.id).toContain(`main_marts.${mart}`);
    }
    expect(await kpis(page)).toMatchObject(await expectedKpis({}).then(({ revenue, units, shops }) => ({ revenue, units, shops })));
    await screenshot(page, 'dashboard-default.png');
    await page.close();
  });

  it('changing the shop filter sets the KPIs to what SQL gives for that shop', async () => {
    const page = await openPage();
    const shopIndex = await page.$eval('input[name="shop"]', () => {
      const data = JSON.parse(document.getElementById('dashboard-data')!.textContent!);
      return data.shops.id.indexOf(31) as number;
    });
    await page.locator('details.multi summary').click();
    await page.locator(`input[name="shop"][value="${shopIndex}"]`).check();
    await page.waitForFunction(() => window.__dashboard!.redraws >= 1);
    const expected = await expectedKpis({ shopIds: [31] });
    const shown = await kpis(page);
    expect(shown.revenue).toBe(expected.revenue);
    expect(shown.units).toBe(expected.units);
    expect(shown.shops).toBe('1');
    expect(shown.mom).toBe(formatPct(expected.momPct));
    expect(page.url()).toContain('shops=31');
    expect(await page.locator('[data-shops-summary]').textContent()).toBe('Moscow, Semenovsky SEC');
    // Charts that have no shop split say so.
    await expect(page.locator('[data-chart="category-bar"] [data-chart-ignored]').isVisible()).resolves.toBe(true);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await screenshot(page, 'dashboard-shop-31.png');
    await page.close();
  });

  it('the revenue / volume toggle switches every metric chart to units', async () => {
    const page = await openPage();
    const before = await page.locator('[data-chart="category-bar"] [data-chart-body]').textContent();
    expect(before).toContain('₽');
    await page.locator('label:has(input[value="units"])').click();
    await page.waitForFunction(() => window.__dashboard!.redraws >= 1);
    for (const id of ['category-bar', 'top-shops', 'new-vs-old', 'shop-category-treemap']) {
      // Visible text only: hover titles list both measures on purpose.
      const text = await page.$eval(`[data-chart="${id}"] [data-chart-body]`, (body) => {
        const copy = body.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('title').forEach((t) => t.remove());
        return copy.textContent ?? '';
      });
      expect(text, id).toMatch(/\d/);
      expect(text, id).not.toContain('₽');
    }
    expect(await page.locator('[data-chart="price-vs-quantity"] [data-chart-body]').textContent()).toContain('Units sold');
    expect(await page.locator('[data-kpi="mom"] [data-kpi-label]').textContent()).toContain('units sold');
    const expected = await expectedKpis({ metric: 'units' });
    expect((await kpis(page)).mom).toBe(formatPct(expected.momPct));
    expect(page.url()).toContain('metric=units');
    await page.close();
  });

  it('loading a shared URL restores the filters, the charts and the KPIs', async () => {
    const query = '?from=2013-04&to=2014-02&shops=25,12&families=movies,gifts&metric=units';
    const page = await openPage(query);
    expect(await page.locator('[data-filter="from"]').inputValue()).toBe('3');
    expect(await page.locator('[data-filter="to"]').inputValue()).toBe('13');
    expect(await page.locator('input[name="metric"][value="units"]').isChecked()).toBe(true);
    const pressed = await page.$$eval('[data-family][aria-pressed="true"]', (chips) => chips.map((c) => c.textContent?.trim()));
    expect(pressed.sort()).toEqual(['Gifts', 'Movies']);
    expect(await page.locator('[data-shops-summary]').textContent()).toBe('2 shops');
    const expected = await expectedKpis({ from: '2013-04-01', to: '2014-02-01', shopIds: [25, 12], families: ['Movies', 'Gifts'], metric: 'units' });
    const shown = await kpis(page);
    expect(shown).toEqual({ revenue: expected.revenue, units: expected.units, shops: expected.shops, mom: formatPct(expected.momPct) });
    // The URL drew a non-default view on load, and the page keeps the query as it was.
    expect(await page.evaluate(() => window.__dashboard!.redraws)).toBe(1);
    expect(new URL(page.url()).search).toBe(query);
    const marks = await chartMarks(page);
    for (const id of CHART_IDS) expect(marks[id], id).toBeGreaterThan(3);
    await screenshot(page, 'dashboard-shared-url.png');

    await page.locator('[data-reset]').click();
    expect(new URL(page.url()).search).toBe('');
    expect((await kpis(page)).revenue).toBe((await expectedKpis({})).revenue);
    await page.close();
  });

  it('redraws every chart after a filter change (times recorded for BENCHMARKS.md)', async () => {
    const page = await openPage();
    const samples = await page.evaluate(redrawProbe, 6);
    const summary = summariseRedraws(samples);
    timings.redraw = summary;
    // Family and metric changes touch (nearly) every chart: the honest worst case.
    expect(samples.filter((s) => s.kind === 'metric').every((s) => s.charts >= 8)).toBe(true);
    // Times are recorded (test-output/dashboard-timings.json), never asserted: the budget is
    // checked by `node docs-site/scripts/dashboard-budgets.mjs`.
    expect(summary.samples).toBeGreaterThan(0);
    await page.close();
  });

  it('keeps script plus embedded data under 300 KB gzipped', () => {
    const budget = measurePageBudget(join(dir, 'dist'));
    timings.budget = budget;
    expect(budget.scripts).toBeGreaterThan(0);
    expect(budget.totalGzip).toBeLessThan(300 * 1024);
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
