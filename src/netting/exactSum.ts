/**
 * Sums that do not depend on the order of their terms. A {@link FloatSum} keeps the float sum and its rounding
 * error (Knuth's two-sum): its value is the sum of the terms to within about n·2⁻¹⁰⁶·Σ|term| before the one final
 * rounding, so reordering the terms leaves the result unchanged (short of a tie that close). Its
 * {@link FloatSum.decimal} is money: the shortest decimal within the terms' own float rounding of that exact sum,
 * so the positions worth 0.1 and 0.2 sum to exactly 0.3 (the float sum is 0.30000000000000004). Internal.
 */
import { Money } from '../core/money.js';

/** Half an ulp relative to the magnitude: every double x is within |x|·2⁻⁵³ of the decimal it was rounded from. */
const HALF_ULP = 2 ** -53;

/** An order-independent float accumulator (see the module doc). */
export class FloatSum {
  private hi = 0;
  private lo = 0;
  private mag = 0;

  /** Add one term. */
  add(x: number): void {
    const s = this.hi + x;
    const bp = s - this.hi;
    this.lo += (this.hi - (s - bp)) + (x - bp);
    this.hi = s;
    this.mag += Math.abs(x);
  }

  /** The sum, rounded once. */
  value(): number {
    const v = this.hi + this.lo;
    return v === 0 ? 0 : v;
  }

  /**
   * The sum as money: the shortest decimal within Σ|term|·2⁻⁵³ of the exact sum of the terms (each term is a float
   * within half an ulp of the decimal amount it stands for), at most 17 significant digits.
   */
  decimal(): Money {
    const exact = new Money(this.hi).plus(this.lo);
    if (exact.isZero()) return new Money(0);
    const bound = new Money(this.mag * HALF_ULP);
    const lo = exact.minus(bound);
    const hi = exact.plus(bound);
    for (let p = 1; p < 17; p++) {
      const r = exact.toSignificantDigits(p);
      if (r.gte(lo) && r.lte(hi)) return r;
    }
    return exact.toSignificantDigits(17);
  }
}

/** Add `x` to the two-sum accumulator `(hi[k], lo[k])` (the Float64Array form of {@link FloatSum}, for scenario arrays). */
export function addInto(hi: Float64Array, lo: Float64Array, k: number, x: number): void {
  const a = hi[k];
  const s = a + x;
  const bp = s - a;
  lo[k] += (a - (s - bp)) + (x - bp);
  hi[k] = s;
}
