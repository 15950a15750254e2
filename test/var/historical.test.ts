import { describe, expect, it } from 'vitest';
import { historicalVaR, ageWeightedVaR, filteredHistoricalVaR, RiskInputError } from '../../src/var/index.js';
import { historicalES, historicalTailRisk, ageWeightedES, filteredHistoricalES } from '../../src/es/index.js';
import { tailRank } from '../../src/var/tailIndex.js';
import { daxPnl, daxReturns, expectClose, ref } from './reference.js';

describe('historical VaR/ES on DAX log-returns vs numpy (1e-9 relative)', () => {
  for (const c of ref.historical) {
    it(`α = ${c.confidence}: order statistic and Acerbi–Tasche`, () => {
      expectClose(historicalVaR(daxPnl, { confidence: c.confidence }), c.var);
      expectClose(historicalES(daxPnl, { confidence: c.confidence }), c.es);
      expectClose(historicalVaR(Array.from(daxPnl), { confidence: c.confidence }), c.var);
      expectClose(historicalES(Array.from(daxPnl), { confidence: c.confidence }), c.es);
      const both = historicalTailRisk(daxPnl, { confidence: c.confidence });
      expectClose(both.var, c.var);
      expectClose(both.es, c.es);
    });
    it(`α = ${c.confidence}: interpolated (numpy.quantile linear; ES = average of the quantile function)`, () => {
      expectClose(historicalVaR(daxPnl, { confidence: c.confidence, method: 'interpolated' }), c.varInterpolated);
      expectClose(historicalES(daxPnl, { confidence: c.confidence, method: 'interpolated' }), c.esInterpolated);
    });
  }

  it('the sampled O(n) path equals a full sort on large series, incl. ties and adversarial layouts', () => {
    const n = 60_000;
    const layouts: Record<string, Float64Array> = {
      random: Float64Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1000),
      sortedAsc: Float64Array.from({ length: n }, (_, i) => i - n / 2),
      sortedDesc: Float64Array.from({ length: n }, (_, i) => n / 2 - i),
      fewValues: Float64Array.from({ length: n }, (_, i) => (i * 7919) % 5),
      constant: new Float64Array(n).fill(-3),
      spikes: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? -1e6 - i : 1)),
    };
    for (const [name, x] of Object.entries(layouts)) {
      const before = Float64Array.from(x);
      for (const a of [0.9, 0.99, 0.999]) {
        const L = new Float64Array(n);
        for (let i = 0; i < n; i++) L[i] = -x[i];
        L.sort();
        const k = tailRank(n, a);
        let s = 0;
        for (let i = k; i < n; i++) s += L[i];
        const es = (s / n + (k / n - a) * L[k - 1]) / (1 - a);
        expect(historicalVaR(x, { confidence: a }), name).toBe(L[k - 1]);
        expectClose(historicalES(x, { confidence: a }), Math.max(es, L[k - 1]), 1e-12, Math.abs(L[k - 1]), name);
      }
      let same = true;
      for (let i = 0; i < n; i++) same &&= Object.is(x[i], before[i]);
      expect(same, `${name} input untouched`).toBe(true); // never mutates the input
    }
  });

  it('rounding rule: k = ⌈nα⌉ snaps float noise (100 × 0.07 = 7.000000000000001 → 7, 100 × 0.57 → 57)', () => {
    expect(100 * 0.07).toBe(7.000000000000001);
    expect(tailRank(100, 0.07)).toBe(7);
    expect(100 * 0.57).toBe(56.99999999999999);
    expect(tailRank(100, 0.57)).toBe(57);
    expect(tailRank(100, 0.99)).toBe(99);
    expect(tailRank(1000, 0.975)).toBe(975);
    expect(tailRank(101, 0.99)).toBe(100); // 99.99 → 100
    expect(tailRank(1e6, 0.99)).toBe(990000);
    // 0.07 at n = 100: losses 1..100 ascending, VaR is the 7th smallest loss
    const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1));
    expect(historicalVaR(pnl, { confidence: 0.07 })).toBe(7);
  });

  it('small exact cases: ES formula with a fractional VaR weight', () => {
    // n = 40, α = 0.975: k = 39, ES = (L40/40 + (39/40 − 0.975)·L39)/0.025 = L40
    const pnl = Array.from({ length: 40 }, (_, i) => -i);
    expect(historicalVaR(pnl, { confidence: 0.975 })).toBe(38);
    expect(historicalES(pnl, { confidence: 0.975 })).toBeCloseTo(39, 12);
    // n = 250, α = 0.99: k = 248 (247.5 rounded up), ES = (L249 + L250)/250/0.01 + (248/250 − 0.99)·L248/0.01
    const p2 = Array.from({ length: 250 }, (_, i) => -i);
    expect(historicalVaR(p2, { confidence: 0.99 })).toBe(247);
    expect(historicalES(p2, { confidence: 0.99 })).toBeCloseTo((248 + 249) / 2.5 + 0.2 * 247, 10);
  });
});

