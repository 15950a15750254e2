import { describe, expect, it } from 'vitest';
import {
  monteCarloVaRWithError,
  simulatePnL,
  TailBuffer,
  tailCapacity,
  tailVaRES,
} from '../../src/montecarlo/index.js';
import { optionsRefBook, ref, singleBook } from '../fixtures/montecarlo/is_books.js';

describe('monteCarloVaRWithError', () => {
  it('estimate = tailVaRES of simulatePnL with the same seed (bit for bit)', () => {
    const b = optionsRefBook();
    const o = { ...b.model, paths: 10007, seed: 4 };
    const r = monteCarloVaRWithError(b.positions, b.market, { ...o, confidence: 0.99, batches: 7 });
    const pnl = simulatePnL(b.positions, b.market, o);
    const tb = new TailBuffer(tailCapacity(pnl.length, 0.99));
    tb.pushPnL(pnl);
    expect({ var: r.var, es: r.es }).toEqual(tailVaRES(tb, pnl.length, 0.99));
  });

  it('batch-means SE equals sd/√B of the per-batch tail estimates computed from simulatePnL', () => {
    const b = optionsRefBook();
    const n = 9000;
    const B = 9;
    const r = monteCarloVaRWithError(b.positions, b.market, {
      ...b.model,
      paths: n,
      seed: 2,
      confidence: 0.95,
      batches: B,
    });
    const pnl = simulatePnL(b.positions, b.market, { ...b.model, paths: n, seed: 2 });
    const est: number[] = [];
    for (let k = 0; k < B; k++) {
      const part = pnl.subarray((k * n) / B, ((k + 1) * n) / B);
      const tb = new TailBuffer(tailCapacity(part.length, 0.95));
      tb.pushPnL(part);
      est.push(tailVaRES(tb, part.length, 0.95).var);
    }
    const m = est.reduce((s, x) => s + x, 0) / B;
    const sd = Math.sqrt(est.reduce((s, x) => s + (x - m) ** 2, 0) / (B - 1));
    expect(r.standardError.var).toBeCloseTo(sd / Math.sqrt(B), 6);
  });

  for (const c of ref.singles.filter((s: { confidence: number }) => s.confidence === 0.99)) {
    it(`${c.name} α=0.99: ≥ 80% of 30 runs within 2 SE of the exact lognormal VaR/ES`, () => {
      const b = singleBook(c);
      let inVar = 0;
      let inEs = 0;
      for (let r = 0; r < 30; r++) {
        const res = monteCarloVaRWithError(b.positions, b.market, {
          ...b.model,
          paths: 20000,
          seed: 100 + r,
          confidence: 0.99,
        });
        if (Math.abs(res.var - c.var) <= 2 * res.standardError.var) inVar++;
        if (Math.abs(res.es - c.es) <= 2 * res.standardError.es) inEs++;
      }
      expect(inVar).toBeGreaterThanOrEqual(24);
      expect(inEs).toBeGreaterThanOrEqual(24);
    });
  }

  it('empty book: zeros; validation names the field', () => {
    const e = monteCarloVaRWithError([], { assets: {} }, { horizon: 1, paths: 2000, seed: 1, confidence: 0.99 });
    expect([e.var, e.es, e.standardError.var, e.standardError.es]).toEqual([0, 0, 0, 0]);
    const b = optionsRefBook();
    const o = { ...b.model, paths: 2000, seed: 1, confidence: 0.99 };
    expect(() => monteCarloVaRWithError(b.positions, b.market, { ...o, paths: 1999 })).toThrow(/options.paths/);
    expect(() => monteCarloVaRWithError(b.positions, b.market, { ...o, batches: 1 })).toThrow(/options.batches/);
    expect(() => monteCarloVaRWithError(b.positions, b.market, { ...o, confidence: 1.2 })).toThrow(
      /options.confidence/,
    );
    expect(() => monteCarloVaRWithError(b.positions, b.market, { ...o, pathOffset: 3 } as never)).toThrow(
      /options.pathOffset/,
    );
  });
});
