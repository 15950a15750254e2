import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPM1_POLY_LIMIT, expm1Fast, expm1Poly } from '../../src/montecarlo/kernels/expm1.js';

// mpmath at 50 digits, rounded to double (test/fixtures/montecarlo/gen_expm1.py)
const fx = JSON.parse(readFileSync(new URL('../fixtures/montecarlo/expm1.json', import.meta.url), 'utf8')) as {
  points: Array<{ x: number; expm1: number }>;
};

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  return Math.abs(Number(buf.getBigInt64(0) - buf.getBigInt64(8)));
}

describe('expm1 polynomial of the simulation', () => {
  it('is within 1 ulp of mpmath on |x| ≤ 0.5 (grid, tiny, range ends, daily moves)', () => {
    let worst = 0;
    let exact = 0;
    for (const p of fx.points) {
      const d = ulps(expm1Poly(p.x), p.expm1);
      worst = Math.max(worst, d);
      if (d === 0) exact++;
      expect(d).toBeLessThanOrEqual(1);
    }
    console.info(
      `montecarlo: expm1 polynomial vs mpmath: worst ${worst} ulp, ${exact}/${fx.points.length} correctly rounded`,
    );
    // most values are the correctly rounded ones, not merely within an ulp
    expect(exact / fx.points.length).toBeGreaterThan(0.9);
  });

  it('agrees with Math.expm1 to 1 ulp inside the range and equals it outside (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -EXPM1_POLY_LIMIT, max: EXPM1_POLY_LIMIT, noNaN: true }), (x) => {
        expect(ulps(expm1Fast(x), Math.expm1(x))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        if (!(Math.abs(x) <= EXPM1_POLY_LIMIT)) expect(Object.is(expm1Fast(x), Math.expm1(x))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is exact for 0 and tiny arguments (−0 gives +0, unlike Math.expm1: no P&L depends on the sign of zero)', () => {
    expect(Object.is(expm1Fast(0), 0)).toBe(true);
    expect(Object.is(expm1Fast(-0), 0)).toBe(true);
    expect(expm1Fast(5e-324)).toBe(5e-324);
    expect(expm1Fast(-1e-300)).toBe(-1e-300);
  });
});
