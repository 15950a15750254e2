/**
 * The integer and rational arithmetic of dYdX v4 (`protocol/lib/big_math.go`, `protocol/lib/quantums.go`) on
 * bigints, with Go's rounding: `big.Int.Quo` truncates toward zero (JS `/`), `big.Int.Div` is Euclidean (floor for a
 * positive divisor), `BigDivCeil` rounds toward +∞. Internal to `src/perps/dydx`.
 */

/** 10⁶: 100% in parts per million. */
export const ONE_MILLION = 1_000_000n;
/** Quote (USDC) atomic resolution: one quote quantum is 10⁻⁶ USDC. */
export const QUOTE_ATOMIC_RESOLUTION = -6;

/** Go `big.Int.Quo`: truncated toward zero. */
export const quo = (a: bigint, b: bigint): bigint => a / b;

/** Go `big.Int.Div` (Euclidean): for b > 0 the floor of a / b. */
export function divEuclid(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  if (r < 0n) return b > 0n ? q - 1n : q + 1n;
  return q;
}

/** `lib.BigDivCeil`: the ceiling of a / b. */
export function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  return r !== 0n && a < 0n === b < 0n ? q + 1n : q;
}

/** `lib.BigMulPpm(v, ppm, roundUp)`: v·ppm / 10⁶, ceiling or Euclidean floor. */
export const mulPpm = (v: bigint, ppm: bigint, roundUp: 'up' | 'down'): bigint =>
  roundUp === 'up' ? divCeil(v * ppm, ONE_MILLION) : divEuclid(v * ppm, ONE_MILLION);

const POW10: bigint[] = [];

/** 10^|e| as a bigint (powers up to 10¹²⁸ kept after first use). */
export function pow10(e: number): bigint {
  const k = Math.abs(e);
  if (k > 128) return 10n ** BigInt(k);
  let v = POW10[k];
  if (v === undefined) {
    v = 10n ** BigInt(k);
    POW10[k] = v;
  }
  return v;
}

/** `lib.BaseToQuoteQuantums`: base · price · 10^(priceExp + atomicRes + 6), truncated toward zero. */
export function baseToQuote(base: bigint, atomicResolution: number, price: bigint, priceExponent: number): bigint {
  const n = price * base;
  const e = priceExponent + atomicResolution - QUOTE_ATOMIC_RESOLUTION;
  if (e === 0) return n;
  return e < 0 ? n / pow10(e) : n * pow10(e);
}

/** `lib.QuoteToBaseQuantums`: quote / 10^(priceExp + atomicRes + 6) / price, each step truncated toward zero. */
export function quoteToBase(quote: bigint, atomicResolution: number, price: bigint, priceExponent: number): bigint {
  const e = priceExponent + atomicResolution - QUOTE_ATOMIC_RESOLUTION;
  const r = e < 0 ? quote * pow10(e) : quote / pow10(e);
  return r / price;
}

/** A reduced fraction with a positive denominator (Go's `big.Rat`). */
export interface DydxRational {
  /** Numerator (sign of the value). */
  readonly numerator: bigint;
  /** Denominator, always > 0. */
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The reduced fraction n / d (d ≠ 0). */
export function rat(n: bigint, d: bigint): DydxRational {
  const s = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { numerator: (s * n) / g, denominator: (s * d) / g };
}
export const ratSub = (a: DydxRational, b: DydxRational): DydxRational =>
  rat(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
export const ratMul = (a: DydxRational, b: DydxRational): DydxRational =>
  rat(a.numerator * b.numerator, a.denominator * b.denominator);
export const ratCmp = (a: DydxRational, b: DydxRational): number => {
  const d = a.numerator * b.denominator - b.numerator * a.denominator;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** `lib.BigRatClamp`. */
export const ratClamp = (n: DydxRational, lo: DydxRational, hi: DydxRational): DydxRational =>
  ratCmp(n, lo) < 0 ? lo : ratCmp(n, hi) > 0 ? hi : n;
/** `lib.BigRatRound`: floor, or ceiling when `up`. */
export function ratRound(n: DydxRational, dir: 'up' | 'down'): bigint {
  const q = divEuclid(n.numerator, n.denominator);
  return dir === 'up' && q * n.denominator !== n.numerator ? q + 1n : q;
}
export const bigMin = (a: bigint, b: bigint): bigint => (a > b ? b : a);
export const bigMax = (a: bigint, b: bigint): bigint => (a > b ? a : b);
export const bigAbs = (a: bigint): bigint => (a < 0n ? -a : a);
/** `lib.BigIntClamp` (lower bound wins when the bounds cross, as in Go). */
export const bigClamp = (n: bigint, lo: bigint, hi: bigint): bigint => (n < lo ? lo : n > hi ? hi : n);
