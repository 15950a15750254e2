/**
 * The batch kernels' own exp, log and normal CDF (src/greeks/kernels/fastMath.ts): exp/log against V8's Math.exp/Math.log
 * (an independent fdlibm port) in units in the last place, with the edges (underflow, overflow, subnormals, NaN);
 * the CDF against the mpmath table of test/fixtures/core/normal.json and against the core Phi.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cdfInto, expInPlace, logInPlace } from '../../src/greeks/kernels/fastMath.js';
import { Phi } from '../../src/core/normal.js';

/** Distance in units in the last place between two doubles of the same sign (0 when both are equal). */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  return Number(buf.getBigInt64(0) - buf.getBigInt64(8)) * (a < 0 ? -1 : 1) * (a < 0 !== b < 0 ? NaN : 1);
}

const exp1 = (x: number) => {
  const a = Float64Array.of(x);
  expInPlace(a, 1);
  return a[0];
};
const log1 = (x: number) => {
  const a = Float64Array.of(x);
  logInPlace(a, 1);
  return a[0];
};

describe('expInPlace', () => {
  it('is within 1 ulp of Math.exp over the whole normal range and many magnitudes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -708, max: 709, noNaN: true }),
          fc.double({ min: -1, max: 1, noNaN: true }),
          fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
        ),
        (x) => {
          expect(Math.abs(ulps(exp1(x), Math.exp(x)))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 20000 },
    );
  });
  it('edges: 1 at 0, subnormal results rounded once, 0 and Infinity beyond the range, NaN kept', () => {
    expect(exp1(0)).toBe(1);
    expect(exp1(-0)).toBe(1);
    for (const x of [-709, -720, -740, -745])
      expect(Math.abs(exp1(x) - Math.exp(x))).toBeLessThanOrEqual(Number.MIN_VALUE);
    expect(exp1(-746)).toBe(0);
    expect(exp1(-1e300)).toBe(0);
    expect(exp1(-Infinity)).toBe(0);
    expect(exp1(709.78)).toBe(Math.exp(709.78));
    expect(exp1(709.8)).toBe(Infinity);
    expect(exp1(Infinity)).toBe(Infinity);
    expect(exp1(NaN)).toBeNaN();
  });
  it('transforms exactly the first m elements', () => {
    const a = Float64Array.of(1, 2, 3);
    expInPlace(a, 2);
    expect(a[2]).toBe(3);
  });
});

describe('logInPlace', () => {
  it('is within 1 ulp of Math.log for positive normal doubles', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 2.3e-308, max: 1.7e308, noNaN: true }),
          fc.double({ min: 0.5, max: 2, noNaN: true }),
          fc.double({ min: 1 - 1e-9, max: 1 + 1e-9, noNaN: true }),
        ),
        (x) => {
          expect(Math.abs(ulps(log1(x), Math.log(x)))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 20000 },
    );
  });
  it('exact where the value is: log 1 = 0, log 2^k = k·ln 2; and the special values', () => {
    expect(log1(1)).toBe(0);
    for (const k of [-1022, -30, -1, 1, 2, 10, 1023])
      expect(Math.abs(ulps(log1(2 ** k), k * Math.LN2))).toBeLessThanOrEqual(1);
    expect(log1(5e-324)).toBe(Math.log(5e-324));
    expect(log1(0)).toBe(-Infinity);
    expect(log1(Infinity)).toBe(Infinity);
    expect(log1(-1)).toBeNaN();
    expect(log1(NaN)).toBeNaN();
  });
});

interface NormalFixture {
  cdf: Array<[number, string]>;
  pdf: Array<[number, string]>;
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/core/normal.json', import.meta.url), 'utf8'),
) as NormalFixture;

describe('cdfInto', () => {
  const cdfOf = (xs: number[], es: number[], signs?: number[]) => {
    const m = xs.length;
    const out = new Float64Array(m);
    cdfInto(out, Float64Array.from(signs ?? xs.map(() => 1)), Float64Array.from(xs), Float64Array.from(es), m);
    return out;
  };
  it('matches mpmath Φ(x) to 1e-14 relative over the whole table (lower tail at full relative precision)', () => {
    const pdf = new Map(fixture.pdf.map(([x, v]) => [x, Number(v)]));
    const rows = fixture.cdf.filter(([x]) => pdf.has(x) && Number(pdf.get(x)) > 1e-300);
    expect(rows.length).toBeGreaterThan(50);
    // e = exp(−x²/2) = √(2π)·φ(x) from the mpmath density (one rounding), so that only cdfInto is under test
    const out = cdfOf(
      rows.map(([x]) => x),
      rows.map(([x]) => Math.sqrt(2 * Math.PI) * (pdf.get(x) as number)),
    );
    rows.forEach(([x, v], i) => {
      const ref = Number(v);
      expect(Math.abs(out[i] - ref), `x = ${x}`).toBeLessThanOrEqual(1e-14 * ref);
    });
  });
  it('w = −1 gives Φ(−d), and every branch agrees with the core Phi', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 64 }),
        fc.boolean(),
        (ds, put) => {
          const w = put ? -1 : 1;
          const out = cdfOf(
            ds,
            ds.map((d) => Math.exp(-0.5 * d * d)),
            ds.map(() => w),
          );
          ds.forEach((d, i) => {
            const ref = Phi(w * d);
            // exp(−d²/2) from Math.exp carries ≈ d²/2 ulps of the rounded argument: allowed for
            expect(Math.abs(out[i] - ref)).toBeLessThanOrEqual((4e-16 + 2e-16 * d * d) * ref + 1e-300);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
