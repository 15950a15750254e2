/**
 * Side by side with the JS packages that compute VaR/ES today, on the same DAX data. Each assertion records how
 * the peer differs from riskcore's documented definitions, and why.
 */
import { describe, expect, it } from 'vitest';
import { quantile } from 'simple-statistics';
import {
  calculateHistoricalExpectedShortfall,
  calculateHistoricalVaR,
  calculateParametricVaR,
} from '@railpath/finance-toolkit';
import { historicalVaR, parametricVaR } from '../../src/var/index.js';
import { historicalES } from '../../src/es/index.js';
import { daxReturns, expectClose, ref } from './reference.js';

const r = daxReturns; // returns, not P&L: the peers take returns
const n = r.length; // 1859
const _sortedLoss = r.map((x) => -x).sort((a, b) => a - b);
const sortedRet = [...r].sort((a, b) => a - b);

describe('simple-statistics quantile (7.8.8)', () => {
  it('agrees with the order-statistic VaR when n·α is not an integer (1859 × 0.99 = 1840.41 → L₍₁₈₄₁₎)', () => {
    const losses = r.map((x) => -x);
    expect(quantile(losses, 0.99)).toBe(historicalVaR(r, { confidence: 0.99 }));
  });
  it('averages two order statistics when n·α is an integer (ours takes L₍nα₎): n = 1800, α = 0.95', () => {
    const losses = r.slice(0, 1800).map((x) => -x);
    const s = [...losses].sort((a, b) => a - b);
    expect(quantile(losses, 0.95)).toBe((s[1709] + s[1710]) / 2);
    expect(historicalVaR(r.slice(0, 1800), { confidence: 0.95 })).toBe(s[1709]);
  });
  it('takes float noise at face value: 100 × 0.07 = 7.000000000000001 gives the 8th value, ours the 7th', () => {
    const losses = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(losses, 0.07)).toBe(8);
    expect(
      historicalVaR(
        losses.map((l) => -l),
        { confidence: 0.07 },
      ),
    ).toBe(7);
  });
  it('has no Expected Shortfall', () => {
    expect(typeof (quantile as unknown as { es?: unknown }).es).toBe('undefined');
  });
});

describe('@railpath/finance-toolkit (0.5.4)', () => {
  it('historical VaR = |r₍⌊(1−α)n⌋+1₎|: the same rank as ours in exact arithmetic, but float noise in 1 − α and the sign differ', () => {
    for (const a of [0.95, 0.99]) {
      const peer = calculateHistoricalVaR(r, a).value;
      expect(peer).toBe(Math.abs(sortedRet[Math.floor((1 - a) * n)]));
      // n − ⌊n(1 − α)⌋ = ⌈nα⌉: on DAX the magnitudes agree with our L₍⌈nα⌉₎
      expect(peer).toBe(historicalVaR(r, { confidence: a }));
    }
    // (1 − 0.9)·100 = 9.999999999999998 → ⌊⌋ = 9 → loss rank 91; ours (0.9·100 = 90) takes L₍₉₀₎
    const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
    expect(calculateHistoricalVaR(pnl, 0.9).value).toBe(91);
    expect(historicalVaR(pnl, { confidence: 0.9 })).toBe(90);
    // a series of gains only: the peer still reports a positive "VaR" (|·|); ours is negative (the quantile is a gain)
    const gains = Array.from({ length: 100 }, (_, i) => 0.01 + i * 1e-4);
    expect(calculateHistoricalVaR(gains, 0.95).value).toBeGreaterThan(0);
    expect(historicalVaR(gains, { confidence: 0.95 })).toBeLessThan(0);
  });
  it('historical ES = plain mean of the ⌊n(1 − α)⌋ worst returns, negative, without the Acerbi–Tasche fractional term', () => {
    for (const a of [0.975, 0.99]) {
      const peer = calculateHistoricalExpectedShortfall(r, {
        confidenceLevel: a,
        method: 'historical',
        simulations: 0,
      });
      const m = Math.floor(n * (1 - a));
      const plain = sortedRet.slice(0, m).reduce((s, x) => s + x, 0) / m;
      expectClose(peer, plain, 1e-12);
      const ours = historicalES(r, { confidence: a });
      expectClose(ours, ref.historical.find((h: { confidence: number }) => h.confidence === a).es / ref.exposure, 1e-9);
      expect(Math.abs(-peer - ours) / ours).toBeGreaterThan(1e-6); // a real difference, not rounding
    }
  });
  it('parametric VaR uses a 4-digit z approximation (Abramowitz–Stegun 26.2.23, |error| < 4.5e-4)', () => {
    const mean = r.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const peer = calculateParametricVaR(r, 0.99).value;
    const ours = parametricVaR({ distribution: 'normal', mean, stdev: sd, confidence: 0.99 });
    const rel = Math.abs(peer - ours) / ours;
    expect(rel).toBeGreaterThan(1e-7);
    expect(rel).toBeLessThan(1e-3);
  });
});
