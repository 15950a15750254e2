/** The order-independent float sum behind netting's equity and margins (src/netting/exactSum.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import DecimalJs from 'decimal.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exactSum, FloatSum } from '../../src/netting/exactSum.js';

/** Enough digits to hold any sum of 30 doubles exactly. */
const Decimal = DecimalJs.clone({ precision: 1200 });

const sumOf = (xs: number[]) => {
  const s = new FloatSum();
  for (const x of xs) s.add(x);
  return s;
};

describe('FloatSum', () => {
  it('reads decimal-looking sums as their decimal', () => {
    expect(sumOf([0.1, 0.2]).decimal().toString()).toBe('0.3');
    expect(sumOf([0.1, 0.2, -0.3]).decimal().toString()).toBe('0');
    expect(
      sumOf([1e9, -1e9 + 0.1])
        .decimal()
        .toString(),
    ).toBe('0.1');
    expect(sumOf([60000, -59999.99]).decimal().toString()).toBe('0.01');
  });
  it('is the same under any order, and within Σ|x|·2⁻⁵² of the exact sum of the doubles (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const a = sumOf(xs);
        const b = sumOf([...xs].reverse());
        const c = sumOf([...xs].sort((x, y) => x - y));
        expect(b.decimal().toString()).toBe(a.decimal().toString());
        expect(c.decimal().toString()).toBe(a.decimal().toString());
        expect(b.value()).toBe(a.value());
        const exact = xs.reduce((s, x) => s.plus(new Decimal(x)), new Decimal(0));
        const mag = xs.reduce((s, x) => s + Math.abs(x), 0);
        // each double is read as its shortest decimal (≤ half an ulp away), then the shortest decimal within
        // Σ|x|·2⁻⁵³ is chosen: at most Σ|x|·2⁻⁵² from the exact binary sum
        expect(new Decimal(a.decimal().toString()).minus(exact).abs().toNumber()).toBeLessThanOrEqual(
          mag * 2 ** -52 * 1.0001,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('exactSum', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const fx = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'netting', 'fsum_cases.json'), 'utf8')) as {
    cases: Array<{ terms: string[]; sum: string }>;
  };
  it('is the correctly rounded sum: CPython math.fsum / fractions.Fraction (gen_fsum.py)', () => {
    expect(fx.cases.length).toBe(313);
    for (const c of fx.cases) expect(exactSum(c.terms.map(Number))).toBe(Number(c.sum));
  });
  it('does not depend on the order of the terms, and exact offsets cancel (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e20, max: 1e20, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: -1e20, max: 1e20, noNaN: true }), { maxLength: 5 }),
        (xs, offsets) => {
          const s = exactSum(xs);
          expect(exactSum([...xs].reverse())).toBe(s);
          expect(exactSum([...xs].sort((x, y) => x - y))).toBe(s);
          expect(exactSum([...offsets, ...xs, ...offsets.map((x) => -x)])).toBe(s);
        },
      ),
      { numRuns: 300 },
    );
  });
});
