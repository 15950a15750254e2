/**
 * Importance sampling of crash paths in simulateProtocolRisk (options.importanceSampling), validated against closed
 * forms and plain Monte Carlo:
 * - one account on a GBM, no impact, no oracle lag: the weighted P(liquidation) matches the discretely monitored
 *   first-passage probability of test/fixtures/stress/protocolRisk/rare_first_passage.py (numpy/scipy, ~1e-2, 1e-3
 *   and 1e-4) within its standard error, with a variance reduction SE²(plain)/SE²(IS) at equal paths that grows as
 *   the event gets rarer;
 * - on a book with price impact, the weighted mean, VaR99 and ES99 of bad debt agree with a plain run of twice the
 *   paths within their standard errors;
 * - the option is validated (errors name the field).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/index.js';
import { simulateProtocolRisk } from '../../../src/stress/index.js';
import type { ProtocolRiskEstimate } from '../../../src/stress/index.js';

interface Case {
  name: string;
  price: number;
  collateral: number;
  debt: number;
  liquidationThreshold: number;
  drift: number;
  vol: number;
  dt: number;
  steps: number;
  logBarrier: number;
  bgk: number;
  discrete: number;
  discrete_rel_grid_error: number;
  terminal: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stress/protocolRisk/rare_first_passage.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const PATHS = 4000;
/** Least variance reduction factor required per case (measured over 20 seeds of 2,000 paths: about 25, 210, 2,000). */
const MIN_VRF: Record<string, number> = {
  'eth-30d-1e-2': 8,
  'eth-30d-1e-3': 50,
  'eth-30d-1e-4': 300,
  'eth-one-step-1e-3': 50,
};
const run = (c: Case, o: { paths: number; seed: number }, shift?: number) =>
  simulateProtocolRisk(
    {
      accounts: [{ id: 'a', collateral: String(c.collateral), debt: String(c.debt) }],
      params: { price: String(c.price), liquidationThreshold: c.liquidationThreshold, depth: null },
    },
    { assets: { X: { vol: c.vol, drift: c.drift } } },
    {
      ...o,
      steps: c.steps,
      dt: c.dt,
      ...(shift === undefined ? {} : { importanceSampling: { shift: { X: shift } } }),
    },
  );
/** The shift that ends the mean log path 90% of the way to the log barrier. */
const aimed = (c: Case) => (0.9 * c.logBarrier) / (c.steps * c.dt) - (c.drift - c.vol ** 2 / 2);

describe('importance sampling: rare liquidation = GBM first-passage probability', () => {
  it.each(fixture.cases.filter((c) => c.steps > 1))('$name', (c) => {
    const res = run(c, { paths: PATHS, seed: 20 }, aimed(c));
    const { value: p, stdError } = res.liquidations.probabilityAny;
    const se = stdError as number;
    // within 4 of its standard errors of the reference, plus the reference's own grid error
    expect(Math.abs(p - c.discrete)).toBeLessThan(4 * se + c.discrete_rel_grid_error * c.discrete);
    // and the BGK continuity correction within that and its own (few %) error
    expect(Math.abs(p - c.bgk)).toBeLessThan(4 * se + Math.abs(c.bgk - c.discrete));
    // variance reduction at equal paths against plain Monte Carlo's binomial variance
    const vrf = (c.discrete * (1 - c.discrete)) / PATHS / se ** 2;
    expect(vrf).toBeGreaterThan(MIN_VRF[c.name]);
    // the weights: positive, mean within 4 standard errors of 1
    const is = res.importanceSampling;
    expect(is).toBeDefined();
    expect(Math.min(...(is?.weightByPath ?? [0]))).toBeGreaterThan(0);
    const mw = is?.meanWeight as ProtocolRiskEstimate;
    expect(Math.abs(mw.value - 1)).toBeLessThan(4 * (mw.stdError as number));
  });

  it('one step: the terminal probability in closed form, to its standard error', () => {
    const c = fixture.cases.find((x) => x.steps === 1) as Case;
    expect(c.discrete).toBeCloseTo(c.terminal, 15);
    const res = run(c, { paths: PATHS, seed: 21 }, aimed(c));
    const { value: p, stdError } = res.liquidations.probabilityAny;
    const se = stdError as number;
    expect(Math.abs(p - c.terminal)).toBeLessThan(4 * se);
    expect((c.terminal * (1 - c.terminal)) / PATHS / se ** 2).toBeGreaterThan(MIN_VRF[c.name]);
  });

  it('the plain run of the same paths cannot see the 1e-4 event', () => {
    const c = fixture.cases[2];
    const res = run(c, { paths: PATHS, seed: 20 });
    // 4,000 paths: expected 0.4 liquidated paths, an estimate of 0 or 2.5e-4 with a binomial SE of 0 or 2.5e-4
    expect(res.liquidations.probabilityAny.value).toBeLessThanOrEqual(5e-4);
    expect(res.importanceSampling).toBeUndefined();
  });
});

