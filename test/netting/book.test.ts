/** The canonical order of a pool's positions (src/netting/book.ts), including instruments whose hashes collide. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalOrder } from '../../src/netting/book.js';
import type { InstrumentEntry } from '../../src/netting/engine.js';
import { instrumentHash } from '../../src/netting/instrumentHash.js';
import type { Position } from '../../src/core/model.js';

const entry = (code: number, k2: number, k3: number, vol: number | undefined, hash: number): InstrumentEntry => ({
  code,
  k2,
  k3,
  vol,
  hash,
  ra: new Float64Array(0),
  base: 0,
});

describe('canonicalOrder', () => {
  it('hashes depend on the numbers only; 0 and −0 alike, an absent vol apart from every vol', () => {
    expect(instrumentHash(1, 60000, 0.25, 0.5)).toBe(instrumentHash(1, 60000, 0.25, 0.5));
    expect(instrumentHash(1, 0, -0, undefined)).toBe(instrumentHash(1, -0, 0, undefined));
    expect(instrumentHash(1, 60000, 0.25, undefined)).not.toBe(instrumentHash(1, 60000, 0.25, 0));
    expect(instrumentHash(1, 60000, 0.25, undefined)).not.toBe(instrumentHash(2, 60000, 0.25, undefined));
    const h = instrumentHash(19, 61234.5, 0.5, undefined);
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });

  it('gives the same sequence of (instrument, quantity) under any permutation, colliding hashes included (property)', () => {
    // four instruments, two of which share a hash (a forced collision), several positions each
    const es = [
      entry(0, 60000, 0.1, undefined, 7),
      entry(1, 60000, 0.1, undefined, 7),
      entry(16, 59000, 0, undefined, 3),
    ];
    es.push(entry(0, 65000, 0.1, 0.6, 2 ** 32 - 1));
    const item = fc.record({ e: fc.nat(3), q: fc.constantFrom(-2, -1, 0.5, 1, 3) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), fc.func(fc.integer()), (items, key) => {
        const shuffled = items
          .map((x, i) => [key(i), x] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, x]) => x);
        const seq = (xs: typeof items) => {
          const ps = xs.map((x) => ({ kind: 'spot', underlying: 'X', quantity: x.q }) as Position);
          const ents = xs.map((x) => es[x.e]);
          return canonicalOrder(ps, ents).map((i) => [es.indexOf(ents[i]), ps[i].quantity]);
        };
        const a = seq(items);
        expect(seq(shuffled)).toEqual(a);
        // each instrument's positions are adjacent (one lot), in increasing quantity
        for (let i = 1; i < a.length; i++) {
          if (a[i][0] === a[i - 1][0]) expect(a[i][1]).toBeGreaterThanOrEqual(a[i - 1][1]);
          else expect(a.slice(i).some((x) => x[0] === a[i - 1][0])).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
