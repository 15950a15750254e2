/**
 * `riskcore simulate` parameter sweep: each value is simulateProtocolRisk with that parameter set (exactly), the
 * HTML table shows the JSON's figures, bad sweeps name the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recommendCap, simulateProtocolRisk } from '../../src/stress/index.js';
import type { Protocol, ProtocolMarket } from '../../src/stress/index.js';
import { runCli, tmp, writeBook } from './helpers.js';

const accounts = Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, collateral: '4', debt: String(7600 + 150 * i) }));
const protocol = { accounts, params: { price: '2500', depth: '150000', penalty: 0.05, insuranceFund: '100' } };
const market = { assets: { ETH: { vol: 1.2, jumpIntensity: 8, jumpMean: -0.06, jumpVol: 0.03 } } };
const simulation = { paths: 300, steps: 6, dt: 6 / 8760, seed: 4, batches: 3 };
const parameterSweep = { parameter: 'liquidationThreshold', values: [0.7, 0.8, 0.9], budget: 1000 };
const file = { protocol, market, simulation, parameterSweep };
const json = (x: unknown) => JSON.parse(JSON.stringify(x));
const cents = (x: number) => Math.round(x * 100) / 100;

describe('riskcore simulate: parameter sweep', async () => {
  const out = join(tmp, 'sweep.html');
  const r = await runCli(['simulate', writeBook('sweep.json', file), '--json', '--out', out]);
  const doc = JSON.parse(r.stdout);
  const html = readFileSync(out, 'utf8');

  it('each value is simulateProtocolRisk with the parameter set, on the same seed', () => {
    expect(r.code).toBe(0);
    expect(doc.parameterSweep.points.map((p: { value: number }) => p.value)).toEqual([0.7, 0.8, 0.9]);
    let some = false;
    for (const p of doc.parameterSweep.points) {
      const lib = simulateProtocolRisk(
        { accounts, params: { ...protocol.params, liquidationThreshold: p.value } } as Protocol,
        market as ProtocolMarket,
        simulation,
      );
      expect(p.es99).toEqual(json(lib.badDebt.tail[0].es));
      expect(p.es999).toEqual(json(lib.badDebt.tail[1].es));
      expect(p.meanBadDebt).toBe(lib.badDebt.mean.value);
      expect(p.fundExhaustion).toBe(lib.fund.exhaustionProbability.value);
      expect(p.withinBudget).toBe(lib.badDebt.tail[0].es.value <= 1000);
      // borrowing power: 6 accounts × 4 ETH × 2,500 × threshold, exact
      expect(p.borrowingPower).toBe(String(60000 * p.value));
      some ||= p.meanBadDebt > 0;
    }
    expect(some).toBe(true);
  });

  it('the HTML table and chart show the points', () => {
    expect(html).toContain('<figure class="chart" id="chart-sweep"');
    for (const p of doc.parameterSweep.points) {
      const m = new RegExp(`<tr><td class="num">${p.value}</td>(.*?)</tr>`).exec(html);
      expect(m).not.toBeNull();
      const cells = [...(m as RegExpExecArray)[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]);
      expect(Number(cells[0].replace(/,/g, ''))).toBe(60000 * p.value);
      expect(Number(cells[1].replace(/,/g, ''))).toBe(cents(p.meanBadDebt));
      expect(Number(cells[2].replace(/,/g, ''))).toBe(cents(p.es99.value));
      expect(cells[cells.length - 1]).toBe(p.withinBudget ? 'yes' : 'no');
    }
  });

  it('bad sweeps name the field and exit 2', async () => {
    const bad = async (sweep: unknown) => {
      const b = await runCli(['simulate', writeBook('bad-sweep.json', { ...file, parameterSweep: sweep }), '--json']);
      expect(b.code).toBe(2);
      return b.stderr;
    };
    expect(await bad({ ...parameterSweep, values: [0.7, 1.2] })).toMatch(/parameterSweep\.values\[1\] must be/);
    expect(await bad({ ...parameterSweep, parameter: 'bonus' })).toMatch(/parameterSweep\.parameter must be one of/);
    expect(await bad({ ...parameterSweep, asset: 'ETH' })).toMatch(/parameterSweep\.asset must be absent/);
    expect(await bad({ ...parameterSweep, valeus: [] })).toMatch(/parameterSweep\.valeus is not a field; did you mean/);
  });
});

describe('riskcore simulate: cap search on a single-asset protocol', () => {
  it('the frontier at the recommended cap and one step above are the recommendation figures', async () => {
    const capSearch = { asset: 'ETH', budget: 500, step: 0.5, maxMultiple: 2, frontierPoints: 2 };
    const r = await runCli([
      'simulate',
      writeBook('single-cap.json', { protocol, market, simulation, capSearch }),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const { frontierPoints: _n, ...search } = capSearch;
    const rec = recommendCap(protocol as Protocol, market as ProtocolMarket, { ...simulation, ...search });
    expect(doc.capSearch.recommendation).toEqual(json(rec));
    const j = Math.round(rec.scale / 0.5);
    expect(rec.esAbove).not.toBeNull();
    const at = (k: number) => doc.capSearch.frontier.find((p: { j: number }) => p.j === k);
    expect(at(j).es99).toEqual(json(rec.esAtCap));
    expect(at(j + 1).es99).toEqual(json(rec.esAbove));
    // collateral locked at cap j: 24 ETH × j/2 × 2,500
    expect(at(j).collateralLocked).toBe(String(24 * 2500 * (j / 2)));
  });
});
