/**
 * The HTML report and the package's ESM build in a real browser: Debian's Chromium driven by playwright-core.
 *
 * 1. `riskcore report examples/book.json --html` → open the file, every chart is an SVG with data marks, no console
 *    errors; a screenshot is saved (.tmp/browser/report.png; with UPDATE_SCREENSHOT=1 also docs/report.png).
 * 2. The core modules' ESM build (tsdown into a private temp dir) is served on a loopback HTTP server started here;
 *    a page imports it (bare dependencies resolved with an import map) and computes a Greek and a VaR, compared
 *    with the same build run in Node and with independent textbook values.
 *
 * Skipped (with the reason printed) only when /usr/bin/chromium is absent and CI is not set.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../packages/cli/src/run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(
    `test/browser: SKIPPED — ${CHROMIUM} not found (install Debian's chromium). In CI this test fails instead.`,
  );
}
const suite = haveChromium || process.env.CI ? describe : describe.skip;

const work = mkdtempSync(join(tmpdir(), 'riskcore-browser-'));
const shots = join(root, '.tmp', 'browser');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

suite('HTML report in Chromium', () => {
  it('renders every chart with marks, no console errors, and saves a screenshot', async () => {
    const html = join(work, 'report.html');
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    expect(await run(['report', join(root, 'examples/book.json'), '--html', html], io)).toBe(0);
    expect(stderr).toBe('');
    stdout = '';
    expect(await run(['report', join(root, 'examples/book.json'), '--json'], io)).toBe(0);
    const results = JSON.parse(stdout);

    // Charts the results call for: exposure and history always (the sample has history), the others when their
    // section has results.
    const expected = ['exposure', 'history'];
    const s = results.sections;
    if (s.risk.available && s.risk.monteCarlo.available) expected.push('pnl');
    if (s.stress.available) expected.push('stress');
    if (s.margin.available) expected.push('margin');
    if (s.greeks.available) expected.push('greeks');
    if (s.collateral.available) expected.push('collateral');
    if (s.cascade.available) expected.push('cascade');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href);

    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        // vega's SVG: data marks are children of <g class="mark-… role-mark">; axes/legends have other roles.
        const marks = svg
          ? svg.querySelectorAll(
              'g.role-mark > path, g.role-mark > rect, g.role-mark > text, g.role-mark > line, g.role-mark > circle',
            ).length
          : 0;
        return { id: f.getAttribute('data-chart'), marks, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(expected.sort());
    for (const c of charts) {
      expect(c.marks, `chart ${c.id} has no data marks`).toBeGreaterThan(0);
      expect(c.width, `chart ${c.id} has no width`).toBeGreaterThan(50);
      expect(c.height, `chart ${c.id} has no height`).toBeGreaterThan(50);
    }
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]); // offline: nothing fetched
    mkdirSync(shots, { recursive: true });
    const png = join(shots, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    expect(statSync(png).size).toBeGreaterThan(20_000);
    if (process.env.UPDATE_SCREENSHOT) copyFileSync(png, join(root, 'docs', 'report.png'));
    await page.close();
  });
});

suite('riskcore simulate report in Chromium', () => {
  it('renders the bad-debt histogram and the frontier with marks, no console errors, offline', async () => {
    const html = join(work, 'simulate.html');
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    // one run writes the report and prints its JSON
    expect(await run(['simulate', '--sample', '--paths', '100', '--out', html, '--json'], io)).toBe(0);
    expect(stderr).toBe('');
    const results = JSON.parse(stdout);
    // the histogram when some path has bad debt; the frontiers of the cap search and the sweep (the sample has both)
    const expected = ['frontier', 'sweep'];
    if (results.risk.badDebtByPath.some((x: number) => x > 0)) expected.push('baddebt');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href);
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = svg
          ? svg.querySelectorAll(
              'g.role-mark > path, g.role-mark > rect, g.role-mark > text, g.role-mark > line, g.role-mark > circle',
            ).length
          : 0;
        return { id: f.getAttribute('data-chart'), marks, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(expected.sort());
    for (const c of charts) {
      expect(c.marks, `chart ${c.id} has no data marks`).toBeGreaterThan(0);
      expect(c.width, `chart ${c.id} has no width`).toBeGreaterThan(50);
      expect(c.height, `chart ${c.id} has no height`).toBeGreaterThan(50);
    }
    expect(await page.textContent('header .synthetic')).toContain('synthetic data');
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    mkdirSync(shots, { recursive: true });
    const png = join(shots, 'simulate.png');
    await page.screenshot({ path: png, fullPage: true });
    expect(statSync(png).size).toBeGreaterThan(20_000);
    await page.close();
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------------------------
// The ESM build in a browser page.

const MIME: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html',
  '.json': 'application/json',
};
// Specifiers of `from "x"` and `import "x"`, anywhere on a line: the published files are whitespace-free (one line
// each) and carry no TSDoc.
const BARE = /(?:\bfrom\s*|\bimport\s*)["']([^"'./][^"']*)["']/g;
const RELATIVE = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** Resolve a bare specifier (`pkg` or `pkg/sub`) to a file under node_modules via the package's `exports`. */
function resolveBare(spec: string): string {
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const sub = spec.slice(name.length) ? `.${spec.slice(name.length)}` : '.';
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      for (const k of ['browser', 'import', 'module', 'default'])
        if (o[k] !== undefined) {
          const r = pick(o[k]);
          if (r) return r;
        }
    }
    return undefined;
  };
  let target: string | undefined;
  if (pkg.exports) {
    const ex =
      typeof pkg.exports === 'string' || Object.keys(pkg.exports)[0]?.startsWith('.')
        ? pkg.exports
        : { '.': pkg.exports };
    target = pick(typeof ex === 'string' ? (sub === '.' ? ex : undefined) : ex[sub]);
  }
  target ??= sub === '.' ? (pkg.module ?? pkg.main) : sub;
  if (!target) throw new Error(`cannot resolve ${spec}`);
  return join(dir, target);
}

