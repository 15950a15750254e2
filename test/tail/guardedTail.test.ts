/**
 * The one-pass historical kernel (kernels/guardedTail, behind historicalTail) against its plain reference
 * (historicalTailPlain: a max-|x| scan, then lossTail on a fresh buffer): bit-identical VaR and ES on random and
 * adversarial data, the same refusals of non-finite values, and scratch reuse that never leaks between calls.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { historicalTail } from '../../src/tail/kernels/historicalTail.js';
import { historicalTailPlain } from '../../src/tail/kernels/historicalTailPlain.js';
import { guardedLossTail } from '../../src/tail/kernels/guardedTail.js';
import { lossTail } from '../../src/tail/kernels/lossTail.js';
import { historicalTailRisk } from '../../src/es/index.js';
import { RiskInputError } from '../../src/core/errors.js';
import type { QuantileMethod } from '../../src/tail/sample.js';

const METHODS: QuantileMethod[] = ['order-statistic', 'interpolated'];
const ALPHAS = [0.5, 0.9, 0.95, 0.975, 0.99, 0.999];

/** Object.is on both figures: bit-identical, −0 distinguished. */
function expectSame(pnl: Float64Array, alpha: number, method: QuantileMethod): void {
  const copy = Float64Array.from(pnl);
  const a = historicalTail(pnl, alpha, method);
  const b = historicalTailPlain(pnl, alpha, method);
  expect(
    Object.is(a.var, b.var) && Object.is(a.es, b.es),
    `${method} α=${alpha}: ${a.var}/${a.es} vs ${b.var}/${b.es}`,
  ).toBe(true);
  let same = true; // never mutated
  for (let i = 0; i < pnl.length; i++) same &&= Object.is(pnl[i], copy[i]);
  expect(same).toBe(true);
}

