#!/usr/bin/env node
// @ts-check
/**
 * Measure the dashboard's three budgets against the real marts (or any STRATA_DUCKDB_PATH):
 *   1. `astro build` wall time             (budget: < 30 s)
 *   2. JS + embedded data, gzipped         (budget: <= 300 KB)
 *   3. redraw time after a filter change   (budget: < 100 ms, headless Chromium)
 *
 *   node docs-site/scripts/dashboard-budgets.mjs [--out-dir DIR] [--json FILE]
 *
 * Builds into a temp folder (docs-site/dist is left alone), serves it on 127.0.0.1, drives
 * /usr/bin/chromium with playwright-core, prints one JSON object. The browser test imports the
 * measuring functions from here, so tests and benchmarks measure the same way.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startStaticServer } from './serve.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every JS file a page loads: its module scripts plus everything they import, recursively.
 * @param {string} outDir
 * @param {string} html
 */
function pageScripts(outDir, html) {
  /** @type {Set<string>} */
  const files = new Set();
  const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => join(outDir, m[1].replace(/^\//, '')));
  const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  /** @param {string} code @param {string} base */
  const importsOf = (code, base) =>
    [...code.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+\.js|\/_astro\/[^"']+\.js)["']/g)].map((m) =>
      m[1].startsWith('/') ? join(outDir, m[1].slice(1)) : join(base, m[1]),
    );
  queue.push(...importsOf(inline, join(outDir, '_astro')));
  while (queue.length) {
    const file = /** @type {string} */ (queue.pop());
    if (files.has(file)) continue;
    files.add(file);
    queue.push(...importsOf(readFileSync(file, 'utf8'), dirname(file)));
  }
  return { files, inline };
}

/**
 * gzip sizes (default level, as a web server sends them) of the page's scripts and data block.
 * @param {string} outDir
 * @param {string} [page]
 */
export function measurePageBudget(outDir, page = 'index.html') {
  const html = readFileSync(join(outDir, page), 'utf8');
  const data = /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const { files, inline } = pageScripts(outDir, html);
  let jsGzip = inline ? gzipSync(inline).length : 0;
  for (const file of files) jsGzip += gzipSync(readFileSync(file)).length;
  const dataGzip = gzipSync(data).length;
  return { jsGzip, dataGzip, totalGzip: jsGzip + dataGzip, htmlGzip: gzipSync(html).length, dataBytes: Buffer.byteLength(data), scripts: files.size };
}

/**
 * Runs inside the page (passed to page.evaluate; must be self-contained). Cycles through shop,
 * family, metric and month-range changes; round 0 warms the JIT and is not recorded.
 * Each sample is the synchronous time of the change handler: recompute, draw every affected
 * chart, update KPIs, and a forced style/layout.
 * @param {number} rounds
 */
export function redrawProbe(rounds) {
  /** @type {{ kind: string, ms: number, charts: number }[]} */
  const out = [];
  const form = /** @type {Element} */ (document.querySelector('[data-filters-form]'));
  /** @param {Element} el */
  const fire = (el) => el.dispatchEvent(new Event('change', { bubbles: true }));
  const shops = /** @type {HTMLInputElement[]} */ (Array.from(form.querySelectorAll('input[name="shop"]')));
  const chips = /** @type {HTMLButtonElement[]} */ (Array.from(form.querySelectorAll('[data-family]')));
  /** @param {string} v */
  const metric = (v) => /** @type {HTMLInputElement} */ (form.querySelector(`input[name="metric"][value="${v}"]`));
  const from = /** @type {HTMLSelectElement} */ (form.querySelector('[data-filter="from"]'));
  /** @type {[string, () => void][]} */
  const actions = [
    ['shop', () => { shops[0].checked = !shops[0].checked; fire(shops[0]); }],
    ['family', () => chips[1].click()],
    ['metric', () => { const r = metric(window.location.search.includes('units') ? 'revenue' : 'units'); r.checked = true; fire(r); }],
    ['months', () => { from.value = from.value === '0' ? '5' : '0'; fire(from); }],
  ];
  const stats = /** @type {any} */ (window).__dashboard;
  for (let round = 0; round <= rounds; round++) {
    for (const [kind, act] of actions) {
      const t0 = performance.now();
      act();
      if (round > 0) out.push({ kind, ms: performance.now() - t0, charts: Object.keys(stats.chartMs).length });
    }
  }
  return out;
}

/** @param {{ kind: string, ms: number }[]} samples */
export function summariseRedraws(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => +ms[Math.min(ms.length - 1, Math.floor(ms.length * q))].toFixed(1);
  const byKind = Object.fromEntries(
    [...new Set(samples.map((s) => s.kind))].map((k) => {
      const own = samples.filter((s) => s.kind === k).map((s) => s.ms).sort((a, b) => a - b);
      return [k, { medianMs: +own[Math.floor(own.length / 2)].toFixed(1), maxMs: +own[own.length - 1].toFixed(1) }];
    }),
  );
  return { samples: ms.length, medianMs: at(0.5), p90Ms: at(0.9), maxMs: at(1), byKind };
}

/** @param {string} outDir */
async function buildSite(outDir) {
  const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');
  const started = performance.now();
  await promisify(execFile)(process.execPath, [astro, 'build', '--root', 'docs-site', '--outDir', outDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - started;
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const temp = mkdtempSync(join(tmpdir(), 'strata-dashboard-budget-'));
  const outDir = resolve(opt('--out-dir') ?? join(temp, 'dist'));
  try {
    const buildMs = await buildSite(outDir);
    const budget = measurePageBudget(outDir);
    const { chromium } = await import('playwright-core');
    const server = await startStaticServer({ dir: outDir, port: 0 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(server.url);
      await page.waitForFunction(() => /** @type {any} */ (window).__dashboard?.ready === true);
      const redraw = summariseRedraws(await page.evaluate(redrawProbe, 10));
      const result = {
        measuredAt: new Date().toISOString(),
        duckdbPath: process.env.STRATA_DUCKDB_PATH ?? 'target/sales.duckdb',
        buildMs: Math.round(buildMs),
        budget,
        redraw,
        within: { build: buildMs < 30_000, size: budget.totalGzip <= 300 * 1024, redraw: redraw.medianMs < 100 },
      };
      const json = JSON.stringify(result, null, 2);
      console.log(json);
      const file = opt('--json');
      if (file) writeFileSync(file, `${json}\n`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
