import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Market, Position } from '../../src/core/model.js';
import { importanceSamplingVaR, monteCarloVaRWithError, RiskInputError } from '../../src/montecarlo/index.js';
import { optionsRefBook, ref, singleBook } from '../fixtures/montecarlo/is_books.js';

describe('importanceSamplingVaR against the exact lognormal VaR/ES (mpmath), coverage over 30 replications', () => {
  for (const c of ref.singles) {
    it(`${c.name} α=${c.confidence}: ≥ 80% of 30 runs within 2 reported SE (VaR and ES)`, () => {
      const b = singleBook(c);
      let inVar = 0;
      let inEs = 0;
      for (let r = 0; r < 30; r++) {
        const res = importanceSamplingVaR(b.positions, b.market, {
          ...b.model,
          paths: 2000,
          seed: 11,
          substream: r * 10,
          confidence: c.confidence,
          pilotPaths: 2048,
        });
        if (Math.abs(res.var - c.var) <= 2 * res.standardError.var) inVar++;
        if (Math.abs(res.es - c.es) <= 2 * res.standardError.es) inEs++;
        expect(res.standardError.var).toBeLessThan(0.05 * Math.abs(c.var));
      }
      expect(inVar).toBeGreaterThanOrEqual(24);
      expect(inEs).toBeGreaterThanOrEqual(24);
    });
  }
});

describe('importanceSamplingVaR on an options book against an 8,000,000-path numpy revaluation', () => {
  const b = optionsRefBook();
  for (const r of ref.optionsBook.references) {
    it(`α=${r.confidence}: VaR and ES within 3 combined SE; IS SE well below plain MC at the same paths`, () => {
      const is = importanceSamplingVaR(b.positions, b.market, {
        ...b.model,
        paths: 20000,
        seed: 5,
        confidence: r.confidence,
      });
      expect(Math.abs(is.var - r.var)).toBeLessThanOrEqual(3 * Math.hypot(is.standardError.var, r.se_var));
      expect(Math.abs(is.es - r.es)).toBeLessThanOrEqual(3 * Math.hypot(is.standardError.es, r.se_es));
      expect(is.theta).toBeGreaterThan(0);
      const plain = monteCarloVaRWithError(b.positions, b.market, {
        ...b.model,
        paths: 20000,
        seed: 5,
        confidence: r.confidence,
        batches: 10,
      });
      expect(is.standardError.var).toBeLessThan(plain.standardError.var / 2);
    });
  }
});

describe('likelihood ratio', () => {
  it('has mean 1 under the twisted law (linear book, mild twist: 50,000 paths, within 0.05)', () => {
    const b = singleBook(ref.singles[0]);
    const r = importanceSamplingVaR(b.positions, b.market, { ...b.model, paths: 50000, seed: 3, confidence: 0.9 });
    expect(r.theta).toBeGreaterThan(0);
    expect(Math.abs(r.meanLikelihoodRatio - 1)).toBeLessThan(0.05);
    expect(r.effectiveSampleSize).toBeGreaterThan(1000);
    expect(r.effectiveSampleSize).toBeLessThanOrEqual(50000);
  });
  it('has mean 1 on the options book (delta-gamma twist with variance change)', () => {
    const b = optionsRefBook();
    const r = importanceSamplingVaR(b.positions, b.market, { ...b.model, paths: 30000, seed: 4, confidence: 0.9 });
    expect(Math.abs(r.meanLikelihoodRatio - 1)).toBeLessThan(0.06);
  });
});

describe('twist and threshold', () => {
  it('any threshold gives an unbiased estimate (twisting at 1.3× the exact VaR)', () => {
    const c = ref.singles[1];
    const b = singleBook(c);
    const r = importanceSamplingVaR(b.positions, b.market, {
      ...b.model,
      paths: 20000,
      seed: 8,
      confidence: c.confidence,
      threshold: 1.3 * c.var,
    });
    expect(r.threshold).toBe(1.3 * c.var);
    expect(Math.abs(r.var - c.var)).toBeLessThanOrEqual(4 * r.standardError.var);
  });
  it('the pilot finds the delta-gamma VaR (mpmath closed form for linear books) to 0.5%', () => {
    for (const c of ref.singles) {
      const b = singleBook(c);
      const r = importanceSamplingVaR(b.positions, b.market, {
        ...b.model,
        paths: 1000,
        seed: 8,
        confidence: c.confidence,
      });
      expect(Math.abs(r.threshold / c.dgVar - 1)).toBeLessThan(0.005);
    }
  });
  it('a threshold below the mean loss means no twist (θ = 0, weights 1)', () => {
    const b = singleBook(ref.singles[0]);
    const r = importanceSamplingVaR(b.positions, b.market, {
      ...b.model,
      paths: 1000,
      seed: 8,
      confidence: 0.99,
      threshold: -1e9,
    });
    expect(r.theta).toBe(0);
    expect(r.meanLikelihoodRatio).toBe(1);
    expect(r.effectiveSampleSize).toBeCloseTo(1000, 9);
  });
  it('is deterministic in the seed and does not mutate inputs', () => {
    const b = optionsRefBook();
    const snap = JSON.stringify(b);
    const o = { ...b.model, paths: 2000, seed: 9, confidence: 0.99 };
    const r1 = importanceSamplingVaR(b.positions, b.market, o);
    const r2 = importanceSamplingVaR(b.positions, b.market, o);
    expect(r1).toEqual(r2);
    expect(JSON.stringify(b)).toBe(snap);
  });
});

