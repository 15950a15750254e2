import { describe, expect, it } from 'vitest';
import type { Market, Position } from '../../src/core/model.js';
import { monteCarloVaRWithError, qmcVaR, RiskInputError } from '../../src/montecarlo/index.js';
import { linearBook } from '../../bench/workloads/linear.js';
import { optionsRefBook, ref, singleBook } from '../fixtures/montecarlo/is_books.js';

describe('qmcVaR against the exact lognormal VaR/ES (mpmath), coverage over 30 runs', () => {
  for (const c of ref.singles) {
    it(`${c.name} α=${c.confidence}: ≥ 80% of 30 runs within 2 reported SE (VaR and ES)`, () => {
      const b = singleBook(c);
      let inVar = 0;
      let inEs = 0;
      for (let r = 0; r < 30; r++) {
        const res = qmcVaR(b.positions, b.market, {
          ...b.model,
          paths: 2048,
          replications: 8,
          seed: 17,
          substream: 8 * r,
          confidence: c.confidence,
        });
        if (Math.abs(res.var - c.var) <= 2 * res.standardError.var) inVar++;
        if (Math.abs(res.es - c.es) <= 2 * res.standardError.es) inEs++;
      }
      expect(inVar).toBeGreaterThanOrEqual(24);
      expect(inEs).toBeGreaterThanOrEqual(24);
    });
  }
});

describe('qmcVaR on an options book against an 8,000,000-path numpy revaluation', () => {
  const b = optionsRefBook();
  for (const r of ref.optionsBook.references) {
    it(`α=${r.confidence}: VaR and ES within 3 combined SE, both orderings and randomizations`, () => {
      for (const extra of [{}, { ordering: 'natural' as const }, { randomization: 'shift' as const }]) {
        const q = qmcVaR(b.positions, b.market, {
          ...b.model,
          paths: 4096,
          replications: 8,
          seed: 2,
          confidence: r.confidence,
          ...extra,
        });
        expect(Math.abs(q.var - r.var)).toBeLessThanOrEqual(3 * Math.hypot(q.standardError.var, r.se_var));
        expect(Math.abs(q.es - r.es)).toBeLessThanOrEqual(3 * Math.hypot(q.standardError.es, r.se_es));
        expect(q.replicates.var.length).toBe(8);
      }
    });
  }
});

describe('qmcVaR error is below plain Monte Carlo at the same number of paths', () => {
  it('20-asset linear book (the bench workload), 99% VaR: QMC SE < plain batch-means SE over 32,768 paths', () => {
    const b = linearBook();
    const q = qmcVaR(b.positions, b.market, { ...b.model, paths: 4096, replications: 8, seed: 1, confidence: 0.99 });
    const p = monteCarloVaRWithError(b.positions, b.market, { ...b.model, paths: 32768, seed: 1, confidence: 0.99 });
    expect(q.standardError.var).toBeLessThan(p.standardError.var);
    expect(Math.abs(q.var - p.var)).toBeLessThan(3 * Math.hypot(q.standardError.var, p.standardError.var));
  });
});

describe('degenerate and validation', () => {
  it('empty book / horizon 0: the sure loss with zero SE', () => {
    const e = qmcVaR([], { assets: {} }, { horizon: 1, paths: 16, seed: 1, confidence: 0.99 });
    expect([e.var, e.es, e.standardError.var]).toEqual([0, 0, 0]);
    const b = optionsRefBook();
    const h0 = qmcVaR(b.positions, b.market, { horizon: 0, paths: 16, seed: 1, confidence: 0.99 });
    expect(Math.abs(h0.var)).toBeLessThan(1e-9);
    expect(h0.standardError.var).toBe(0);
  });
  it('vol shocks take extra Sobol dimensions', () => {
    const ps: Position[] = [{ kind: 'option', underlying: 'X', quantity: -1, type: 'call', strike: 100, expiry: 0.1 }];
    const m: Market = { assets: { X: { price: 100, vol: 0.5 } } };
    const with_ = qmcVaR(ps, m, { horizon: 1 / 52, paths: 1024, seed: 1, confidence: 0.99, volOfVol: { X: 3 } });
    const without = qmcVaR(ps, m, { horizon: 1 / 52, paths: 1024, seed: 1, confidence: 0.99 });
    expect(with_.var).toBeGreaterThan(without.var);
  });
  it('is deterministic and does not mutate inputs', () => {
    const b = optionsRefBook();
    const snap = JSON.stringify(b);
    const o = { ...b.model, paths: 256, seed: 3, confidence: 0.99 };
    expect(qmcVaR(b.positions, b.market, o)).toEqual(qmcVaR(b.positions, b.market, o));
    expect(JSON.stringify(b)).toBe(snap);
  });
  it('names the bad field', () => {
    const b = optionsRefBook();
    const o = { ...b.model, paths: 256, seed: 3, confidence: 0.99 };
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ replications: 7 }, /options.replications/],
      [{ paths: 0 }, /options.paths/],
      [{ paths: 2 ** 32 + 1 }, /options.paths/],
      [{ confidence: 0 }, /options.confidence/],
      [{ randomization: 'none' }, /options.randomization/],
      [{ ordering: 'pca' }, /options.ordering/],
      [{ dist: 't', dof: 4 }, /options.dist/],
      [{ seed: 1.5 }, /options.seed/],
    ];
    for (const [patch, re] of bad) expect(() => qmcVaR(b.positions, b.market, { ...o, ...patch } as never)).toThrow(re);
    expect(() => qmcVaR([{ kind: 'spot', underlying: 'Q', quantity: 1 }], b.market, o)).toThrow(RiskInputError);
  });
});
