/**
 * Money arithmetic on safe integers: a value is n × 10^−s with n a safe integer (|n| < 2^53). Each operation is
 * exact and its result has at most 16 digits, so `Money` (60 digits) rounds none of them and the result is the value
 * `Money` gives. An operation whose exact result is not such a value (a safe integer at some scale, for a division a
 * terminating quotient) throws `UNSAFE`, and the caller computes on bigints instead (scaledDecimal.ts).
 */
import { Money } from '../../core/money.js';
import type { Arith } from './scaledDecimal.js';

/** n × 10^−s with n a safe integer. */
export interface SafeScaled {
  readonly n: number;
  readonly s: number;
}

/** Thrown by an operation whose exact result is not a safe scaled integer. */
export const UNSAFE = new Error('outside the safe-integer range');

const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** n × 10^k, exact, or UNSAFE. */
function up(n: number, k: number): number {
  if (k >= P10.length) throw UNSAFE;
  const r = n * P10[k];
  if (!Number.isSafeInteger(r)) throw UNSAFE;
  return r;
}

function add(a: SafeScaled, b: SafeScaled): SafeScaled {
  const s = a.s > b.s ? a.s : b.s;
  const n = (a.s === s ? a.n : up(a.n, s - a.s)) + (b.s === s ? b.n : up(b.n, s - b.s));
  if (!Number.isSafeInteger(n)) throw UNSAFE;
  return { n, s };
}

function mul(a: SafeScaled, b: SafeScaled): SafeScaled {
  const n = a.n * b.n;
  if (!Number.isSafeInteger(n)) throw UNSAFE;
  return { n: n === 0 ? 0 : n, s: a.s + b.s };
}

/** a / k (k a positive integer) when the quotient terminates as a safe scaled integer. */
function div(a: SafeScaled, k: number): SafeScaled {
  for (let extra = 0; extra < P10.length; extra++) {
    const m = extra === 0 ? a.n : up(a.n, extra);
    if (m % k === 0) return { n: m / k === 0 ? 0 : m / k, s: a.s + extra };
  }
  throw UNSAFE;
}

function cmp(a: SafeScaled, b: SafeScaled): number {
  const s = a.s > b.s ? a.s : b.s;
  const x = a.s === s ? a.n : up(a.n, s - a.s);
  const y = b.s === s ? b.n : up(b.n, s - b.s);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toMoney(a: SafeScaled): Money {
  if (a.s <= 0) return new Money(a.s === 0 ? String(a.n) : `${a.n}e${-a.s}`);
  const digits = String(Math.abs(a.n)).padStart(a.s + 1, '0');
  const cut = digits.length - a.s;
  return new Money(`${a.n < 0 ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

function fromMoney(m: Money): SafeScaled {
  const s = m.decimalPlaces();
  if (m.e + 1 + s > 15) throw UNSAFE; // more than 15 digits at scale s
  const text = m.toFixed(s);
  return { n: Number(s === 0 ? text : text.replace('.', '')), s };
}

/** The safe-integer arithmetic. */
export const SAFE_ARITH: Arith<SafeScaled> = {
  zero: { n: 0, s: 0 },
  add,
  sub: (a, b) => add(a, { n: -b.n, s: b.s }),
  mul,
  abs: (a) => (a.n < 0 ? { n: -a.n, s: a.s } : a),
  div,
  cmp,
  isNeg: (a) => a.n < 0,
  toMoney,
  fromMoney,
};

/**
 * The same operations without allocation, for the hot loop: each writes its result to `OUT` and returns false
 * (instead of throwing) when the result is not a safe scaled integer.
 */
export const OUT = { n: 0, s: 0 };

/** OUT = an·10^−as + bn·10^−bs. */
export function addTo(an: number, as: number, bn: number, bs: number): boolean {
  let n: number;
  let s: number;
  if (as === bs) {
    n = an + bn;
    s = as;
  } else if (as > bs) {
    if (as - bs >= P10.length) return false;
    const b = bn * P10[as - bs];
    if (!Number.isSafeInteger(b)) return false;
    n = an + b;
    s = as;
  } else {
    if (bs - as >= P10.length) return false;
    const a = an * P10[bs - as];
    if (!Number.isSafeInteger(a)) return false;
    n = a + bn;
    s = bs;
  }
  if (!Number.isSafeInteger(n)) return false;
  OUT.n = n === 0 ? 0 : n;
  OUT.s = s;
  return true;
}

/** OUT = (an·10^−as) × (bn·10^−bs). */
export function mulTo(an: number, as: number, bn: number, bs: number): boolean {
  const n = an * bn;
  if (!Number.isSafeInteger(n)) return false;
  OUT.n = n === 0 ? 0 : n;
  OUT.s = as + bs;
  return true;
}

/** OUT = an·10^−as / k (k a positive integer) when the quotient terminates as a safe scaled integer. */
export function divTo(an: number, as: number, k: number): boolean {
  let m = an;
  for (let extra = 0; extra < P10.length; extra++) {
    if (extra > 0) {
      m = an * P10[extra];
      if (!Number.isSafeInteger(m)) return false;
    }
    if (m % k === 0) {
      const q = m / k;
      OUT.n = q === 0 ? 0 : q;
      OUT.s = as + extra;
      return true;
    }
  }
  return false;
}

/** Sign of an·10^−as − bn·10^−bs, or NaN when the aligned values are not safe integers. */
export function cmpOf(an: number, as: number, bn: number, bs: number): number {
  let x = an;
  let y = bn;
  if (as < bs) {
    if (bs - as >= P10.length) return Number.NaN;
    x = an * P10[bs - as];
  } else if (bs < as) {
    if (as - bs >= P10.length) return Number.NaN;
    y = bn * P10[as - bs];
  }
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}
