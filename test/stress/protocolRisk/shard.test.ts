/**
 * Path sharding of simulateProtocolRisk: every path's numbers are fixed by the seed and its index (substream
 * ⌊p/4096⌋, paths of a block in sequence), so any cut of a run merges into the single run's result bit for bit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RiskInputError } from '../../../src/index.js';
import { RandomStream } from '../../../src/montecarlo/internal.js';
import {
  combineProtocolRiskShards,
  planProtocolRiskShards,
  runProtocolRiskShard,
  simulateProtocolRisk,
} from '../../../src/stress/index.js';
import type { ProtocolRiskShardResult } from '../../../src/stress/index.js';
import { drawMoves } from '../../../src/stress/protocolRisk/gbmPaths.js';
import { validateMarket, validateProtocol } from '../../../src/stress/protocolRisk/inputs.js';
import { PathCursor } from '../../../src/stress/protocolRisk/pathStream.js';
import { market, protocol } from './thinBook.js';

// 9,000 paths: three substream blocks (0–4095, 4096–8191, 8192–8999)
const options = { paths: 9000, steps: 6, dt: 1 / 365, seed: 41, detail: 5, batches: 10 };
const single = simulateProtocolRisk(protocol, market, options);
const one = (from: number, paths: number) =>
  runProtocolRiskShard({ protocol, market, options, pathOffset: from, paths });

describe('path-addressable streams', () => {
  const model = validateProtocol(protocol);
  const pm = validateMarket(market, model);
  const draw = (c: PathCursor, p: number) => {
    const out = [new Array<number>(6).fill(0), new Array<number>(6).fill(0)];
    c.draw(p, out);
    return out;
  };

  it('paths of a block follow one another on the substream; block b starts at substream b (b jumps)', () => {
    const seq = (start: RandomStream, n: number) => {
      const z = new Float64Array(2);
      return Array.from({ length: n }, () => {
        const out = [new Array<number>(6).fill(0), new Array<number>(6).fill(0)];
        drawMoves(start, pm, 1 / 365, out, z);
        return out;
      });
    };
    const c = new PathCursor(41, pm, 1 / 365);
    // the first block is the seed's own stream, as before sharding existed
    const first = seq(RandomStream.fromSeed(41), 3);
    for (let p = 0; p < 3; p++) expect(draw(c, p)).toEqual(first[p]);
    const s2 = RandomStream.fromSeed(41);
    s2.jump();
    s2.jump();
    const third = seq(s2, 2);
    expect(draw(c, 8192)).toEqual(third[0]);
    expect(draw(c, 8193)).toEqual(third[1]);
  });

  it('random access gives the sequential draws (fast-check)', () => {
    const c = new PathCursor(41, pm, 1 / 365);
    const ref = Array.from({ length: 9000 }, (_, p) => (p % 97 === 0 || p % 4096 < 3 || p % 4096 > 4093 ? p : -1))
      .filter((p) => p >= 0)
      .map((p) => [p, draw(c, p)] as const);
    const byPath = new Map(ref);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...byPath.keys()), { minLength: 1, maxLength: 12 }), (ps) => {
        const fresh = new PathCursor(41, pm, 1 / 365);
        for (const p of ps) expect(draw(fresh, p)).toEqual(byPath.get(p));
      }),
      { seed: 20, numRuns: 60 },
    );
  });
});

describe('planProtocolRiskShards / runProtocolRiskShard / combineProtocolRiskShards', () => {
  it('the run has bad debt on some paths (the figures are not trivially equal)', () => {
    expect(single.badDebt.tail[0].es.value).toBeGreaterThan(0);
    expect(single.liquidations.probabilityAny.value).toBeGreaterThan(0.05);
  });

  for (const shards of [1, 2, 3, 7]) {
    it(`${shards} planned shards, through JSON, in any order, merge into the single run bit for bit`, () => {
      const jobs = planProtocolRiskShards(protocol, market, { ...options, shards });
      expect(jobs.length).toBe(shards);
      expect(jobs.reduce((s, j) => s + j.paths, 0)).toBe(9000);
      const results = jobs.map((j) => JSON.parse(JSON.stringify(runProtocolRiskShard(JSON.parse(JSON.stringify(j))))));
      const merged = combineProtocolRiskShards(results.reverse());
      expect(merged).toEqual(single);
      expect(JSON.stringify(merged)).toBe(JSON.stringify(single));
      expect(merged.badDebtByPath.every((x, i) => Object.is(x, single.badDebtByPath[i]))).toBe(true);
    });
  }

  it('any cut, also inside a substream block, gives each path its figures (fast-check)', () => {
    // figures of every path, from one shard over the whole run
    const all = one(0, 9000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8990 }), fc.integer({ min: 1, max: 10 }), (from, n) => {
        const r = one(from, n);
        expect(r.badDebt).toEqual(all.badDebt.slice(from, from + n));
        expect(r.liquidatedNotional).toEqual(all.liquidatedNotional.slice(from, from + n));
        expect(r.byAsset).toEqual(all.byAsset.map((s) => s.slice(from, from + n)));
      }),
      { seed: 21, numRuns: 25 },
    );
  });

  it('detail paths: only the shards holding the first paths carry them; the merge keeps them in order', () => {
    expect(one(0, 3).detail.length).toBe(3);
    expect(one(3, 4).detail.length).toBe(2);
    expect(one(5, 4).detail.length).toBe(0);
    const merged = combineProtocolRiskShards([one(3, 4), one(7, 8993), one(0, 3)]);
    expect(merged.detail).toEqual(single.detail);
  });

  it('a protocol of fewer than 4096 paths: the same figures as a run of its first paths in a larger run', () => {
    const small = simulateProtocolRisk(protocol, market, { ...options, paths: 300, batches: 2 });
    expect(small.badDebtByPath).toEqual(single.badDebtByPath.slice(0, 300));
  });
});

describe('refusals', () => {
  const parts = [one(0, 4000), one(4000, 5000)];
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      return (e as RiskInputError).path;
    }
    throw new Error('did not throw');
  };

  it('shards that miss or overlap paths, or come from different runs', () => {
    expect(err(() => combineProtocolRiskShards([parts[0]]))).toBe('results[0].paths');
    expect(err(() => combineProtocolRiskShards([parts[1]]))).toBe('results[0].pathOffset');
    expect(err(() => combineProtocolRiskShards([parts[0], one(3999, 5001)]))).toBe('results[1].pathOffset');
    const other = runProtocolRiskShard({
      protocol,
      market,
      options: { ...options, seed: 42 },
      pathOffset: 4000,
      paths: 5000,
    });
    expect(err(() => combineProtocolRiskShards([parts[0], other]))).toBe('results[1].seed');
    expect(err(() => combineProtocolRiskShards([]))).toBe('results');
  });

  it('a figure out of range, a series of the wrong length, a misspelt key', () => {
    const bad = (patch: Partial<ProtocolRiskShardResult>) => [parts[0], { ...parts[1], ...patch }];
    const nan = parts[1].badDebt.slice();
    nan[17] = Number.NaN;
    expect(err(() => combineProtocolRiskShards(bad({ badDebt: nan })))).toBe('results[1].badDebt[17]');
    expect(err(() => combineProtocolRiskShards(bad({ fundExhausted: parts[1].fundExhausted.slice(1) })))).toBe(
      'results[1].fundExhausted',
    );
    expect(err(() => combineProtocolRiskShards(bad({ byAsset: [parts[1].byAsset[0]] })))).toBe('results[1].byAsset');
    expect(() => combineProtocolRiskShards([parts[0], { ...parts[1], badDebts: [] } as never])).toThrow(
      /did you mean badDebt/,
    );
  });

  it('jobs: errors name job.…; the range must lie within the run', () => {
    expect(err(() => one(9000, 1))).toBe('job.pathOffset');
    expect(err(() => one(8999, 2))).toBe('job.paths');
    expect(
      err(() => runProtocolRiskShard({ protocol, market, options: { ...options, steps: 0 }, pathOffset: 0, paths: 1 })),
    ).toBe('job.options.steps');
    expect(err(() => planProtocolRiskShards(protocol, market, { ...options, shards: 0 }))).toBe('options.shards');
    expect(() => planProtocolRiskShards(protocol, market, { ...options, shard: 2 } as never)).toThrow(
      /did you mean shards/,
    );
  });
});
