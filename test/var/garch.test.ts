import { describe, expect, it } from 'vitest';
import { ewmaVolatility, fitGarch11, RiskInputError } from '../../src/var/index.js';
import { daxReturns, dem2gbp, expectClose, ref } from './reference.js';

describe('fitGarch11 vs R fGarch', () => {
  it('dem2gbp (FCP benchmark): μ, ω, α, β within 1e-3 (observed < 2e-7), log-likelihood within 0.05', () => {
    const fit = fitGarch11(dem2gbp.returns);
    for (const k of ['mu', 'omega', 'alpha', 'beta'] as const)
      expect(Math.abs(fit[k] - dem2gbp[k]), k).toBeLessThan(1e-5);
    expect(Math.abs(fit.logLikelihood - dem2gbp.logLikelihood)).toBeLessThan(1e-6);
    // fGarch's conditional variances along the whole sample
    let worst = 0;
    for (let t = 0; t < fit.conditionalVariance.length; t++)
      worst = Math.max(worst, Math.abs(fit.conditionalVariance[t] / dem2gbp.conditionalVariance[t] - 1));
    expect(worst).toBeLessThan(1e-5);
  });

  it("dem2gbp with h₁ = mean(ε²) ('sample') stays within 1e-3 and 0.05 of fGarch", () => {
    const fit = fitGarch11(dem2gbp.returns, { initialVariance: 'sample' });
    for (const k of ['mu', 'omega', 'alpha', 'beta'] as const)
      expect(Math.abs(fit[k] - dem2gbp[k]), k).toBeLessThan(1e-3);
    expect(Math.abs(fit.logLikelihood - dem2gbp.logLikelihood)).toBeLessThan(0.05);
    expect(fit.conditionalVariance[0]).toBeCloseTo(
      dem2gbp.returns.reduce((s: number, r: number) => s + (r - fit.mu) ** 2, 0) / dem2gbp.returns.length,
      12,
    );
  });

  it('DAX percent returns (EuStockMarkets): within 1e-5 of fGarch (observed 4e-7); forecasts match the closed form', () => {
    const pct = daxReturns.map((x) => 100 * x);
    const g = ref.garchDAX;
    const fit = fitGarch11(pct);
    for (const k of ['mu', 'omega', 'alpha', 'beta'] as const) expect(Math.abs(fit[k] - g[k]), k).toBeLessThan(1e-5);
    expect(Math.abs(fit.logLikelihood - g.logLikelihood)).toBeLessThan(0.05);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(g.logLikelihood - 1e-6); // never worse than fGarch's optimum
    // forecast(1) = ω + α ε_n² + β h_n; forecast(h) → long-run variance
    const n = pct.length;
    const e = pct[n - 1] - fit.mu;
    expectClose(fit.forecast(1), fit.omega + fit.alpha * e * e + fit.beta * fit.conditionalVariance[n - 1], 1e-14);
    expectClose(fit.forecast(5000), fit.longRunVariance, 1e-9);
    expect(() => fit.forecast(0)).toThrow(RiskInputError);
  });

  it('is deterministic', () => {
    const a = fitGarch11(dem2gbp.returns);
    const b = fitGarch11(dem2gbp.returns);
    expect([a.mu, a.omega, a.alpha, a.beta]).toEqual([b.mu, b.omega, b.alpha, b.beta]);
  });

  it('validates', () => {
    expect(() => fitGarch11([1, 2, 3])).toThrow(/at least 10/);
    expect(() => fitGarch11(new Array(20).fill(0))).toThrow(RiskInputError);
    expect(() => fitGarch11(dem2gbp.returns, { initialVariance: 'zero' as never })).toThrow(/initialVariance/);
  });
});

describe('ewmaVolatility', () => {
  it('matches the recursion computed independently (numpy) through the FHS forecast', () => {
    const c = ref.filtered.find((f: { model: string; lam: number }) => f.model === 'ewma' && f.lam === 0.94);
    expectClose(ewmaVolatility(daxReturns, { lambda: 0.94 }).forecastVolatility, c.forecastVolatility, 1e-12);
  });
  it('seed is the mean square unless given; validates λ', () => {
    const r = ewmaVolatility([0.01, -0.02], { lambda: 0.5 });
    expectClose(r.variance[0], (0.0001 + 0.0004) / 2, 1e-15);
    expectClose(r.variance[1], 0.5 * r.variance[0] + 0.5 * 0.0001, 1e-15);
    expect(ewmaVolatility([0.01, -0.02], { initialVariance: 1 }).variance[0]).toBe(1);
    expect(() => ewmaVolatility([0.01, 0.02], { lambda: 1 })).toThrow(/lambda/);
    expect(() => ewmaVolatility([0.01])).toThrow(/returns/);
  });
});
