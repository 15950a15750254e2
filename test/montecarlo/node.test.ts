import { describe, expect, it } from 'vitest';
import { simulateParallel } from '../../src/montecarlo/node/index.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';

describe('worker-thread pool', () => {
  it('gives the single-thread numbers bit for bit, with progress', async () => {
    const input = {
      positions: [
        { kind: 'spot' as const, underlying: 'BTC', quantity: 1 },
        { kind: 'option' as const, underlying: 'ETH', quantity: -20, type: 'call' as const, strike: 3200, expiry: 0.1 },
      ],
      market: { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } }, correlation: { assets: ['BTC', 'ETH'], matrix: [[1, 0.7], [0.7, 1]] } },
      options: { horizon: 1 / 365, seed: 21, dist: 't' as const, dof: 5 },
      totalPaths: 30_000,
      confidence: 0.99,
    };
    const single = combineShards([runShard(planShards({ ...input, shards: 1 })[0])], 0.99);
    const seen: number[] = [];
    const par = await simulateParallel({ ...input, threads: 2, shards: 5, onProgress: (d) => seen.push(d) });
    expect(par.var).toBe(single.var);
    expect(par.es).toBeCloseTo(single.es, 8);
    expect(par.paths).toBe(30_000);
    expect(seen[seen.length - 1]).toBe(30_000);
  });
});
