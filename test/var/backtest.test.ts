import { describe, expect, it } from 'vitest';
import {
  baselTrafficLight,
  christoffersenTest,
  kupiecTest,
  rollingBacktest,
  RiskInputError,
} from '../../src/var/index.js';
import { daxPnl, expectClose, ref } from './reference.js';

describe('rolling backtests on DAX P&L (window 250) vs numpy/scipy', () => {
  for (const c of ref.rolling) {
    it(`${c.model} α = ${c.confidence}: forecasts, hits, Kupiec, Christoffersen, traffic light`, () => {
      const r = rollingBacktest(daxPnl, c.model, { window: c.window, confidence: c.confidence });
      expect(r.observations).toBe(c.observations);
      for (let i = 0; i < r.var.length; i++) expectClose(r.var[i], c.var[i], 1e-9, 0, `var[${i}]`);
      expect(r.exceedances).toBe(c.exceedances);
      // p-values exact to 1e-7 absolute (observed ~1e-15)
      expectClose(r.kupiec.statistic, c.kupiec.statistic, 1e-9, 1e-9);
      expect(Math.abs(r.kupiec.pValue - c.kupiec.pValue)).toBeLessThan(1e-7);
      const ch = r.christoffersen;
      expectClose(ch.independence, c.christoffersen.independence, 1e-9, 1e-9);
      expectClose(ch.conditionalCoverage, c.christoffersen.conditionalCoverage, 1e-9, 1e-9);
      expect(Math.abs(ch.independencePValue - c.christoffersen.independencePValue)).toBeLessThan(1e-7);
      expect(Math.abs(ch.conditionalCoveragePValue - c.christoffersen.conditionalCoveragePValue)).toBeLessThan(1e-7);
      expect([ch.transitions.n00, ch.transitions.n01, ch.transitions.n10, ch.transitions.n11]).toEqual(
        c.christoffersen.n,
      );
      expect(r.trafficLight.zone).toBe(c.zone);
      expectClose(r.trafficLight.cumulativeProbability, c.cumulativeProbability, 1e-12);
      // the standalone tests on the same hits agree
      const k = kupiecTest(
        Array.from(r.hits, (h) => h === 1),
        { confidence: c.confidence },
      );
      expect(k.statistic).toBe(r.kupiec.statistic);
      expect(k.expected).toBeCloseTo(c.observations * (1 - c.confidence), 12);
    });
  }

  it('a custom model function is called with the trailing window', () => {
    const seen: number[] = [];
    const r = rollingBacktest(
      daxPnl.subarray(0, 300),
      (w, a) => {
        seen.push(w.length);
        expect(a).toBe(0.99);
        return 1e9;
      },
      { window: 250, confidence: 0.99 },
    );
    expect(r.exceedances).toBe(0);
    expect(seen.every((n) => n === 250)).toBe(true);
    expect(() => rollingBacktest(daxPnl.subarray(0, 300), () => NaN, { window: 250, confidence: 0.99 })).toThrow(
      /model\(window ending 249\)/,
    );
  });
});

describe('Basel traffic light vs scipy binomial', () => {
  it('zones by cumulative probability for T = 250, 500, 1000, 120', () => {
    for (const c of ref.trafficLight) {
      const r = baselTrafficLight(c.x, c.T);
      expect(r.zone, `x=${c.x} T=${c.T}`).toBe(c.zone);
      expectClose(r.cumulativeProbability, c.cdf, 1e-12, 1e-300);
    }
  });
  it('the 250-day Basel table: green 0–4, yellow 5–9 with plus factors, red ≥ 10', () => {
    const f = (x: number) => baselTrafficLight(x, 250);
    expect([0, 1, 2, 3, 4].map((x) => f(x).zone)).toEqual(['green', 'green', 'green', 'green', 'green']);
    expect([5, 6, 7, 8, 9].map((x) => f(x).plusFactor)).toEqual([0.4, 0.5, 0.65, 0.75, 0.85]);
    expect(f(10).zone).toBe('red');
    expect(f(10).plusFactor).toBe(1);
    // generalised: 500 days, the same cumulative probabilities map to the table
    expect(baselTrafficLight(8, 500).zone).toBe('green');
    expect(baselTrafficLight(9, 500).zone).toBe('yellow');
    // F₅₀₀(9) = 0.9689 (scipy) lies between F₂₅₀(5) = 0.9588 and F₂₅₀(6) = 0.9863 → the factor of 6 exceptions
    expect(baselTrafficLight(9, 500).plusFactor).toBe(0.5);
    // F₅₀₀(10) = 0.98676 > F₂₅₀(6) = 0.98630, ≤ F₂₅₀(7) = 0.99597 → the factor of 7 exceptions
    expect(baselTrafficLight(10, 500).plusFactor).toBe(0.65);
  });
  it('validates', () => {
    expect(() => baselTrafficLight(5, 4)).toThrow(/exceedances/);
    expect(() => baselTrafficLight(1.5, 250)).toThrow(/exceedances/);
    expect(() => baselTrafficLight(1, 0)).toThrow(/observations/);
  });
});

describe('Kupiec and Christoffersen edge cases', () => {
  it('zero exceptions and all exceptions are finite', () => {
    const none = kupiecTest(new Array(250).fill(false), { confidence: 0.99 });
    expectClose(none.statistic, -2 * 250 * Math.log(0.99), 1e-12);
    const all = christoffersenTest(new Array(10).fill(1), { confidence: 0.99 });
    expect(Number.isFinite(all.conditionalCoverage)).toBe(true);
    expect(all.independence).toBe(0);
  });
  it('names bad hits', () => {
    try {
      kupiecTest([true, false, 2 as never], { confidence: 0.99 });
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).path).toBe('hits[2]');
    }
    expect(() => christoffersenTest([true], { confidence: 0.99 })).toThrow(/hits/);
  });
});
