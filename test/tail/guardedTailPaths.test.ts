/**
 * The paths of the one-pass historical kernel (kernels/guardedTail, behind historicalTail) that its array-type and
 * unrolling choices create, against the plain reference (historicalTailPlain: lossTail on a fresh buffer):
 * plain arrays, Int32Array and Float32Array are copied to a Float64Array before the kernel (bit-identical figures
 * to the Float64Array and plain routes); the pass unrolled by 32 inside 4,096-value blocks, at every remainder;
 * the sampled path's entry conditions (n ≥ 16,384 and a tail of at most n/16) on both sides of each threshold;
 * the full copy (bound +∞) that replaced lossTail's own; ties, ±0, values near the 8.2e149 guard and 1e150
 * rescale, and non-finite values anywhere in the unrolled pass.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { historicalTail } from '../../src/tail/kernels/historicalTail.js';
import { historicalTailPlain } from '../../src/tail/kernels/historicalTailPlain.js';
import { guardedLossTail } from '../../src/tail/kernels/guardedTail.js';
import { lossTail } from '../../src/tail/kernels/lossTail.js';
import { historicalTailRisk } from '../../src/es/index.js';
import { RiskInputError } from '../../src/core/errors.js';
import type { NumericArray } from '../../src/core/validate.js';
import type { QuantileMethod } from '../../src/tail/sample.js';

const METHODS: QuantileMethod[] = ['order-statistic', 'interpolated'];

/** Deterministic generator (mulberry32). */
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

/** Heavy-tailed values (a cubed Cauchy), scaled. */
function heavy(n: number, seed: number, scale = 1000): Float64Array {
  const u = rng(seed);
  return Float64Array.from({ length: n }, () => scale * Math.tan(Math.PI * (u() - 0.5)) ** 3 * 1e-3);
}

/** Both figures bit-identical (Object.is: −0 distinguished) between the kernel and the plain reference. */
function expectSame(pnl: NumericArray, alpha: number, method: QuantileMethod, label = ''): void {
  const a = historicalTail(pnl, alpha, method);
  const b = historicalTailPlain(pnl, alpha, method);
  expect(
    Object.is(a.var, b.var) && Object.is(a.es, b.es),
    `${label} ${method} α=${alpha} n=${pnl.length}: ${a.var}/${a.es} vs ${b.var}/${b.es}`,
  ).toBe(true);
}

/**
 * The selection equals lossTail's: the same kth and the same tail values in the same order. A series the overflow
 * guard flags (some |x| ≥ 8.2e149) is declined, and selected without the guard (the exact route) instead.
 */
function expectSameSelection(x: Float64Array, k: number): void {
  const plain = lossTail(x, k);
  const flagged = x.some((v) => !Number.isFinite(v * 2 ** 526));
  if (flagged) expect(guardedLossTail(x, k)).toBeUndefined();
  const got = guardedLossTail(x, k, flagged ? 0 : undefined);
  expect(got && { kth: got.kth, above: Array.from(got.above) }).toEqual({
    kth: plain.kth,
    above: Array.from(plain.above),
  });
}

