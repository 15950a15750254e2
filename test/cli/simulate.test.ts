/**
 * `riskcore simulate`: the CLI's JSON is the library's simulateProtocolRisk / recommendCap on the same inputs,
 * the HTML shows the JSON's figures, bad protocol files name the field and exit 2, the progress bar stays off stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recommendCap, simulateProtocolRisk } from '../../src/stress/index.js';
import type { Protocol, ProtocolMarket } from '../../src/stress/index.js';
import { root, runCli, spawnCli, tmp, writeBook } from './helpers.js';

const protocol = {
  accounts: Array.from({ length: 6 }, (_, i) => ({
    id: `b${i}`,
    collateral: { ETH: String(2 + i), ...(i % 2 ? { WBTC: '0.1' } : {}) },
    debt: String(Math.round((2 + i) * 2500 * 0.8 * (1.02 - 0.02 * i) + (i % 2 ? 0.1 * 60000 * 0.6 : 0))),
    ...(i === 5 ? { perps: [{ asset: 'ETH', size: '-2', entryPrice: '2500' }] } : {}),
  })),
  params: {
    assets: {
      ETH: { price: '2500', depth: '100000', oracle: { latency: 1 } },
      WBTC: { price: '60000', depth: '900000', liquidationThreshold: 0.75 },
    },
    insuranceFund: '500',
    penalty: 0.06,
  },
};
const market = {
  assets: { ETH: { vol: 1.1, jumpIntensity: 10, jumpMean: -0.05, jumpVol: 0.03 }, WBTC: { vol: 0.8 } },
  correlation: [
    [1, 0.6],
    [0.6, 1],
  ],
};
const simulation = { paths: 400, steps: 6, dt: 6 / 8760, seed: 11, batches: 4, detail: 2 };
const capSearch = { asset: 'ETH', budget: 3000, step: 0.5, maxMultiple: 3, frontierPoints: 3 };
const file = { name: 'test protocol', quote: 'USD', protocol, market, simulation, capSearch };

const json = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('riskcore simulate: JSON equals the library', async () => {
  const path = writeBook('protocol.json', file);
  const r = await runCli(['simulate', path, '--json']);
  const doc = JSON.parse(r.stdout);

  it('exits 0, prints one JSON document, nothing on stderr', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(doc.simulation).toEqual(simulation);
  });

  it('risk is simulateProtocolRisk(protocol, market, simulation), exactly', () => {
    const lib = simulateProtocolRisk(protocol as Protocol, market as ProtocolMarket, simulation);
    expect(lib.badDebt.mean.value).toBeGreaterThan(0); // the test book has bad debt
    expect(doc.risk).toEqual(json(lib));
  });

  it('the recommendation is recommendCap on the same inputs, and the frontier reruns the same paths', () => {
    const { frontierPoints: _n, ...search } = capSearch;
    const { detail: _d, ...sim } = simulation;
    const rec = recommendCap(protocol as Protocol, market as ProtocolMarket, { ...sim, ...search });
    expect(doc.capSearch.recommendation).toEqual(json(rec));
    const fr = doc.capSearch.frontier as Array<Record<string, any>>;
    // 3 points over j = 0..6 (0, 3, 6) plus the recommended j and the one above
    const j = Math.round(rec.scale / 0.5);
    expect(fr.map((p) => p.j)).toEqual([...new Set([0, 3, 6, j, j + 1])].filter((x) => x <= 6).sort((a, b) => a - b));
    const atCap = fr.find((p) => p.j === j)!;
    expect(atCap.es99).toEqual(json(rec.esAtCap));
    expect(rec.esAbove).not.toBeNull();
    expect(fr.find((p) => p.j === j + 1)?.es99).toEqual(json(rec.esAbove));
    for (const p of fr) expect(p.withinBudget).toBe(p.es99.value <= 3000);
    // j = 3 (×1.5), scaled by hand: every account holds ETH, so every amount is multiplied by 1.5 (exactly: the
    // amounts are integers and 0.1, and 0.1 × 1.5 = 0.15, not the float 0.15000000000000002)
    const x15 = (v: string) => (v === '0.1' ? '0.15' : String(Number(v) * 1.5));
    const scaled = {
      ...protocol,
      accounts: protocol.accounts.map((a) => ({
        ...a,
        collateral: Object.fromEntries(Object.entries(a.collateral).map(([k, v]) => [k, x15(v)])),
        debt: x15(a.debt),
        ...(a.perps ? { perps: a.perps.map((x) => ({ ...x, size: x15(x.size) })) } : {}),
      })),
    };
    const p3 = simulateProtocolRisk(scaled as Protocol, market as ProtocolMarket, sim);
    const f3 = fr.find((p) => p.j === 3)!;
    expect(f3.es99).toEqual(json(p3.badDebt.tail[0].es));
    expect(f3.es999).toEqual(json(p3.badDebt.tail[1].es));
    expect(f3.meanBadDebt).toBe(p3.badDebt.mean.value);
    // collateral locked: Σ collateral × price, exact: (2+…+7)·2500·1.5 + 3·0.1·60000·1.5
    expect(f3.collateralLocked).toBe(String(27 * 2500 * 1.5 + 0.3 * 60000 * 1.5));
    expect(f3.cap).toBe(String(27 * 1.5));
  });

  it('reads YAML protocol files the same as JSON', async () => {
    const { stringify } = await import('yaml');
    const y = await runCli(['simulate', writeBook('protocol.yaml', stringify(file)), '--json']);
    expect(y.code).toBe(0);
    const b = JSON.parse(y.stdout);
    b.file.path = doc.file.path;
    expect(b).toEqual(doc);
  });

  it('--paths and --seed override the file', async () => {
    const o = await runCli(['simulate', path, '--json', '--paths', '120', '--seed', '3']);
    const d = JSON.parse(o.stdout);
    const lib = simulateProtocolRisk(protocol as Protocol, market as ProtocolMarket, {
      ...simulation,
      paths: 120,
      seed: 3,
    });
    expect(d.risk).toEqual(json(lib));
  });
});

/** Numbers in the cells of the table row whose first cell is `label`. */
function row(html: string, label: string): number[] {
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<tr><td[^>]*>${esc}</td>(.*?)</tr>`).exec(html);
  if (!m) throw new Error(`no row ${label}`);
  return [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)]
    .map((c) => c[1].replace(/,/g, '').replace(/%$/, ''))
    .filter((c) => /^-?\d+(\.\d+)?$/.test(c))
    .map(Number);
}
const cents = (x: number) => Math.round(x * 100) / 100;

describe('riskcore simulate: the HTML report shows the JSON figures', async () => {
  const path = writeBook('protocol-h.json', file);
  const out = join(tmp, 'simulate.html');
  const h = await runCli(['simulate', path, '--out', out]);
  const html = readFileSync(out, 'utf8');
  const doc = JSON.parse((await runCli(['simulate', path, '--json'])).stdout);
  const b = doc.risk.badDebt;

  it('is a self-contained page with the histogram and the frontier', () => {
    expect(h.code).toBe(0);
    expect(h.stdout).toContain(`HTML report written to ${out}`);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<figure class="chart" id="chart-baddebt"');
    expect(html).toContain('<figure class="chart" id="chart-frontier"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).not.toContain('synthetic data');
  });

  it('headline bad debt, quantiles, VaR and ES with standard errors', () => {
    expect(row(html, 'mean')).toEqual([cents(b.mean.value), cents(b.mean.stdError)]);
    for (const q of b.quantiles) expect(row(html, `quantile ${(q.level * 100).toFixed(1)}%`)).toEqual([cents(q.value)]);
    for (const t of b.tail) {
      const lvl = (t.confidence * 100).toFixed(1);
      const want = (e: { value: number; stdError: number | null }) =>
        e.stdError === null ? [cents(e.value)] : [cents(e.value), cents(e.stdError)];
      expect(row(html, `VaR ${lvl}%`)).toEqual(want(t.var));
      expect(row(html, `ES ${lvl}%`)).toEqual(want(t.es));
    }
  });

  it('fund, liquidations and per-asset contributions', () => {
    const f = doc.risk.fund;
    const l = doc.risk.liquidations;
    const pct = (x: number) => Math.round(x * 10000) / 100;
    expect(row(html, 'fund exhaustion probability')).toEqual([
      pct(f.exhaustionProbability.value),
      pct(f.exhaustionProbability.stdError),
    ]);
    expect(row(html, 'mean drawn from the fund')).toEqual([cents(f.meanDrawn)]);
    expect(row(html, 'liquidations at risk 99%')).toEqual([cents(l.notionalAtRisk99)]);
    expect(row(html, 'liquidations at risk 99.9%')).toEqual([cents(l.notionalAtRisk999)]);
    for (const [a, c] of Object.entries(doc.risk.contributions.byAsset) as [string, { mean: number; es99: number }][])
      expect(row(html, a).slice(0, 2)).toEqual([cents(c.mean), cents(c.es99)]);
  });

  it('the recommendation and every frontier row', () => {
    const rec = doc.capSearch.recommendation;
    expect(html).toContain(`cap: <strong>${Number(rec.cap).toFixed(4)} ETH</strong>`);
    for (const p of doc.capSearch.frontier) {
      const cells = row(html, Number(p.cap).toLocaleString('en-US', { minimumFractionDigits: 4 }));
      const es = (e: { value: number; stdError: number | null }) =>
        e.stdError === null ? [cents(e.value)] : [cents(e.value), cents(e.stdError)];
      const want = [p.scale, Number(p.collateralLocked), cents(p.meanBadDebt), ...es(p.es99), ...es(p.es999)];
      expect(cells.slice(0, want.length)).toEqual(want);
    }
  });
});

describe('riskcore simulate: bad protocol files', () => {
  const bad = async (doc: unknown, name = 'bad.json') => {
    const r = await runCli(['simulate', writeBook(name, doc), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };
  it('name the field', async () => {
    expect(await bad({ ...file, simulaton: simulation })).toMatch(
      /simulaton is not a field; did you mean simulation\?/,
    );
    expect(await bad({ ...file, capSearch: { ...capSearch, budgte: 1 } })).toMatch(/capSearch\.budgte is not a field/);
    expect(await bad({ ...file, simulation: { ...simulation, paths: 0 } })).toMatch(/: simulation\.paths must be/);
    expect(await bad({ ...file, simulation: { ...simulation, step: 4 } })).toMatch(/simulation\.step is not a field/);
    expect(await bad({ ...file, capSearch: { ...capSearch, budget: -1 } })).toMatch(/capSearch\.budget must be/);
    expect(await bad({ ...file, capSearch: { ...capSearch, asset: 'SOL' } })).toMatch(/capSearch\.asset must be/);
    expect(await bad({ ...file, capSearch: { ...capSearch, confidence: 0.95 } })).toMatch(/capSearch\.confidence/);
    const accounts = protocol.accounts.map((a, i) => (i === 1 ? { ...a, debt: '-5' } : a));
    expect(await bad({ ...file, protocol: { ...protocol, accounts } })).toMatch(/protocol\.accounts\[1\]\.debt/);
    expect(await bad({ ...file, market: { assets: { ETH: { vol: 1 } } } })).toMatch(/market\.assets\.WBTC/);
    const { market: _m, ...noMarket } = file;
    expect(await bad(noMarket)).toMatch(/market must be present/);
    expect(await bad('{"protocol": {}, "protocol": {}}')).toMatch(/the key protocol appears twice/);
  });
  it('a missing file or a bad flag exits 2', async () => {
    expect((await runCli(['simulate', join(tmp, 'nope.json')])).stderr).toMatch(/cannot read protocol file/);
    const both = await runCli(['simulate', 'x.json', '--sample']);
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/not both/)]);
    expect((await runCli(['simulate', '--sample', '--confidence', '0.9'])).code).toBe(2);
    expect((await runCli(['simulate', '--sample', '--paths', '0'])).code).toBe(2);
    expect((await runCli(['report', '--sample'])).code).toBe(2);
  });
  it('a real process exits non-zero with the message on stderr', async () => {
    const r = await spawnCli(['simulate', writeBook('bad2.json', { ...file, quote: 5 })]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^riskcore: .*bad2\.json: quote must be a non-empty string/);
  });
});

describe('riskcore simulate: progress and the sample', () => {
  it('draws the progress bar on stderr only, never on stdout', async () => {
    const r = await runCli(['simulate', writeBook('p.json', file)], { stderrTTY: true });
    expect(r.code).toBe(0);
    for (const stage of ['Cap search [', 'Simulation [', 'Frontier [']) expect(r.stderr).toContain(stage);
    expect(r.stderr).toContain('100% 400/400');
    expect(r.stderr).toContain('Frontier (simulation 2) [');
    expect(r.stdout).not.toMatch(/\r|#{3}/);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toMatch(/^riskcore simulate: test protocol/);
    const j = await runCli(['simulate', writeBook('p2.json', file), '--json'], { stderrTTY: true });
    expect(j.stderr).toBe('');
    const n = await runCli(['simulate', writeBook('p3.json', file), '--no-progress'], { stderrTTY: true });
    expect(n.stderr).toBe('');
  });

  it('--sample runs the shipped sample, labelled synthetic', async () => {
    const out = join(tmp, 'sample.html');
    const r = await spawnCli(['simulate', '--sample', '--paths', '60', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('synthetic data');
    expect(readFileSync(out, 'utf8')).toContain('Sample protocol: synthetic data, not a real market.');
    const sample = JSON.parse(readFileSync(join(root, 'packages/cli/samples/protocol.json'), 'utf8'));
    expect(sample.synthetic).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).files).toContain('samples');
  }, 180_000);
});
