/**
 * src/core/normal.ts against mpmath at 50 digits (test/fixtures/core/gen_normal.py → normal.json), plus identities
 * checked with fast-check and the boundary validation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { erfc, erfcx, normalCdf, normalPdf, normalQuantile, RiskInputError } from '../../src/core/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = JSON.parse(readFileSync(join(here, '../fixtures/core/normal.json'), 'utf8')) as Record<
  string,
  [number, string][]
>;

const MIN_NORMAL = 2.2250738585072014e-308;
/** |got − want| ≤ tol·max(|want|, smallest normal): relative in the normal range, a few ulps for subnormals. */
function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), MIN_NORMAL);
}

describe('normal distribution vs mpmath (50 digits)', () => {
  const cases: [string, (x: number) => number, number][] = [
    ['cdf', normalCdf, 2e-15],
    ['pdf', normalPdf, 2e-15],
    ['erfc', erfc, 2e-15],
    ['erfcx', erfcx, 2e-15],
    ['quantile', normalQuantile, 1e-15],
  ];
  for (const [name, fn, tol] of cases) {
    it(`${name}: ${fx[name].length} points within ${tol} relative`, () => {
      let worst = 0;
      for (const [x, s] of fx[name]) {
        const want = Number(s);
        const got = fn(x);
        const e = relErr(got, want);
        worst = Math.max(worst, e);
        if (!(e <= tol)) throw new Error(`${name}(${x}) = ${got}, mpmath ${s}, relative error ${e}`);
      }
      expect(worst).toBeLessThanOrEqual(tol);
    });
  }

  it('keeps relative precision in the far lower tail (where 0.5·(1 + erf) would give 0)', () => {
    const at = (x: number) => Number(fx.cdf.find(([v]) => v === x)![1]);
    for (const x of [-10, -20, -30, -37]) expect(relErr(normalCdf(x), at(x))).toBeLessThan(2e-15);
    expect(normalCdf(-38)).toBeGreaterThan(0);
  });
});

describe('identities (fast-check)', () => {
  it('Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -9, max: 9, noNaN: true }),
        (x) => Math.abs(normalCdf(x) + normalCdf(-x) - 1) <= 2.3e-16,
      ),
    );
  });
  it('Φ is non-decreasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -39, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, h) => normalCdf(x + h) >= normalCdf(x),
      ),
    );
  });
  it('Φ(Φ⁻¹(p)) = p to ~1e-15 relative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 0.5, noNaN: true }),
        (p) => relErr(normalCdf(normalQuantile(p)), p) < 5e-14 * Math.max(1, Math.abs(normalQuantile(p))),
      ),
    );
  });
  it('erfc(x) = exp(−x²)·erfcx(x) and erfc(−x) = 2 − erfc(x)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        (x) => Math.abs(erfc(-x) - (2 - erfc(x))) <= 4.5e-16 && relErr(erfc(x), Math.exp(-x * x) * erfcx(x)) < 1e-14,
      ),
    );
  });
});

describe('edges and validation', () => {
  it('infinities and extremes', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-50)).toBe(0);
    expect(normalPdf(Infinity)).toBe(0);
    expect(normalPdf(-45)).toBe(0);
    expect(erfc(30)).toBe(0);
    expect(erfc(-30)).toBe(2);
    expect(erfcx(Infinity)).toBe(0);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(Number.MIN_VALUE)).toBeLessThan(-38);
  });
  it('throws RiskInputError naming the argument', () => {
    expect(() => normalCdf(NaN)).toThrow(RiskInputError);
    expect(() => normalPdf(NaN)).toThrow(/x must be/);
    expect(() => erfc(NaN)).toThrow(RiskInputError);
    expect(() => erfcx(-27)).toThrow(/x must be a number > -26.6/);
    expect(() => normalQuantile(0)).toThrow(/p must be a finite number in \(0, 1\), got 0/);
    expect(() => normalQuantile(1)).toThrow(RiskInputError);
    expect(() => normalQuantile(NaN)).toThrow(RiskInputError);
    expect(() => normalCdf('1' as unknown as number)).toThrow(RiskInputError);
  });
});
