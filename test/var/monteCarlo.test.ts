import { describe, expect, it } from 'vitest';
import { monteCarloVaR, RiskInputError } from '../../src/var/index.js';
import { monteCarloES } from '../../src/es/index.js';
import { daxPnl, expectClose, ref } from './reference.js';

describe('Monte Carlo VaR/ES standard errors vs numpy (DAX P&L as the scenario vector)', () => {
  for (const c of ref.monteCarlo) {
    it(`α = ${c.confidence}: batch means and asymptotic (KDE / tail variance)`, () => {
      const vb = monteCarloVaR(daxPnl, { confidence: c.confidence, batches: c.batches });
      expectClose(vb.value, c.var);
      expectClose(vb.standardError, c.seVarBatch);
      const eb = monteCarloES(daxPnl, { confidence: c.confidence, batches: c.batches });
      expectClose(eb.value, c.es);
      expectClose(eb.standardError, c.seEsBatch);
      expectClose(
        monteCarloVaR(daxPnl, { confidence: c.confidence, standardError: 'asymptotic' }).standardError,
        c.seVarAsymptotic,
      );
      expectClose(
        monteCarloES(Array.from(daxPnl), { confidence: c.confidence, standardError: 'asymptotic' }).standardError,
        c.seEsAsymptotic,
      );
    });
  }

  it('asymptotic SE on a logistic sample matches its closed-form density and covers the true quantile', () => {
    // stratified uniforms (i + 0.5)/n in scrambled order, mapped to a logistic with scale 1000
    const n = 40_000;
    const u = Float64Array.from({ length: n }, (_, i) => (((i * 7919) % n) + 0.5) / n);
    const pnl = u.map((p) => 1000 * Math.log(p / (1 - p))); // logistic, quantile known in closed form
    const r = monteCarloVaR(pnl, { confidence: 0.99, standardError: 'asymptotic' });
    const truth = 1000 * Math.log(0.99 / 0.01);
    expect(Math.abs(r.value - truth)).toBeLessThan(3 * r.standardError + 1);
    // density of the logistic at its 99% quantile: f = α(1 − α)/s → SE ≈ √(α(1−α)/n)·s/(α(1−α))
    const seTrue = (Math.sqrt((0.99 * 0.01) / 40_000) * 1000) / (0.99 * 0.01);
    expect(r.standardError / seTrue).toBeGreaterThan(0.8);
    expect(r.standardError / seTrue).toBeLessThan(1.25);
  });

  it('says how many scenarios batch means need', () => {
    try {
      monteCarloVaR(new Float64Array(500).fill(1), { confidence: 0.99 });
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).message).toContain('at least 2000 scenarios');
    }
    expect(() => monteCarloVaR(daxPnl, { confidence: 0.99, batches: 1 })).toThrow(/batches/);
    expect(() => monteCarloVaR(daxPnl, { confidence: 0.99, standardError: 'bootstrap' as never })).toThrow(
      /standardError/,
    );
  });
});

describe('on simulatePnL output (riskcore/montecarlo)', () => {
  it('a 1-BTC spot position over one day: estimates within 4 standard errors of the lognormal closed form', async () => {
    const { simulatePnL } = await import('../../src/montecarlo/index.js');
    const { normalCdf, normalQuantile } = await import('../../src/core/normal.js');
    const S0 = 60000;
    const vol = 0.6;
    const h = 1 / 365;
    const pnl = simulatePnL(
      [{ kind: 'spot', underlying: 'BTC', quantity: 1 }],
      { assets: { BTC: { price: S0, vol } } },
      { paths: 200_000, horizon: h, seed: 42 },
    );
    const s = vol * Math.sqrt(h);
    const z = normalQuantile(0.01);
    const exactVaR = S0 * (1 - Math.exp(-0.5 * s * s + s * z));
    const exactES = S0 * (1 - normalCdf(z - s) / 0.01);
    const v = monteCarloVaR(pnl, { confidence: 0.99 });
    const e = monteCarloES(pnl, { confidence: 0.99 });
    expect(Math.abs(v.value - exactVaR)).toBeLessThan(4 * v.standardError);
    expect(Math.abs(e.value - exactES)).toBeLessThan(4 * e.standardError);
    // the two SE methods agree to within their own noise
    const va = monteCarloVaR(pnl, { confidence: 0.99, standardError: 'asymptotic' });
    const ea = monteCarloES(pnl, { confidence: 0.99, standardError: 'asymptotic' });
    expect(va.standardError / v.standardError).toBeGreaterThan(0.5);
    expect(va.standardError / v.standardError).toBeLessThan(2);
    expect(ea.standardError / e.standardError).toBeGreaterThan(0.5);
    expect(ea.standardError / e.standardError).toBeLessThan(2);
  });
});