/** Import map for every bare specifier reachable from the given files (relative imports followed). */
function importMap(entries: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(RELATIVE)) {
      const rel = resolve(dirname(file), m[1]);
      visit(existsSync(rel) ? rel : `${rel}.js`);
    }
    for (const m of text.matchAll(BARE)) {
      const spec = m[1];
      if (spec.startsWith('node:') || map[spec]) continue;
      const target = resolveBare(spec);
      map[spec] = `/node_modules/${target
        .slice(join(root, 'node_modules').length + 1)
        .split(sep)
        .join('/')}`;
      visit(target);
    }
  };
  entries.forEach(visit);
  return map;
}

suite('ESM build in Chromium', () => {
  let server: Server;
  let base = '';
  let dist = '';

  beforeAll(async () => {
    dist = join(work, 'dist');
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/tsdown/dist/run.mjs'), '--out-dir', dist, '--no-dts', '--log-level', 'error'],
      { cwd: root, stdio: 'pipe' },
    );
    const entries = ['index.js', 'greeks/index.js', 'var/index.js', 'es/index.js'].map((f) => join(dist, f));
    const map = importMap(entries);
    // The page imports the ESM build and computes; the result lands in window.__riskcore.
    const script = `
      try {
        const greeks = await import('/dist/greeks/index.js');
        const v = await import('/dist/var/index.js');
        const core = await import('/dist/index.js');
        const g = greeks.optionGreeks({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05 });
        const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
        let error = '';
        try { greeks.optionPrice({ type: 'call', spot: 100, strike: -5, expiry: 1, vol: 0.2 }); }
        catch (e) { error = e.name + ': ' + e.path + ' ' + (e instanceof core.RiskInputError); }
        window.__riskcore = {
          price: g.price, delta: g.delta, varExports: Object.keys(v),
          var95: typeof v.historicalVaR === 'function' ? v.historicalVaR(pnl, { confidence: 0.95 }) : null,
          error, ua: navigator.userAgent,
        };
      } catch (e) { window.__riskcore = { failed: String(e && e.stack || e) }; }`;
    const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="importmap">${JSON.stringify({ imports: map })}</script></head><body>riskcore ESM<script type="module">${script}</script></body></html>`;
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(page);
        return;
      }
      const [prefix, dirOnDisk] = url.pathname.startsWith('/node_modules/')
        ? ['/node_modules/', join(root, 'node_modules')]
        : ['/dist/', dist];
      const file = resolve(dirOnDisk, `.${url.pathname.slice(prefix.length - 1)}`);
      if (
        !url.pathname.startsWith(prefix) ||
        !file.startsWith(dirOnDisk) ||
        !existsSync(file) ||
        statSync(file).isDirectory()
      ) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
  });

  it('imports riskcore/greeks and riskcore/var in a page and computes a Greek and a VaR', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window as unknown as { __riskcore?: unknown }).__riskcore !== undefined, null, {
      timeout: 20_000,
    });
    const inBrowser = (await page.evaluate(() => (window as unknown as { __riskcore: unknown }).__riskcore)) as {
      price: number;
      delta: number;
      varExports: string[];
      var95: number | null;
      error: string;
      ua: string;
      failed?: string;
    };
    expect(inBrowser.failed).toBeUndefined();
    expect(errors).toEqual([]);
    expect(inBrowser.ua).toMatch(/Chrome\//);
    // Textbook Black–Scholes (S = K = 100, T = 1, σ = 20%, r = 5%): C = 10.450583572185565, Δ = N(d1) = 0.6368306511756191.
    expect(inBrowser.price).toBeCloseTo(10.450583572185565, 12);
    expect(inBrowser.delta).toBeCloseTo(0.6368306511756191, 13);
    expect(inBrowser.error).toMatch(/^RiskInputError: (input\.)?strike true$/);
    // The same build in Node gives bit-identical numbers.
    const nodeGreeks = await import(pathToFileURL(join(dist, 'greeks/index.js')).href);
    const ng = nodeGreeks.optionGreeks({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05 });
    expect(inBrowser.price).toBe(ng.price);
    expect(inBrowser.delta).toBe(ng.delta);
    // Historical VaR of the losses 1..100 at 95%: the ⌈100·0.95⌉ = 95th smallest loss, 95.
    expect(inBrowser.varExports).toContain('historicalVaR');
    expect(inBrowser.var95).toBe(95);
    await page.close();
  });
});