describe('age-weighted (BRW) VaR/ES on DAX vs numpy', () => {
  for (const c of ref.ageWeighted) {
    it(`α = ${c.confidence}, λ = ${c.lam}`, () => {
      expectClose(ageWeightedVaR(daxPnl, { confidence: c.confidence, lambda: c.lam }), c.var);
      expectClose(ageWeightedES(daxPnl, { confidence: c.confidence, lambda: c.lam }), c.es);
    });
  }
  it('λ = 1 is plain historical simulation', () => {
    for (const a of [0.95, 0.99]) {
      expect(ageWeightedVaR(daxPnl, { confidence: a, lambda: 1 })).toBe(historicalVaR(daxPnl, { confidence: a }));
      expectClose(ageWeightedES(daxPnl, { confidence: a, lambda: 1 }), historicalES(daxPnl, { confidence: a }), 1e-10);
    }
  });
});

describe('filtered historical simulation on DAX vs numpy', () => {
  for (const c of ref.filtered) {
    it(`${c.model} α = ${c.confidence}${c.lam ? `, λ = ${c.lam}` : ''}`, () => {
      if (c.model === 'ewma') {
        const o = { confidence: c.confidence, model: 'ewma' as const, lambda: c.lam, exposure: ref.exposure };
        expectClose(filteredHistoricalVaR(daxReturns, o), c.var);
        expectClose(filteredHistoricalES(daxReturns, o), c.es);
      } else {
        const g = ref.garchDAX;
        const pct = daxReturns.map((x) => 100 * x);
        const o = {
          confidence: c.confidence,
          model: 'garch' as const,
          garch: { mu: g.mu, omega: g.omega, alpha: g.alpha, beta: g.beta },
          exposure: c.exposure,
        };
        expectClose(filteredHistoricalVaR(pct, o), c.var);
        expectClose(filteredHistoricalES(pct, o), c.es);
        // fitting the GARCH ourselves lands within fGarch's optimiser tolerance of the same figure
        const fitted = filteredHistoricalVaR(pct, { confidence: c.confidence, model: 'garch', exposure: c.exposure });
        expectClose(fitted, c.var, 1e-3);
      }
    });
  }
});

describe('historical input validation', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      return e as RiskInputError;
    }
    throw new Error('did not throw');
  };
  it('names the bad index, the field, and how many observations the tail needs', () => {
    const x = Float64Array.from(daxPnl);
    x[17] = NaN;
    expect(err(() => historicalVaR(x, { confidence: 0.99 })).path).toBe('pnl[17]');
    const big = new Float64Array(100_000).fill(1);
    big[99_998] = Infinity;
    expect(err(() => historicalES(big, { confidence: 0.99 })).path).toBe('pnl[99998]');
    big[99_998] = -Infinity;
    expect(err(() => historicalES(big, { confidence: 0.99 })).path).toBe('pnl[99998]');
    expect(err(() => historicalVaR([1, 2, 'x' as unknown as number], { confidence: 0.5 })).path).toBe('pnl[2]');
    expect(err(() => historicalVaR([], { confidence: 0.99 })).path).toBe('pnl');
    const short = err(() => historicalVaR(new Array(50).fill(1), { confidence: 0.99 }));
    expect(short.path).toBe('pnl');
    expect(short.message).toContain('at least 100 observations');
    for (const c of [0, 1, -0.5, 1.5, NaN])
      expect(err(() => historicalVaR([1, 2, 3], { confidence: c })).path).toBe('confidence');
    expect(err(() => historicalVaR(daxPnl, { confidence: 0.99, method: 'nearest' as never })).path).toBe('method');
    expect(err(() => ageWeightedVaR(daxPnl, { confidence: 0.99, lambda: 1.5 })).path).toBe('lambda');
    expect(
      err(() =>
        filteredHistoricalVaR(daxReturns, {
          confidence: 0.99,
          model: 'garch',
          garch: { mu: 0, omega: -1, alpha: 0.1, beta: 0.8 },
        }),
      ).path,
    ).toBe('garch.omega');
  });
});
