/**
 * Money arithmetic reproduced on scaled integers: a value is n × 10^−s (n a bigint, s any integer), and every
 * operation gives the exact result rounded as `Money` rounds it (60 significant digits, half to even), so a chain of
 * these operations gives the value the same chain of `Money` operations gives, without building a `Money`.
 */
import { Money } from '../../core/money.js';
import { fromScaled } from './scaledSum.js';

/** n × 10^−s. */
export interface Scaled {
  readonly n: bigint;
  readonly s: number;
}

/** Money's operations on a scaled form T (the figures of a check are computed through this). */
export interface Arith<T> {
  readonly zero: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  abs(a: T): T;
  /** a / k for a positive integer k. */
  div(a: T, k: number): T;
  /** Sign of a − b. */
  cmp(a: T, b: T): number;
  isNeg(a: T): boolean;
  toMoney(a: T): Money;
  fromMoney(m: Money): T;
}

/** Money's precision (significant digits). */
const PRECISION = 60;
/** Integers below this magnitude have at most 60 digits and are not rounded. */
const LIMIT = 10n ** BigInt(PRECISION);
const POW10: bigint[] = [1n];
for (let k = 1; k <= 160; k++) POW10.push(POW10[k - 1] * 10n);

/** 10^k as a bigint (k ≥ 0). */
export const pow10 = (k: number): bigint => (k < POW10.length ? POW10[k] : 10n ** BigInt(k));

export const ZERO_SCALED: Scaled = { n: 0n, s: 0 };

const digitsOf = (n: bigint): number => (n < 0n ? -n : n).toString().length;

/**
 * Kernel: n × 10^−s rounded to 60 significant digits, half to even; `sticky`: the exact value lies strictly beyond
 * n (away from zero) by less than one unit of n's last place.
 */
function round(n: bigint, s: number, sticky: boolean): Scaled {
  if (n < LIMIT && n > -LIMIT && !sticky) return { n, s };
  const drop = digitsOf(n) - PRECISION;
  if (drop <= 0) return { n, s }; // a sticky remainder below the 60th digit's unit is only rounded off then
  const d = pow10(drop);
  let q = n / d;
  const r = n < 0n ? -(n % d) : n % d;
  const twice = 2n * r;
  const up = twice > d || (twice === d && (sticky || q % 2n !== 0n));
  if (up) q += n < 0n ? -1n : 1n;
  return { n: q, s: s - drop };
}

/** a + b as Money adds. */
export function addScaled(a: Scaled, b: Scaled): Scaled {
  if (a.s === b.s) return round(a.n + b.n, a.s, false);
  return a.s > b.s ? round(a.n + b.n * pow10(a.s - b.s), a.s, false) : round(a.n * pow10(b.s - a.s) + b.n, b.s, false);
}

/** a − b as Money subtracts. */
export const subScaled = (a: Scaled, b: Scaled): Scaled => addScaled(a, { n: -b.n, s: b.s });

/** a × b as Money multiplies. */
export const mulScaled = (a: Scaled, b: Scaled): Scaled => round(a.n * b.n, a.s + b.s, false);

/** |a|. */
export const absScaled = (a: Scaled): Scaled => (a.n < 0n ? { n: -a.n, s: a.s } : a);

/** a / k for a positive integer k, as Money divides (the exact quotient rounded once). */
export function divScaled(a: Scaled, k: number): Scaled {
  if (a.n === 0n || k === 1) return round(a.n, a.s, false);
  const kk = BigInt(k);
  // scale up so the integer quotient has at least 61 digits; the remainder decides ties and beyond
  const up = Math.max(0, PRECISION + 1 + String(k).length - digitsOf(a.n));
  const m = a.n * pow10(up);
  const q = m / kk;
  const sticky = m % kk !== 0n;
  return round(q, a.s + up, sticky);
}

/** Sign of a − b. */
export function cmpScaled(a: Scaled, b: Scaled): number {
  const x = a.s >= b.s ? a.n : a.n * pow10(b.s - a.s);
  const y = b.s >= a.s ? b.n : b.n * pow10(a.s - b.s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The Money value of a scaled number (exact). */
export function scaledToMoney(a: Scaled): Money {
  return a.s >= 0 ? fromScaled(a.n, a.s) : new Money((a.n * pow10(-a.s)).toString());
}

/** The scaled form of a Money value (exact). */
export function moneyToScaled(m: Money): Scaled {
  const s = m.decimalPlaces();
  const text = m.toFixed(s);
  return { n: BigInt(s === 0 ? text : text.replace('.', '')), s };
}

/** The bigint arithmetic (any value). */
export const BIG_ARITH: Arith<Scaled> = {
  zero: ZERO_SCALED,
  add: addScaled,
  sub: subScaled,
  mul: mulScaled,
  abs: absScaled,
  div: divScaled,
  cmp: cmpScaled,
  isNeg: (a) => a.n < 0n,
  toMoney: scaledToMoney,
  fromMoney: moneyToScaled,
};