describe('importance sampling: weighted VaR and ES of bad debt = plain Monte Carlo', () => {
  // four borrowers on a thin book: liquidations in a crash push the price on, bad debt on ~5% of paths
  const accounts = Array.from({ length: 4 }, (_, i) => ({
    id: `b${i}`,
    collateral: '10',
    debt: String(14500 + 800 * i),
  }));
  const protocol = { accounts, params: { price: '2500', depth: '150000', penalty: 0.05, insuranceFund: '500' } };
  const market = { assets: { ETH: { vol: 0.9, jumpIntensity: 6, jumpMean: -0.08, jumpVol: 0.05 } } };
  const base = { steps: 8, dt: 12 / 8760, batches: 10 };
  const plain = simulateProtocolRisk(protocol, market, { ...base, paths: 6000, seed: 3 });
  const is = simulateProtocolRisk(protocol, market, {
    ...base,
    paths: 3000,
    seed: 4,
    importanceSampling: { shift: { ETH: -10 } },
  });
  const agree = (a: ProtocolRiskEstimate, b: ProtocolRiskEstimate) => {
    const se = Math.hypot(a.stdError as number, b.stdError as number);
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(a.value - b.value)).toBeLessThan(4 * se);
  };

  it('the book has a bad-debt tail (the comparison is not of zeros)', () => {
    expect(plain.badDebt.tail[0].var.value).toBeGreaterThan(1000);
    expect(plain.badDebtByPath.filter((x) => x > 0).length).toBeGreaterThan(100);
  });

  it('mean, VaR99, ES99 and P(any liquidation) agree within 4 combined standard errors', () => {
    agree(is.badDebt.mean, plain.badDebt.mean);
    agree(is.badDebt.tail[0].var, plain.badDebt.tail[0].var);
    agree(is.badDebt.tail[0].es, plain.badDebt.tail[0].es);
    agree(is.liquidations.probabilityAny, plain.liquidations.probabilityAny);
  });

  it('the tilted run, on half the paths, estimates VaR99 more precisely', () => {
    expect(is.badDebt.tail[0].var.stdError as number).toBeLessThan(plain.badDebt.tail[0].var.stdError as number);
  });

  it('weighted contributions add up to the weighted mean and ES99', () => {
    const c = is.contributions;
    const sum = (k: 'mean' | 'es99') => Object.values(c.byAsset).reduce((s, x) => s + x[k], 0) + c.unattributed[k];
    expect(sum('mean')).toBeCloseTo(is.badDebt.mean.value, 6);
    expect(sum('es99')).toBeCloseTo(is.badDebt.tail[0].es.value, 6);
    // ES ≥ VaR, quantiles ordered
    expect(is.badDebt.tail[0].es.value).toBeGreaterThanOrEqual(is.badDebt.tail[0].var.value);
    const q = is.badDebt.quantiles.map((x) => x.value);
    expect(q).toEqual([...q].sort((a, b) => a - b));
  });
});

describe('importance sampling: the option', () => {
  const protocol = { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } };
  const o = { paths: 10, steps: 5, dt: 1 / 365, seed: 1 };
  const fails = (market: object, importanceSampling: unknown, path: string) => {
    try {
      simulateProtocolRisk(protocol, market as never, { ...o, importanceSampling } as never);
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).path).toBe(path);
      return;
    }
    throw new Error('accepted');
  };
  const eth = { assets: { ETH: { vol: 0.8 } } };

  it('refuses a misspelt key, an unknown asset, a non-finite or too large shift', () => {
    fails(eth, { shfit: { ETH: -1 } }, 'options.importanceSampling.shfit');
    fails(eth, { shift: { BTC: -1 } }, 'options.importanceSampling.shift.BTC');
    fails(eth, { shift: { ETH: Number.NaN } }, 'options.importanceSampling.shift.ETH');
    fails(eth, { shift: { ETH: -1e4 } }, 'options.importanceSampling.shift.ETH');
    fails(eth, { shift: -1 }, 'options.importanceSampling.shift');
    fails(eth, 'auto', 'options.importanceSampling');
  });

  it('refuses a shift on an asset of vol 0 and a tilt beyond steps·|θ|² ≤ 400', () => {
    fails({ assets: { ETH: { vol: 0 } } }, { shift: { ETH: -1 } }, 'options.importanceSampling.shift.ETH');
    // θ = 900·√(1/365)/0.8 ≈ 58.9 per step: 5·θ² ≈ 17,000
    fails(eth, { shift: { ETH: -900 } }, 'options.importanceSampling.shift');
  });

  it('refuses a shift a singular correlation cannot produce, accepts one it can', () => {
    const book = {
      accounts: [{ id: 'a', collateral: { A: '1', B: '1' }, debt: '100' }],
      params: { assets: { A: { price: '100' }, B: { price: '100' } } },
    };
    const m = {
      assets: { A: { vol: 0.5 }, B: { vol: 0.5 } },
      correlation: [
        [1, 1],
        [1, 1],
      ],
    };
    expect(() => simulateProtocolRisk(book, m, { ...o, importanceSampling: { shift: { A: -1, B: -2 } } })).toThrowError(
      expect.objectContaining({ path: 'options.importanceSampling.shift.B' }),
    );
    const r = simulateProtocolRisk(book, m, { ...o, importanceSampling: { shift: { A: -1, B: -1 } } });
    expect(r.importanceSampling?.weightByPath.length).toBe(10);
  });

  it('tilts the GBM part of a jump-diffusion: same jumps, shifted diffusion (seen in the moves)', () => {
    const jm = { assets: { ETH: { vol: 0.8, jumpIntensity: 50, jumpMean: -0.05, jumpVol: 0.02 } } };
    const a = simulateProtocolRisk(protocol, jm, { ...o, detail: 10 });
    const b = simulateProtocolRisk(protocol, jm, { ...o, detail: 10, importanceSampling: { shift: { ETH: -5 } } });
    // log moves differ by exactly shift·dt per step
    for (let p = 0; p < 10; p++)
      a.detail[p].moves.ETH.forEach((m, t) => {
        const d = Math.log1p(b.detail[p].moves.ETH[t]) - Math.log1p(m);
        expect(d).toBeCloseTo(-5 / 365, 12);
      });
  });
});
