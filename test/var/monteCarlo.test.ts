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
      expectClose(monteCarloVaR(daxPnl, { confidence: c.confidence, standardError: 'asymptotic' }).standardError, c.seVarAsymptotic);
      expectClose(monteCarloES(Array.from(daxPnl), { confidence: c.confidence, standardError: 'asymptotic' }).standardError, c.seEsAsymptotic);
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
    const seTrue = Math.sqrt(0.99 * 0.01 / 40_000) * 1000 / (0.99 * 0.01);
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
    expect(() => monteCarloVaR(daxPnl, { confidence: 0.99, standardError: 'bootstrap' as never })).toThrow(/standardError/);
  });
});
