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
  /** Σ|term| (read by {@link floatSumMagnitude}). */
  mag = 0;

  /** Add one term. */
  add(x: number): void {
    const s = this.hi + x;
    const bp = s - this.hi;
    this.lo += this.hi - (s - bp) + (x - bp);
    this.hi = s;
    this.mag += Math.abs(x);
  }

  /** The sum, rounded once. */
  value(): number {
    const v = this.hi + this.lo;
    return v === 0 ? 0 : v;
  }

  /**
   * The sum as money: the shortest decimal within Σ|term|·2⁻⁵³ of the sum (each term is a float within half an ulp
   * of the decimal amount it stands for), at most 17 significant digits; 0 when 0 is that close. The sum is read
   * as its rounded value (at its shortest decimal) plus the rounding error, so the result is within Σ|term|·2⁻⁵² of the exact binary sum.
   */
  decimal(): Money {
    // the canonical split: s = the sum rounded once (the same in any order), e = what rounding left (Fast2Sum)
    const s = this.hi + this.lo;
    const e = this.lo - (s - this.hi);
    const exact = new Money(s).plus(e);
    if (exact.isZero()) return new Money(0);
    const bound = new Money(this.mag * HALF_ULP);
    if (exact.abs().lte(bound)) return new Money(0);
    const within = (p: number): Money | null => {
      const r = exact.toSignificantDigits(p);
      return r.minus(exact).abs().lte(bound) ? r : null;
    };
    // 17 digits are always within (bound ≥ |sum|·2⁻⁵³); and if p digits are within, so are p + 1 (the p-digit
    // rounding is a multiple of the finer unit too): bisect for the fewest
    let lo = 1;
    let hi = 17;
    let best = within(hi) ?? exact.toSignificantDigits(hi);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = within(mid);
      if (r) {
        best = r;
        hi = mid;
      } else lo = mid + 1;
    }
    return best;
  }
}

/** Add `x` to the two-sum accumulator `(hi[k], lo[k])` (the Float64Array form of {@link FloatSum}, for scenario arrays). */
export function addInto(hi: Float64Array, lo: Float64Array, k: number, x: number): void {
  const a = hi[k];
  const s = a + x;
  const bp = s - a;
  lo[k] += a - (s - bp) + (x - bp);
  hi[k] = s;
}

/**
 * The sum of `xs` correctly rounded: the exact sum of the doubles rounded once to the nearest double (ties to even),
 * so it depends only on the multiset of terms, never on their order, and x + (−x) terms cancel exactly. Shewchuk's
 * non-overlapping partials (the algorithm of Python's `math.fsum`); the terms must be finite and their partial sums
 * below the overflow threshold (the margin engine's notionals are at most 1e200). Internal.
 */
export function exactSum(xs: readonly number[]): number {
  if (xs.length === 1) return xs[0] === 0 ? 0 : xs[0];
  const partials: number[] = [];
  for (let x of xs) {
    let n = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[n++] = lo;
      x = hi;
    }
    partials.length = n;
    partials.push(x);
  }
  // the partials are non-overlapping and increasing in magnitude: add from the top until a rounding error appears
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // half-way case: the partials below decide the direction of the rounding (round half to even made exact)
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi === 0 ? 0 : hi;
}

/** Σ|term| of a {@link FloatSum}, the scale of its rounding error (a function, not a method, so bundles that never
 * call it drop it). */
export function floatSumMagnitude(s: FloatSum): number {
  return s.mag;
}
