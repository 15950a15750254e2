/**
 * The P&L mean and standard deviation of a sharded run are the same bits whatever the shard count (block sums added
 * in global block order), and equal the block-ordered sums of the single-thread simulatePnL paths.
 */
import { describe, expect, it } from 'vitest';
import { combineShards, planShards, runShard, simulatePnL, SUBSTREAM_PATHS } from '../../src/montecarlo/index.js';
import type { ShardResult } from '../../src/montecarlo/index.js';

const positions = [
  { kind: 'spot' as const, underlying: 'BTC', quantity: 2 },
  { kind: 'option' as const, underlying: 'ETH', quantity: -30, type: 'call' as const, strike: 3500, expiry: 0.1 },
];
const market = { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } }, rate: 0.03 };
const options = { horizon: 1 / 365, seed: 11 };
const total = 9 * SUBSTREAM_PATHS + 123;

describe('sharded moments are independent of the cut', () => {
  it('1, 2, 3, 5 and 10 shards give the same mean and std bits, in any result order', () => {
    const runs = [1, 2, 3, 5, 10].flatMap((shards) => {
      const rs = planShards({ positions, market, options, totalPaths: total, confidence: 0.99, shards }).map((j) =>
        runShard(j),
      );
      return [combineShards(rs, 0.99), combineShards(rs.slice().reverse(), 0.99)];
    });
    for (const r of runs) {
      expect(Object.is(r.mean, runs[0].mean)).toBe(true);
      expect(Object.is(r.std, runs[0].std)).toBe(true);
      expect(r.var).toBe(runs[0].var);
    }
    // the reference: single-run paths summed per 4096-block, blocks added in order
    const pnl = simulatePnL(positions, market, { ...options, paths: total });
    let sum = 0;
    let sumSq = 0;
    for (let b = 0; b < pnl.length; b += SUBSTREAM_PATHS) {
      let s = 0;
      let q = 0;
      for (let i = b; i < Math.min(b + SUBSTREAM_PATHS, pnl.length); i++) {
        s += pnl[i];
        q += pnl[i] * pnl[i];
      }
      sum += s;
      sumSq += q;
    }
    const mean = sum / total;
    expect(runs[0].mean).toBe(mean);
    expect(runs[0].std).toBe(Math.sqrt(Math.max(0, (sumSq - total * mean * mean) / (total - 1))));
  });
  it('results without block sums still combine (shard sums; not guaranteed the same bits)', () => {
    const rs = planShards({ positions, market, options, totalPaths: total, confidence: 0.99, shards: 3 }).map((j) =>
      runShard(j),
    );
    const old = rs.map(({ blockSums: _b, ...r }) => r as ShardResult);
    expect(combineShards(old, 0.99).mean).toBeCloseTo(combineShards(rs, 0.99).mean, 6);
  });
});