describe('guardedTail paths: arrays other than Float64Array', () => {
  it('fast-check: a plain array gives the figures of its Float64Array copy and of the plain kernel, bit for bit', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -50, max: 50 }), // small integers: Smi elements, ties
      fc.constantFrom(0, -0, 5e-324, 1e150, -1e150, 8.2e149, -8.3e149, 1.7976931348623157e308),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        fc.constantFrom(...METHODS),
        (xs, a, method) => {
          const f = historicalTail(Float64Array.from(xs), a, method);
          const p = historicalTail(xs, a, method);
          expect(Object.is(p.var, f.var) && Object.is(p.es, f.es)).toBe(true);
          expectSame(xs, a, method, 'plain array');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('plain arrays, Int32Array and Float32Array through the sampled path (n ≥ 16,384)', () => {
    const f = heavy(20_001, 41);
    const plain = Array.from(f);
    const ints = Int32Array.from(f, (v) => Math.round(v));
    const floats = Float32Array.from(f);
    for (const method of METHODS) {
      for (const a of [0.95, 0.99, 0.999]) {
        const want = historicalTail(f, a, method);
        const got = historicalTail(plain, a, method);
        expect(Object.is(got.var, want.var) && Object.is(got.es, want.es)).toBe(true);
        expectSame(plain, a, method, 'plain');
        expectSame(ints, a, method, 'Int32Array');
        expectSame(floats, a, method, 'Float32Array');
      }
    }
    // the public entry: equal results whichever array type carries the same values
    expect(historicalTailRisk(plain, { confidence: 0.99 })).toEqual(historicalTailRisk(f, { confidence: 0.99 }));
  });

  it('plain-array calls between Float64Array calls change no result (one compiled kernel)', () => {
    const big = heavy(50_000, 43);
    const first = historicalTail(big, 0.99, 'order-statistic');
    for (let i = 0; i < 5; i++) historicalTail(Array.from(big.subarray(0, 300 + i)), 0.99, 'order-statistic');
    expect(historicalTail(big, 0.99, 'order-statistic')).toEqual(first);
  });

  it('a non-finite value in a Float64Array is still refused at its index, after the copy of other arrays', () => {
    for (const at of [0, 31, 32, 4095, 4096, 16_399]) {
      const x = heavy(16_400, at + 1);
      x[at] = Number.NaN;
      expect(() => historicalTail(x, 0.99, 'order-statistic')).toThrow(RiskInputError);
      try {
        historicalTail(x, 0.99, 'order-statistic');
      } catch (e) {
        expect((e as RiskInputError).path).toBe(`pnl[${at}]`);
      }
    }
  });
});

describe('guardedTail paths: the unrolled pass and the sampled-path thresholds', () => {
  it('every remainder of the 32-value unroll and of the 4,096-value blocks, sampled and full paths', () => {
    const lengths = [16_384, 16_385, 16_415, 16_416, 16_417, 16_447, 20_479, 20_480, 20_481, 24_576 + 17];
    for (const len of lengths) {
      const x = heavy(len, len);
      for (const method of METHODS) for (const a of [0.5, 0.95, 0.99]) expectSame(x, a, method, 'remainder');
      for (const k of [1, len - 1023, len - 1024, len]) expectSameSelection(x, k);
    }
    for (let len = 1; len <= 70; len++) {
      const x = heavy(len, 1000 + len);
      for (const method of METHODS) expectSame(x, 0.5, method, 'short');
    }
  });

  it('n and the tail size on both sides of the sampled path’s conditions (n ≥ 16,384, m·16 ≤ n)', () => {
    for (const n of [16_383, 16_384]) {
      const x = heavy(n, n + 7);
      // order statistic k = nα exactly (α = k/n with n a power of two or near it): m = n − k + 1 around n/16
      for (const m of [Math.floor(n / 16) - 1, Math.floor(n / 16), Math.floor(n / 16) + 1]) {
        const k = n - m + 1;
        expectSameSelection(x, k);
        expectSame(x, k / n, 'order-statistic', `m=${m}`);
      }
    }
  });

  it('fast-check: tiled series with ties, ±0 and huge values at random places, sampled path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constantFrom(-0, 0, 0.5, -7.25)), {
          minLength: 1,
          maxLength: 48,
        }),
        fc.integer({ min: 16_384, max: 24_000 }),
        fc.constantFrom(0, 1e150, -1e150, 8.1e149, -8.3e149, 1.7976931348623157e308),
        fc.integer({ min: 0, max: 23_999 }),
        fc.constantFrom(0.95, 0.99, 0.999),
        (block, len, spike, at, a) => {
          const x = Float64Array.from({ length: len }, (_, i) => block[i % block.length]);
          if (spike !== 0) x[at % len] = spike;
          for (const method of METHODS) expectSame(x, a, method, 'tiled');
          expectSameSelection(x, Math.ceil(len * a));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('non-finite values anywhere in the unrolled pass: refused at their index, as by the plain kernel', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const at of [1, 30, 33, 4127, 16_400]) {
        const x = heavy(16_401, at);
        x[at] = bad;
        const paths: string[] = [];
        for (const run of [
          () => historicalTail(x, 0.99, 'order-statistic'),
          () => historicalTailPlain(x, 0.99, 'order-statistic'),
        ]) {
          try {
            run();
          } catch (e) {
            paths.push((e as RiskInputError).path);
          }
        }
        expect(paths).toEqual([`pnl[${at}]`, `pnl[${at}]`]);
      }
    }
  });
});
