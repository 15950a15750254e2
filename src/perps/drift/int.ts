/**
 * Drift v2's integer arithmetic on bigints (Rust `u128`/`i128` semantics) and the boundary readers of integer
 * inputs. Internal to src/perps/drift.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, type KnownKeys } from '../../core/validate.js';

/** An integer input: a bigint, a safe-integer number, or a string of decimal digits (optionally signed). */
export type DriftInt = bigint | number | string;

export const U32_MAX = 2n ** 32n - 1n;
export const U64_MAX = 2n ** 64n - 1n;
export const I64_MAX = 2n ** 63n - 1n;
export const U128_MAX = 2n ** 128n - 1n;
export const I128_MAX = 2n ** 127n - 1n;

/** Bounds of the Rust type a field has in Drift's accounts. */
export const KIND = {
  u8: [0n, 255n],
  u16: [0n, 65_535n],
  u32: [0n, U32_MAX],
  u64: [0n, U64_MAX],
  i64: [-I64_MAX - 1n, I64_MAX],
  u128: [0n, U128_MAX],
  i128: [-I128_MAX - 1n, I128_MAX],
} as const;
export type IntKind = keyof typeof KIND;

const INT_TEXT = /^-?\d{1,40}$/;

/** Read an integer field of Rust type `kind` (optionally within [min, max]); anything else is a RiskInputError. */
export function readInt(value: unknown, path: string, kind: IntKind, min?: bigint, max?: bigint): bigint {
  let v: bigint | undefined;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else if (typeof value === 'string' && INT_TEXT.test(value)) v = BigInt(value);
  const lo = min ?? KIND[kind][0];
  const hi = max ?? KIND[kind][1];
  if (v === undefined || v < lo || v > hi) {
    throw new RiskInputError(path, `an integer (bigint, safe integer or digit string) in [${lo}, ${hi}]`, value);
  }
  return v;
}

/**
 * {@link readInt} of field `key` of `o` (path `path.key`, built only for the error): a bigint in range is taken as
 * it is without building the path.
 */
export function readIntAt(
  value: unknown,
  path: string,
  key: string,
  kind: IntKind,
  min?: bigint,
  max?: bigint,
): bigint {
  if (typeof value === 'bigint' && value >= (min ?? KIND[kind][0]) && value <= (max ?? KIND[kind][1])) return value;
  return readInt(value, path === '' ? key : `${path}.${key}`, kind, min, max);
}

/** Like {@link readIntAt}; `undefined` gives `fallback`. */
export function readOptIntAt(
  value: unknown,
  path: string,
  key: string,
  kind: IntKind,
  fallback: bigint,
  max?: bigint,
): bigint {
  return value === undefined ? fallback : readIntAt(value, path, key, kind, undefined, max);
}

/** Like {@link readInt}; `undefined` gives `fallback`. */
export function readOptInt(value: unknown, path: string, kind: IntKind, fallback: bigint, max?: bigint): bigint {
  return value === undefined ? fallback : readInt(value, path, kind, undefined, max);
}

/** Read a strict object and its integer fields in one go (every listed field required unless in `optional`). */
export function readFields<K extends string>(
  value: unknown,
  path: string,
  kinds: Readonly<Record<K, IntKind>>,
  known: KnownKeys,
): Record<K, bigint> {
  const o = checkStrictObject(value, path, known);
  const out = {} as Record<K, bigint>;
  for (const k of Object.keys(kinds) as K[]) out[k] = readInt(o[k], `${path === '' ? '' : `${path}.`}${k}`, kinds[k]);
  return out;
}

/** Refuse a zero in fields Drift divides by, naming the field. */
export function nonZero<K extends string>(o: Record<K, bigint>, path: string, keys: readonly K[]): void {
  for (const k of keys) {
    if (o[k] === 0n) throw new RiskInputError(`${path}.${k}`, 'a non-zero integer (Drift divides by it)', 0n);
  }
}

/** Rust `/` on integers (truncates toward zero): bigint division already does. Guarded against a zero divisor. */
export function div(a: bigint, b: bigint, path: string): bigint {
  if (b === 0n) throw new RiskInputError(path, 'an input that does not make Drift divide by zero', 0);
  return a / b;
}

/** SafeMath::safe_div_ceil (non-negative operands). */
export function divCeil(a: bigint, b: bigint, path: string): bigint {
  const q = div(a, b, path);
  return q * b === a ? q : q + 1n;
}

/** Rust `safe_div_floor` for signed operands. */
export function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b !== a && a < 0n !== b < 0n ? q - 1n : q;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER) - (1n << 28n);

/** num_integer `nth_root(2)`: ⌊√n⌋ for n ≥ 0 (Newton's method on bigints). */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  if (n <= SAFE) {
    // exact in doubles: n < 2⁵³, and x² ≤ n + 2x + 1 < 2⁵³ in the corrections
    const m = Number(n);
    let y = Math.floor(Math.sqrt(m));
    while (y * y > m) y -= 1;
    while ((y + 1) * (y + 1) <= m) y += 1;
    return BigInt(y);
  }
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** 10^k for k = 0…38 from a table (token decimals are at most 18), else computed. */
const POW10: bigint[] = [1n];
for (let k = 1; k <= 38; k++) POW10.push(POW10[k - 1] * 10n);
export const pow10 = (k: bigint): bigint => (k >= 0n && k <= 38n ? POW10[Number(k)] : 10n ** k);

export const bmin = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const bmax = (a: bigint, b: bigint): bigint => (a > b ? a : b);
export const babs = (a: bigint): bigint => (a < 0n ? -a : a);

/** A checked cast to a Rust integer type, as `.cast::<T>()?`: outside its range is a RiskInputError at `path`. */
export function cast(v: bigint, kind: IntKind, path: string): bigint {
  const bounds = KIND[kind];
  const lo = bounds[0];
  const hi = bounds[1];
  if (v < lo || v > hi) {
    throw new RiskInputError(path, `inputs whose result fits Drift's ${kind} (Drift fails the instruction)`, v);
  }
  return v;
}
