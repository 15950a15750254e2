/**
 * Exact sums of a prepared account's per-position figures as scaled bigints, so a pre-trade check can replace one
 * position's term without adding the others again. Sound only where the `Money` sums are exact: every term is an
 * integer at the series' scale, and the sum of the terms' magnitudes stays below 10^60 at that scale, so every
 * partial sum, in any order, has at most 60 significant digits and `Money` (60 digits) rounds none of them. Outside
 * that bound the caller adds the terms as `Money`.
 */
import { Money } from '../../core/money.js';

/** Integers below this magnitude have at most 60 significant digits (Money's precision). */
const EXACT_LIMIT = 10n ** 60n;

/** A series of terms (0 where a position has none) at a common scale, with their sum and magnitude sum. */
export interface ScaledSeries {
  readonly scale: number;
  readonly values: readonly bigint[];
  readonly sum: bigint;
  readonly abs: bigint;
}

const magnitude = (n: bigint) => (n < 0n ? -n : n);

/** Kernel: `value` × 10^scale as an integer (the caller guarantees at most `scale` decimal places). */
export function toScaled(value: Money, scale: number): bigint {
  const text = value.toFixed(scale);
  return BigInt(scale === 0 ? text : text.replace('.', ''));
}

/** Kernel: n / 10^scale as Money (exact). */
export function fromScaled(n: bigint, scale: number): Money {
  if (scale === 0) return new Money(n.toString());
  const digits = magnitude(n)
    .toString()
    .padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return new Money(`${n < 0n ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

/** Kernel: the series of `terms` (null: no term) at the largest scale any term needs. */
export function scaledSeries(terms: readonly (Money | null)[]): ScaledSeries {
  let scale = 0;
  for (const t of terms) if (t !== null) scale = Math.max(scale, t.decimalPlaces());
  const values = terms.map((t) => (t === null ? 0n : toScaled(t, scale)));
  let sum = 0n;
  let abs = 0n;
  for (const v of values) {
    sum += v;
    abs += magnitude(v);
  }
  return { scale, values, sum, abs };
}

/**
 * Kernel: the exact sum of the series with the term at `at` (if any) replaced by `added` (null: none), or undefined
 * when the new terms' magnitudes reach 10^60 at their common scale (a `Money` sum of them might be rounded).
 */
export function replacedSum(s: ScaledSeries, at: number | undefined, added: Money | null): Money | undefined {
  let scale = s.scale;
  let sum = s.sum;
  let abs = s.abs;
  let old = at === undefined ? 0n : s.values[at];
  let n = 0n;
  if (added !== null) {
    const places = added.decimalPlaces();
    if (places > scale) {
      const k = 10n ** BigInt(places - scale);
      sum *= k;
      abs *= k;
      old *= k;
      scale = places;
    }
    n = toScaled(added, scale);
  }
  sum = sum - old + n;
  abs = abs - magnitude(old) + magnitude(n);
  return abs < EXACT_LIMIT ? fromScaled(sum, scale) : undefined;
}
