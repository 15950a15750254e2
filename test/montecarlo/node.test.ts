import { describe, expect, it } from 'vitest';
import { createMonteCarloPool, simulateParallel } from '../../src/montecarlo/node/index.js';
import { combineShards, planShards, RiskInputError, runShard } from '../../src/montecarlo/index.js';

const input = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 1 },
    { kind: 'option' as const, underlying: 'ETH', quantity: -20, type: 'call' as const, strike: 3200, expiry: 0.1 },
    { kind: 'option' as const, underlying: 'ETH', quantity: 15, type: 'put' as const, strike: 2800, expiry: 0.2 },
  ],
  market: {
    assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } },
    correlation: {
      assets: ['BTC', 'ETH'],
      matrix: [
        [1, 0.7],
        [0.7, 1],
      ],
    },
  },
  options: { horizon: 1 / 365, seed: 21, dist: 't' as const, dof: 5 },
  totalPaths: 30_000,
  confidence: 0.99,
};
const single = (i: typeof input) => combineShards([runShard(planShards({ ...i, shards: 1 })[0])], i.confidence);

describe('worker-thread pool (tinypool)', () => {
  it('gives the single-thread numbers bit for bit, with monotone progress ending at the total', async () => {
    const want = single(input);
    const seen: number[] = [];
    const par = await simulateParallel({
      ...input,
      threads: 2,
      shards: 5,
      onProgress: (d, t) => {
        expect(t).toBe(30_000);
        seen.push(d);
      },
    });
    expect(par.var).toBe(want.var);
    expect(par.es).toBeCloseTo(want.es, 8);
    expect(par.mean).toBeCloseTo(want.mean, 8);
    expect(par.paths).toBe(30_000);
    expect(seen[seen.length - 1]).toBe(30_000);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
  });

  it('a warm pool serves repeated runs (other seeds, shard counts) with the single-thread numbers', async () => {
    const pool = createMonteCarloPool({ threads: 2 });
    try {
      expect(pool.threads).toBe(2);
      for (const [seed, shards] of [
        [1, 2],
        [2, 7],
        [3, undefined],
      ] as const) {
        const i = { ...input, options: { ...input.options, seed } };
        const r = await pool.run({ ...i, shards });
        const want = single(i);
        expect(r.var).toBe(want.var);
        expect(r.es).toBeCloseTo(want.es, 8);
      }
    } finally {
      await pool.destroy();
    }
    await expect(pool.run(input)).rejects.toThrow();
  });

  it('workers reuse a compiled book only for the same book: alternating books, horizons and seeds match one thread', async () => {
    const pool = createMonteCarloPool({ threads: 2 });
    const other = {
      ...input,
      positions: [
        { kind: 'option' as const, underlying: 'BTC', quantity: 3, type: 'put' as const, strike: 55000, expiry: 0.05 },
      ],
    };
    const longer = { ...input, options: { ...input.options, horizon: 10 / 365 } };
    try {
      for (const [i, seed] of [
        [input, 1],
        [other, 1],
        [input, 2],
        [longer, 2],
        [input, 2],
        [other, 3],
      ] as const) {
        const run = { ...i, options: { ...i.options, seed } };
        const r = await pool.run({ ...run, shards: 4 });
        const want = single(run);
        expect(r.var).toBe(want.var);
        expect(r.es).toBeCloseTo(want.es, 8);
        expect(r.mean).toBeCloseTo(want.mean, 8);
      }
    } finally {
      await pool.destroy();
    }
  });

  it('default (claimed blocks): the same VaR, ES, mean and sd to the bit for 1, 2 and 3 threads, progress to the total', async () => {
    const pools = [1, 2, 3].map((threads) => createMonteCarloPool({ threads }));
    try {
      for (const totalPaths of [30_000, 5000, 100]) {
        const i = { ...input, totalPaths };
        const want = single(i);
        const got = [];
        for (const pool of pools) {
          const seen: number[] = [];
          const r = await pool.run({
            ...i,
            onProgress: (d, t) => {
              expect(t).toBe(totalPaths);
              seen.push(d);
            },
          });
          expect(seen[seen.length - 1]).toBe(totalPaths);
          for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
          got.push(r);
        }
        for (const r of got) {
          expect(r.var).toBe(want.var);
          expect(r.es).toBeCloseTo(want.es, 8);
          expect(r.mean).toBeCloseTo(want.mean, 8);
          expect(r.paths).toBe(totalPaths);
          expect([r.var, r.es, r.mean, r.std]).toEqual([got[0].var, got[0].es, got[0].mean, got[0].std]);
        }
      }
    } finally {
      await Promise.all(pools.map((p) => p.destroy()));
    }
  });

  it('concurrent runs on one pool (their claim tasks queued behind each other) each give their own single-thread numbers', async () => {
    const pool = createMonteCarloPool({ threads: 2 });
    try {
      const runs = [5, 6, 7].map((seed) => ({ ...input, options: { ...input.options, seed } }));
      const got = await Promise.all(runs.map((r) => pool.run(r)));
      got.forEach((r, k) => {
        const want = single(runs[k]);
        expect(r.var).toBe(want.var);
        expect(r.mean).toBeCloseTo(want.mean, 8);
      });
    } finally {
      await pool.destroy();
    }
  });

  it('validates threads, shards and the progress callback', async () => {
    await expect(simulateParallel({ ...input, threads: 0 })).rejects.toThrow(/input\.threads/);
    await expect(simulateParallel({ ...input, threads: 2, shards: 0 })).rejects.toThrow(/input\.shards/);
    await expect(simulateParallel({ ...input, threads: 2, onProgress: 5 as never })).rejects.toBeInstanceOf(
      RiskInputError,
    );
    await expect(simulateParallel({ ...input, threads: 2, totalPaths: -1 })).rejects.toThrow(/input\.totalPaths/);
    expect(() => createMonteCarloPool({ threads: 1.5 })).toThrow(/options\.threads/);
  });
});
