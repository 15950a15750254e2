/**
 * The cash of a spot or option fill, `−quantity × price` in base units of `10^−decimals` rounded down, as the
 * decimal arithmetic makes it (each number read as its shortest round-trip decimal), in integers when both numbers
 * are short decimals, so the common fill builds no Decimal. Internal.
 */
import { Money } from '../core/money.js';

/** Powers of ten 10^0…10^22 (exact doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** The same as bigint. */
const POW10N = Array.from({ length: 40 }, (_, k) => 10n ** BigInt(k));
/** Below this the digits of a decimal are unique among its double's neighbours (≤ 15 significant digits). */
const DIGITS_MAX = 1e15;

/** The digits `m` and places `k` found by {@link shortDecimal}. */
const MK = new Float64Array(2);

/**
 * Find the fewest decimal places `k` (≤ 15) with an integer `m`, |m| < 10^15, such that `m / 10^k` rounds to `x`
 * (into `MK`): then `m × 10^−k` is the shortest round-trip decimal of `x` (two such decimals at `k` places would
 * lie closer than `x`'s rounding interval allows). False when `x` has no such form.
 */
function shortDecimal(x: number): boolean {
  for (let k = 0; k <= 15; k++) {
    const t = x * POW10[k];
    if (!(Math.abs(t) < DIGITS_MAX)) return false;
    const m = Math.round(t);
    if (m / POW10[k] === x) {
      MK[0] = m;
      MK[1] = k;
      return true;
    }
  }
  return false;
}

/** `−quantity × price` in base units (`scale` = 10^decimals as Money, `decimals` ≤ 12), rounded down. */
export function premiumUnits(quantity: number, price: number, scale: Money): bigint {
  if (shortDecimal(quantity)) {
    const mq = MK[0];
    const kq = MK[1];
    if (shortDecimal(price)) {
      // −(mq·mp)·10^decimals / 10^(kq+kp), floored
      const num = -(BigInt(mq) * BigInt(MK[0])) * POW10N[scale.e];
      const den = POW10N[kq + MK[1]];
      const q = num / den;
      return q * den > num ? q - 1n : q;
    }
  }
  return BigInt(new Money(quantity).mul(price).neg().mul(scale).floor().toFixed(0));
}
