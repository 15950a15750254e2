/**
 * Routing and recovery planning of the partitioned engines: the account hash is 32-bit FNV-1a (test vectors of the
 * FNV reference, http://www.isthe.com/chongo/tech/comp/fnv/: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" →
 * 0xbf9cf968), events route to their account's partition or to all; the recovery plan completes a broadcast a
 * crash left in some partitions' logs only and counts accepted events from the latest snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoveryPlan } from '../../packages/distributed/src/partition/merge.js';
import { compareAt, partitionOf, routeOf } from '../../packages/distributed/src/partition/route.js';

describe('partition routing', () => {
  it('FNV-1a 32-bit reference vectors', () => {
    expect(partitionOf('', 2 ** 32)).toBe(0x811c9dc5);
    expect(partitionOf('a', 2 ** 32)).toBe(0xe40c292c);
    expect(partitionOf('foobar', 2 ** 32)).toBe(0xbf9cf968);
  });
  it('a partition in range, the same for the same id; events routed by type', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (id, n) => {
        const p = partitionOf(id, n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
        expect(partitionOf(id, n)).toBe(p);
        expect(routeOf({ type: 'fill', account: id }, n)).toBe(p);
        expect(routeOf({ type: 'tick', underlying: id }, n)).toBe('all');
      }),
      { seed: 19, numRuns: 300 },
    );
    expect(routeOf(null, 3)).toBe(0);
    expect(routeOf({ type: 'deposit', account: 7 }, 3)).toBe(0);
  });
  it('1,000,000 bench ids spread evenly over 2 and 3 partitions (within 1%)', () => {
    for (const n of [2, 3]) {
      const count = new Array(n).fill(0);
      for (let i = 0; i < 1_000_000; i++) count[partitionOf(`acc${i}`, n)]++;
      for (const c of count) expect(Math.abs(c - 1_000_000 / n)).toBeLessThan(10_000);
    }
  });
  it('stream positions order by milliseconds, then sequence', () => {
    expect(compareAt('1-5', '1-10')).toBeLessThan(0);
    expect(compareAt('2-0', '1-10')).toBeGreaterThan(0);
    expect(compareAt('0-7', '0-7')).toBe(0);
  });
});

describe('recovery plan', () => {
  it('completes a tick logged by one partition only; counts events after the latest snapshot', () => {
    const tick = { type: 'tick', underlying: 'BTC', price: 1 };
    const plan = recoveryPlan([
      { snapN: 4, snapG: 3, logged: [5, 7, 9], broadcasts: [{ at: '0-9', record: tick }] },
      { snapN: 4, snapG: 3, logged: [6, 7], broadcasts: [] },
      { snapN: 2, snapG: 2, logged: [3, 7], broadcasts: [] },
    ]);
    expect(plan.submitted).toBe(9);
    // events 5, 6, 7, 9 after the snapshot at 4 (3 accepted up to it)
    expect(plan.seq).toBe(7);
    expect(plan.missing).toEqual([[], [{ n: 9, record: tick }], [{ n: 9, record: tick }]]);
    expect(recoveryPlan([{ snapN: 0, snapG: 0, logged: [], broadcasts: [] }])).toEqual({
      missing: [[]],
      submitted: 0,
      seq: 0,
    });
  });
});
