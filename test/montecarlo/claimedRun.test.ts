import { describe, expect, it } from 'vitest';
import { combineClaimedRun, combineShards, planShards, runClaimedRun, runShard } from '../../src/montecarlo/shard.js';
import { SUBSTREAM_PATHS } from '../../src/montecarlo/simulate.js';

const run = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 1 },
    { kind: 'option' as const, underlying: 'ETH', quantity: -20, type: 'call' as const, strike: 3200, expiry: 0.1 },
    { kind: 'perp' as const, underlying: 'ETH', quantity: 4 },
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
  options: { horizon: 1 / 365, seed: 11 },
  confidence: 0.99,
};
const TOTAL = 5 * SUBSTREAM_PATHS + 1234; // 6 blocks, the last one partial
const whole = planShards({ ...run, totalPaths: TOTAL, shards: 1 })[0];
const blockJob = (b: number) => ({
  ...whole,
  pathOffset: b * SUBSTREAM_PATHS,
  paths: Math.min(SUBSTREAM_PATHS, TOTAL - b * SUBSTREAM_PATHS),
});

describe("claimed runs (the worker pool's dynamic scheduling, in one thread)", () => {
  it("one claimer runs every block: the VaR of the single run, each block's sums those of that block run alone", () => {
    const sums = new Float64Array(12);
    const progress: number[] = [];
    const r = runClaimedRun(whole, undefined, new Int32Array(1), sums, (d) => progress.push(d));
    expect(r.paths).toBe(TOTAL);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((b) => b * SUBSTREAM_PATHS).concat(TOTAL));
    const got = combineClaimedRun([r], sums, TOTAL, 0.99);
    const want = combineShards([runShard(whole)], 0.99);
    expect(got.var).toBe(want.var);
    expect(got.es).toBe(want.es);
    expect(got.mean).toBeCloseTo(want.mean, 9);
    expect(got.std).toBeCloseTo(want.std, 9);
    for (let b = 0; b < 6; b++) {
      const alone = runShard(blockJob(b));
      expect(sums[2 * b]).toBe(alone.sum);
      expect(sums[2 * b + 1]).toBe(alone.sumSq);
    }
  });

  it('a claimer that starts later in the counter jumps its stream forward to the block it claims', () => {
    const all = new Float64Array(12);
    runClaimedRun(whole, undefined, new Int32Array(1), all);
    const late = new Float64Array(12);
    const counter = new Int32Array(1);
    counter[0] = 4; // blocks 0–3 taken by someone else
    const r = runClaimedRun(whole, undefined, counter, late);
    expect(r.paths).toBe(SUBSTREAM_PATHS + 1234);
    expect(Array.from(late.subarray(8))).toEqual(Array.from(all.subarray(8)));
    expect(Array.from(late.subarray(0, 8))).toEqual(new Array(8).fill(0));
    // and its tail holds exactly the worst losses of blocks 4–5
    expect(r.tail.losses).toEqual(
      runShard({ ...whole, pathOffset: 4 * SUBSTREAM_PATHS, paths: SUBSTREAM_PATHS + 1234 }).tail.losses,
    );
  });

  it('the merge checks that the pieces ran the whole run', () => {
    const sums = new Float64Array(12);
    const counter = new Int32Array(1);
    counter[0] = 3;
    const r = runClaimedRun(whole, undefined, counter, sums);
    expect(() => combineClaimedRun([r], sums, TOTAL, 0.99)).toThrow(/ran .* of 21714 paths/);
  });
});
