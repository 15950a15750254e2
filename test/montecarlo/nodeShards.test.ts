/**
 * The shard path the worker pool runs (runShard's block sink, combineShards' one-pass tail merge): exact against a
 * brute-force sort of all losses, equal bit for bit to the TailBuffer.fromJSON + mergeTails route, re-entrant, and
 * naming bad tail entries as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineShards,
  mergeTails,
  planShards,
  RiskInputError,
  runShard,
  simulatePnL,
  TailBuffer,
  tailCapacity,
  tailVaRES,
} from '../../src/montecarlo/index.js';
import type { ShardResult } from '../../src/montecarlo/index.js';

/** VaR and ES (Acerbi–Tasche) of the P&L sample by sorting every loss: no tail buffer involved. */
function bruteVaRES(pnl: ArrayLike<number>, alpha: number): { var: number; es: number } {
  const n = pnl.length;
  const losses = Float64Array.from(pnl, (x) => -x).sort(); // ascending
  const k = Math.ceil(n * alpha);
  const v = losses[k - 1];
  let tail = 0;
  for (let i = k; i < n; i++) tail += losses[i];
  return { var: v, es: (tail / n + (k / n - alpha) * v) / (1 - alpha) };
}

const book = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 2 },
    { kind: 'option' as const, underlying: 'ETH', quantity: -30, type: 'call' as const, strike: 3300, expiry: 0.1 },
    { kind: 'option' as const, underlying: 'ETH', quantity: 10, type: 'put' as const, strike: 2700, expiry: 0.3 },
  ],
  market: {
    assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } },
    correlation: {
      assets: ['BTC', 'ETH'],
      matrix: [
        [1, 0.6],
        [0.6, 1],
      ],
    },
  },
  options: { horizon: 1 / 365, seed: 5 },
};

describe('shard path of the worker pool', () => {
  it('shards of a 20,000-path run merge to the VaR/ES of sorting all 20,000 losses of the single run', () => {
    const total = 20_000;
    const pnl = simulatePnL(book.positions, book.market, { ...book.options, paths: total });
    const want = bruteVaRES(pnl, 0.99);
    for (const shards of [1, 3, 5]) {
      const res = planShards({ ...book, totalPaths: total, confidence: 0.99, shards }).map((j) =>
        structuredClone(runShard(structuredClone(j))),
      );
      const got = combineShards(res, 0.99);
      expect(got.var).toBe(want.var);
      expect(got.es).toBeCloseTo(want.es, 6);
      let s = 0;
      for (const x of pnl) s += x;
      expect(got.mean).toBeCloseTo(s / total, 6);
    }
  });

  it('shard sums are the path-order sums of the shard P&L (the block sink accumulates without reordering)', () => {
    const [job] = planShards({ ...book, totalPaths: 9000, confidence: 0.95, shards: 1 });
    const pnl = simulatePnL(book.positions, book.market, { ...book.options, paths: 9000 });
    let sum = 0;
    let sumSq = 0;
    for (const x of pnl) {
      sum += x;
      sumSq += x * x;
    }
    const r = runShard(job);
    expect(r.sum).toBe(sum);
    expect(r.sumSq).toBe(sumSq);
  });

  it("a shard run from inside another shard's progress callback leaves both results intact", () => {
    const jobs = planShards({ ...book, totalPaths: 4 * 4096, confidence: 0.99, shards: 2 }); // two blocks each
    const alone = jobs.map((j) => runShard(j));
    const inner: ShardResult[] = [];
    const outer = runShard(jobs[0], (done) => {
      if (done === 4096) inner.push(runShard(jobs[1])); // between the outer shard's two blocks
    });
    expect(outer).toEqual(alone[0]);
    expect(inner).toEqual([alone[1]]);
  });

  it('the one-pass merge equals TailBuffer.fromJSON + mergeTails + tailVaRES bit for bit (random tails)', () => {
    const tail = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.array(tail, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 40 }), (pnls, extra) => {
        const results: ShardResult[] = pnls.map((p, i) => {
          const b = new TailBuffer(Math.max(1, p.length - (i % 3))); // some shards drop their mildest losses
          b.pushPnL(p);
          return { pathOffset: 0, paths: p.length + extra, tail: b.toJSON(), sum: 0, sumSq: 0 };
        });
        const paths = results.reduce((s, r) => s + r.paths, 0);
        const alpha = 1 - Math.max(...results.map((r) => r.tail.losses.length)) / paths / 2;
        const need = tailCapacity(paths, alpha);
        const kept = results.reduce((s, r) => s + r.tail.losses.length, 0);
        if (kept < need) {
          expect(() => combineShards(results, alpha)).toThrow(RiskInputError);
          return;
        }
        const bufs = results.map((r) => TailBuffer.fromJSON(r.tail));
        const ref = tailVaRES(mergeTails(bufs, Math.max(need, ...bufs.map((b) => b.capacity))), paths, alpha);
        const got = combineShards(results, alpha);
        expect(Object.is(got.var, ref.var)).toBe(true);
        expect(Object.is(got.es, ref.es)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('names a bad tail entry at results[i].tail…, as TailBuffer.fromJSON did', () => {
    const res = planShards({ ...book, totalPaths: 8192, confidence: 0.99, shards: 2 }).map((j) => runShard(j));
    const bad = (f: (r: ShardResult) => void) => {
      const copy = structuredClone(res);
      f(copy[1]);
      return () => combineShards(copy, 0.99);
    };
    expect(
      bad((r) => {
        r.tail.losses[3] = NaN;
      }),
    ).toThrow(/^results\[1\]\.tail\.losses\[3\] must be a finite number/);
    expect(
      bad((r) => {
        (r.tail.losses as unknown[])[0] = '5';
      }),
    ).toThrow(/^results\[1\]\.tail\.losses\[0\] must be/);
    expect(
      bad((r) => {
        r.tail.losses.push(...r.tail.losses);
      }),
    ).toThrow(/^results\[1\]\.tail\.losses must be at most min\(capacity, total\)/);
    expect(
      bad((r) => {
        r.tail.capacity = 2 ** 30;
      }),
    ).toThrow(/^results\[1\]\.tail\.capacity must be/);
    expect(
      bad((r) => {
        (r.tail as { losses: unknown }).losses = new Float64Array(3);
      }),
    ).toThrow(/^results\[1\]\.tail\.losses must be an array/);
    expect(
      bad((r) => {
        r.tail.total = -1;
      }),
    ).toThrow(/^results\[1\]\.tail\.total must be/);
  });
});
