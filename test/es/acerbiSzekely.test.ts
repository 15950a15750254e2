import { describe, expect, it } from 'vitest';
import { acerbiSzekelyTest } from '../../src/es/index.js';
import { expectClose, ref } from '../var/reference.js';

const A = ref.acerbiSzekely;

describe('Acerbi–Székely Z₂ on rolling normal DAX forecasts (α = 97.5%)', () => {
  it('statistic equals numpy to 1e-9; simulated p-value agrees with numpy’s simulation within Monte Carlo error', () => {
    const r = acerbiSzekelyTest(A.pnl, A.var, A.es, { confidence: A.confidence, simulations: 4000, seed: 11 });
    expectClose(r.statistic, A.statistic, 1e-9, 1e-9);
    expect(r.exceedances).toBe(A.exceedances);
    // two independent simulations of the same p: |Δ| < 4·√(2p(1−p)/4000)
    const tol = 4 * Math.sqrt((2 * A.pValueNumpy * (1 - A.pValueNumpy)) / 4000) + 1e-3;
    expect(Math.abs(r.pValue - A.pValueNumpy)).toBeLessThan(tol);
  });

  it('is deterministic by seed, and rejects an ES that is too small', () => {
    const a = acerbiSzekelyTest(A.pnl, A.var, A.es, { confidence: A.confidence, simulations: 500, seed: 3 });
    const b = acerbiSzekelyTest(A.pnl, A.var, A.es, { confidence: A.confidence, simulations: 500, seed: 3 });
    expect(a.pValue).toBe(b.pValue);
    const halfVar = A.var.map((v: number) => v / 2);
    const halfEs = A.es.map((v: number) => v / 2);
    const bad = acerbiSzekelyTest(A.pnl, halfVar, halfEs, { confidence: A.confidence, simulations: 500, seed: 3 });
    expect(bad.statistic).toBeLessThan(-1);
    expect(bad.pValue).toBeLessThan(0.01);
  });

  it('custom predictive quantile and validation', () => {
    const n = 300;
    const pnl = Array.from({ length: n }, (_, t) => Math.sin(t * 1.7) * 10);
    const v = new Array(n).fill(9.5);
    const e = new Array(n).fill(9.9);
    const r = acerbiSzekelyTest(pnl, v, e, {
      confidence: 0.975,
      simulations: 200,
      quantile: (_t, u) => 20 * (u - 0.5),
    });
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(() => acerbiSzekelyTest(pnl, v.slice(1), e, { confidence: 0.975 })).toThrow(/varForecasts/);
    expect(() =>
      acerbiSzekelyTest(
        pnl,
        v,
        e.map(() => 9),
        { confidence: 0.975 },
      ),
    ).toThrow(/esForecasts\[0\]/);
    expect(() => acerbiSzekelyTest(pnl, v, e, { confidence: 0.975, quantile: () => NaN })).toThrow(/quantile/);
  });
});