describe('degenerate books', () => {
  it('empty book and zero quantities: zero VaR/ES, zero SE', () => {
    for (const ps of [[], [{ kind: 'spot', underlying: 'X', quantity: 0 }]] as Position[][]) {
      const r = importanceSamplingVaR(
        ps,
        { assets: { X: { price: 1, vol: 0.5 } } },
        { horizon: 1 / 365, paths: 1000, seed: 1, confidence: 0.99 },
      );
      expect([r.var, r.es, r.standardError.var, r.standardError.es, r.theta]).toEqual([0, 0, 0, 0, 0]);
    }
  });
  it('horizon 0: the sure loss, SE 0', () => {
    const b = optionsRefBook();
    const r = importanceSamplingVaR(b.positions, b.market, { horizon: 0, paths: 1000, seed: 1, confidence: 0.99 });
    expect(Math.abs(r.var)).toBeLessThan(1e-9);
    expect(r.standardError.var).toBe(0);
  });
  it('singular correlation (two assets with ρ = 1) is fine', () => {
    const ps: Position[] = [
      { kind: 'spot', underlying: 'A', quantity: 1 },
      { kind: 'spot', underlying: 'B', quantity: 1 },
    ];
    const m: Market = {
      assets: { A: { price: 100, vol: 0.5 }, B: { price: 100, vol: 0.5 } },
      correlation: {
        assets: ['A', 'B'],
        matrix: [
          [1, 1],
          [1, 1],
        ],
      },
    };
    const c = importanceSamplingVaR(ps, m, { horizon: 1 / 365, paths: 4000, seed: 1, confidence: 0.99 });
    const one = importanceSamplingVaR([{ kind: 'spot', underlying: 'A', quantity: 2 }], m, {
      horizon: 1 / 365,
      paths: 4000,
      seed: 1,
      confidence: 0.99,
    });
    expect(Math.abs(c.var - one.var)).toBeLessThan(4 * Math.hypot(c.standardError.var, one.standardError.var));
  });
});

describe('property: any small book gives finite, ordered estimates', () => {
  it('var ≤ es, SE ≥ 0, finite, weights positive', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: 0.6, max: 1.4, noNaN: true }),
        fc.double({ min: 0.9, max: 0.999, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (qs, qo, type, k, alpha, seed) => {
          const ps: Position[] = [
            { kind: 'spot', underlying: 'X', quantity: qs },
            { kind: 'option', underlying: 'X', quantity: qo, type, strike: 100 * k, expiry: 0.05 },
          ];
          const r = importanceSamplingVaR(
            ps,
            { assets: { X: { price: 100, vol: 0.7 } } },
            { horizon: 1 / 365, paths: 1000, seed, confidence: alpha, pilotPaths: 1000 },
          );
          for (const v of [
            r.var,
            r.es,
            r.standardError.var,
            r.standardError.es,
            r.theta,
            r.meanLikelihoodRatio,
            r.effectiveSampleSize,
          ])
            expect(Number.isFinite(v)).toBe(true);
          expect(r.es).toBeGreaterThanOrEqual(r.var - 1e-9 * Math.abs(r.var));
          expect(r.standardError.var).toBeGreaterThanOrEqual(0);
          expect(r.theta).toBeGreaterThanOrEqual(0);
          expect(r.meanLikelihoodRatio).toBeGreaterThan(0);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('validation', () => {
  const b = optionsRefBook();
  const o = { ...b.model, paths: 2000, seed: 1, confidence: 0.99 };
  it('names the bad field', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ confidence: 1 }, /options.confidence/],
      [{ paths: 999 }, /options.paths/],
      [{ paths: 1000.5 }, /options.paths/],
      [{ batches: 1 }, /options.batches/],
      [{ threshold: Number.NaN }, /options.threshold/],
      [{ pilotPaths: 10 }, /options.pilotPaths/],
      [{ dist: 't', dof: 5 }, /options.dist/],
      [{ pathOffset: 4096 }, /options.pathOffset/],
      [{ seed: -1 }, /options.seed/],
      [{ horizon: -1 }, /options.horizon/],
    ];
    for (const [patch, re] of bad)
      expect(() => importanceSamplingVaR(b.positions, b.market, { ...o, ...patch } as never)).toThrow(re);
    expect(() =>
      importanceSamplingVaR([{ kind: 'spot', underlying: 'X', quantity: Number.NaN }] as Position[], b.market, o),
    ).toThrow(RiskInputError);
  });
});