/** Deterministic generator (mulberry32) so the large fixed cases need no fast-check shrinking. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function studentLike(n: number, seed: number, scale = 1000): Float64Array {
  const u = rng(seed);
  return Float64Array.from({ length: n }, () => scale * Math.tan(Math.PI * (u() - 0.5)) ** 3 * 1e-3);
}

describe('guardedTail: bit-identical to the plain kernel', () => {
  const n = 40_000; // above the sampled path's 16,384 threshold
  const u = rng(1);
  const layouts: Record<string, Float64Array> = {
    heavyTail: studentLike(n, 2),
    ties: Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 7) - 3),
    signedZeros: Float64Array.from({ length: n }, (_, i) =>
      i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i % 5 === 0 ? -1 : 1,
    ),
    subnormals: Float64Array.from({ length: n }, () => (u() - 0.5) * 1e-310),
    near1e150: Float64Array.from({ length: n }, () => (u() - 0.3) * 2e150),
    justBelowGuard: Float64Array.from({ length: n }, () => (u() - 0.3) * 8e149),
    oneHugeSpike: Float64Array.from({ length: n }, (_, i) => (i === 12_345 ? -1.7e308 : u() - 0.5)),
    near1e308: Float64Array.from({ length: n }, () => (2 * u() - 1) * 1.7e308),
    maxValues: Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1.7976931348623157e308 : -1.7976931348623157e308)),
    sortedAsc: Float64Array.from({ length: n }, (_, i) => i - n / 2),
    sortedDesc: Float64Array.from({ length: n }, (_, i) => n / 2 - i),
    constant: new Float64Array(n).fill(-3),
    // a tail far wider than the sample predicts: overflows the buffer, falls back in both kernels at the same point
    lateTail: Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? u() : -1e6 - u())),
    spikes: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? -1e6 - i : 1)),
  };
  for (const [name, x] of Object.entries(layouts)) {
    it(`${name}: VaR and ES equal bit for bit, both methods`, () => {
      for (const method of METHODS) for (const a of ALPHAS) expectSame(x, a, method);
    });
  }

  it('tiny and large n, odd lengths (the unrolled pass and its remainder)', () => {
    for (const len of [1, 2, 3, 7, 8, 9, 100, 16_383, 16_384, 16_391, 65_537]) {
      const x = studentLike(len, len);
      for (const method of METHODS) for (const a of [0.5, 0.99]) expectSame(x, a, method);
    }
    const big = studentLike(200_003, 9);
    for (const method of METHODS) expectSame(big, 0.99, method);
  });

  it('fast-check: random series (doubles incl. ±0, subnormals, huge), any α', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.constantFrom(0, -0, 5e-324, -5e-324, 1e150, -1e150, 8.2e149, -8.3e149, 1.7976931348623157e308),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        fc.constantFrom(...METHODS),
        (xs, a, method) => {
          expectSame(Float64Array.from(xs), a, method);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('fast-check: large series through the sampled path (tiled from a random block)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 16_384, max: 40_000 }),
        fc.constantFrom(0.95, 0.99, 0.999),
        (block, len, a) => {
          const shift = rng(len);
          const x = Float64Array.from({ length: len }, (_, i) => block[i % block.length] * (1 + shift()));
          for (const method of METHODS) expectSame(x, a, method);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('the selection itself equals lossTail (kth and the tail, in the same order)', () => {
    for (const x of [studentLike(50_000, 3), studentLike(500, 4)]) {
      for (const k of [1, 250, x.length - 400, x.length]) {
        const plain = lossTail(x, k);
        const want = { kth: plain.kth, above: Array.from(plain.above) };
        const got = guardedLossTail(x, k);
        expect(got && { kth: got.kth, above: Array.from(got.above) }).toEqual(want);
      }
    }
  });
});

describe('guardedTail without the overflow guard (guard 0): the exact route of finite flagged series', () => {
  it('equals lossTail on series the guard flags, both paths (sampled and full copy)', () => {
    const u = rng(31);
    const flagged = [
      Float64Array.from({ length: 40_000 }, () => (u() - 0.3) * 8e149),
      Float64Array.from({ length: 40_000 }, (_, i) => (i % 101 === 0 ? -9e149 : u() - 0.5)),
      Float64Array.from({ length: 900 }, () => (u() - 0.6) * 1e150),
    ];
    for (const x of flagged) {
      for (const k of [1, Math.ceil(x.length * 0.99), x.length]) {
        expect(guardedLossTail(x, Math.ceil(x.length * 0.99))).toBeUndefined();
        const plain = lossTail(x, k);
        const got = guardedLossTail(x, k, 0);
        expect(got && { kth: got.kth, above: Array.from(got.above) }).toEqual({
          kth: plain.kth,
          above: Array.from(plain.above),
        });
      }
    }
  });

  it('still declines a non-finite value', () => {
    const x = studentLike(40_000, 33);
    x[5] = NaN;
    expect(guardedLossTail(x, 39_600, 0)).toBeUndefined();
    expect(guardedLossTail(x.subarray(0, 1000), 990, 0)).toBeUndefined();
  });
});

describe('guardedTail: refusals and the overflow guard', () => {
  it('NaN and ±Infinity anywhere are refused as before: RiskInputError at pnl[i]', () => {
    for (const len of [50, 40_000]) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        for (const at of [0, 17, len - 1]) {
          const x = studentLike(len, at + 5);
          x[at] = bad;
          for (const method of METHODS) {
            let caught: unknown;
            try {
              historicalTail(x, 0.95, method);
            } catch (e) {
              caught = e;
            }
            expect(caught).toBeInstanceOf(RiskInputError);
            expect((caught as RiskInputError).path).toBe(`pnl[${at}]`);
          }
          if (len >= 100) expect(() => historicalTailRisk(x, { confidence: 0.99 })).toThrow(`pnl[${at}]`);
        }
      }
    }
  });

  it('the guard flags every |x| beyond 1e150 and nothing of ordinary size', () => {
    const x = studentLike(40_000, 11);
    expect(guardedLossTail(x, 39_600)).toBeDefined();
    for (const v of [1.0000000000000002e150, -1e151, 1.7976931348623157e308, 8.3e149]) {
      const y = Float64Array.from(x);
      y[777] = v;
      expect(guardedLossTail(y, 39_600)).toBeUndefined();
      expect(guardedLossTail(y.subarray(0, 1000), 990)).toBeUndefined(); // the full-copy path too
    }
  });

  it('scratch reuse: a call never sees a previous call’s values', () => {
    const big = studentLike(200_000, 21);
    const small = studentLike(20_000, 22);
    const first = historicalTail(small, 0.99, 'order-statistic');
    historicalTail(big, 0.99, 'order-statistic');
    historicalTail(big, 0.5, 'interpolated'); // full-copy path, largest scratch
    expect(historicalTail(small, 0.99, 'order-statistic')).toEqual(first);
    expect(historicalTail(small, 0.99, 'order-statistic')).toEqual(historicalTailPlain(small, 0.99, 'order-statistic'));
  });
});
