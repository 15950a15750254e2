/**
 * Boundary validation helpers shared by every module. Internal: not re-exported from any public index.
 * Each helper either returns the (narrowed) value or throws a {@link RiskInputError} naming `path`.
 */
import { RiskInputError } from './errors.js';

/** Join a parent path and a key: `joinPath('positions[3]', 'strike')` → `positions[3].strike`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export interface NumberBounds {
  /** value > gt */
  gt?: number;
  /** value >= ge */
  ge?: number;
  /** value < lt */
  lt?: number;
  /** value <= le */
  le?: number;
  /** must be an integer */
  integer?: boolean;
}

function boundsText(b: NumberBounds): string {
  const parts: string[] = [];
  if (b.gt !== undefined) parts.push(`> ${b.gt}`);
  if (b.ge !== undefined) parts.push(`>= ${b.ge}`);
  if (b.lt !== undefined) parts.push(`< ${b.lt}`);
  if (b.le !== undefined) parts.push(`<= ${b.le}`);
  const kind = b.integer ? 'a finite integer' : 'a finite number';
  if (parts.length === 0) return kind;
  if (parts.length === 2 && (b.gt !== undefined || b.ge !== undefined) && (b.lt !== undefined || b.le !== undefined)) {
    const lo = b.gt !== undefined ? `(${b.gt}` : `[${b.ge}`;
    const hi = b.lt !== undefined ? `${b.lt})` : `${b.le}]`;
    return `${kind} in ${lo}, ${hi}`;
  }
  return `${kind} ${parts.join(' and ')}`;
}

/** A finite number within the given bounds. */
export function checkNumber(value: unknown, path: string, bounds: NumberBounds = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.gt === undefined || value > bounds.gt) &&
    (bounds.ge === undefined || value >= bounds.ge) &&
    (bounds.lt === undefined || value < bounds.lt) &&
    (bounds.le === undefined || value <= bounds.le) &&
    (!bounds.integer || Number.isInteger(value));
  if (!ok) throw new RiskInputError(path, boundsText(bounds), value);
  return value as number;
}

/** Like {@link checkNumber} but `undefined` yields `fallback`. */
export function optionalNumber(value: unknown, path: string, fallback: number, bounds: NumberBounds = {}): number {
  return value === undefined ? fallback : checkNumber(value, path, bounds);
}

/**
 * A confidence level strictly inside (0, 1): the check and message of `checkNumber(value, path, { gt: 0, lt: 1 })`,
 * written out so that an entry needing only this check does not carry the general bounds text.
 */
export function checkConfidence(value: unknown, path = 'confidence'): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new RiskInputError(path, 'a finite number in (0, 1)', value);
  }
  return value;
}

/** One of the listed string literals. */
export function checkEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RiskInputError(path, `one of '${allowed.join("', '")}'`, value);
  }
  return value as T;
}

/** Like {@link checkEnum} but `undefined` yields `fallback`. */
export function optionalEnum<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback: T): T {
  return value === undefined ? fallback : checkEnum(value, path, allowed);
}

/** A non-empty string. */
export function checkString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new RiskInputError(path, 'a non-empty string', value);
  return value;
}

/** A plain object (not null, not an array). */
export function checkObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || !value || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new RiskInputError(path, 'an object', value);
  }
  return value as Record<string, unknown>;
}

/** An array (plain). */
export function checkArray(value: unknown, path: string, minLength = 0): unknown[] {
  if (!Array.isArray(value)) throw new RiskInputError(path, 'an array', value);
  if (value.length < minLength)
    throw new RiskInputError(path, `an array with at least ${minLength} element${minLength === 1 ? '' : 's'}`, value);
  return value;
}

/** Numeric series accepted by the statistics functions. */
export type NumericArray = ArrayLike<number>;

/**
 * A plain array or typed array of finite numbers, at least `minLength` long. The element that fails is named by
 * index (`pnl[17] must be a finite number, got NaN`). Returns the input itself (never copied, never mutated).
 */
export function checkFiniteArray(value: unknown, path: string, minLength = 1): NumericArray {
  const isTyped = value instanceof Float64Array || value instanceof Float32Array || value instanceof Int32Array;
  if (!Array.isArray(value) && !isTyped) {
    throw new RiskInputError(path, 'an array or Float64Array of finite numbers', value);
  }
  if (value.length < minLength) {
    throw new RiskInputError(
      path,
      minLength > 1 ? `an array of at least ${minLength} elements` : 'a non-empty array',
      value,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (!Number.isFinite(x)) throw new RiskInputError(`${path}[${i}]`, 'a finite number', x); // false for non-numbers too
  }
  return value;
}

/** A square matrix (array of equal-length numeric rows) of finite numbers; returns its size. */
export function checkSquareMatrix(value: unknown, path: string, size?: number): number {
  const rows = checkArray(value, path, 1);
  const n = rows.length;
  if (size !== undefined && n !== size) throw new RiskInputError(path, `a ${size}×${size} matrix`, value, `${n} rows`);
  for (let i = 0; i < n; i++) {
    const row = checkFiniteArray(rows[i], `${path}[${i}]`, 1);
    if (row.length !== n) throw new RiskInputError(`${path}[${i}]`, `a row of length ${n}`, rows[i]);
  }
  return n;
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys (case differences cost 0.5). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const ca = a[i - 1];
      const cb = b[j - 1];
      const sub = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The known key closest to `key` (edit distance ≤ max(2, ⅓ of its length)), or undefined. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, key.length / 3) ? best : undefined;
}

/** A set of the field names an input object may carry; build once per input type (module scope). */
export type KnownKeys = ReadonlySet<string>;

/** Build a {@link KnownKeys} set. */
/* @__NO_SIDE_EFFECTS__ */
export function knownKeys(...keys: string[]): KnownKeys {
  return new Set(keys);
}

/**
 * Refuse any own enumerable key of `obj` that is not in `known`, with a {@link RiskInputError} naming the full path
 * of the key and the closest known key: `positions[2].marginmode is not a field; did you mean marginMode?`.
 * Keys whose value is `undefined` are refused too (a misspelt optional field is still a misspelling).
 */
export function checkKeys(obj: object, path: string, known: KnownKeys): void {
  // for-in rather than Object.keys: no array per call on the validators' hot path. Inherited enumerable keys are
  // not fields of the input and are skipped, as Object.keys would.
  for (const key in obj) {
    if (!known.has(key) && Object.hasOwn(obj, key)) {
      throw RiskInputError.unknownField(
        path === '' ? key : `${path}.${key}`,
        (obj as Record<string, unknown>)[key],
        closestKey(key, known),
      );
    }
  }
}

/** {@link checkObject} followed by {@link checkKeys}. */
export function checkStrictObject(value: unknown, path: string, known: KnownKeys): Record<string, unknown> {
  const o = checkObject(value, path);
  checkKeys(o, path, known);
  return o;
}

/** The own property `key` of a record keyed by user data (asset names): never a prototype member. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Quantities that are legal numbers but almost surely a unit slip. Each entry is the largest plausible magnitude
 * and the hint given when it is exceeded. An input object that means such a value sets `allowExtreme: true` (the
 * documented opt-out, field of the same object), and the check is skipped for that object's fields.
 */
export const PLAUSIBLE = {
  /** Lognormal (Black-Scholes, Black-76) vol per unit: 5 = 500%. */
  vol: { max: 5, hint: 'vols are fractions per year (0.6 = 60%); a value this large is usually a percentage' },
  /** Continuously compounded rate or yield per year: 1 = 100%. */
  rate: { max: 1, hint: 'rates are fractions per year (0.05 = 5%); a value this large is usually a percentage' },
  /** Time to expiry in years: 10 years. */
  expiry: { max: 10, hint: 'expiry is in years (30 days = 30/365); a value this large is usually days' },
  /** Haircut / stress vol per unit: 5 = 500%. */
  haircutVol: { max: 5, hint: 'vols are fractions per year (0.7 = 70%); a value this large is usually a percentage' },
} as const;

/** The kinds of value {@link checkPlausible} knows. */
export type PlausibleKind = keyof typeof PLAUSIBLE;

/**
 * Refuse a finite number whose magnitude is beyond {@link PLAUSIBLE}[kind].max unless `allowExtreme` is set, naming
 * the likely slip and the opt-out. Returns the value.
 */
export function checkPlausible(
  value: number,
  path: string,
  kind: PlausibleKind,
  allowExtreme: boolean | undefined,
): number {
  const rule = PLAUSIBLE[kind];
  if (!allowExtreme && Math.abs(value) > rule.max) {
    throw new RiskInputError(
      path,
      `at most ${rule.max} in magnitude`,
      value,
      `${rule.hint}; set allowExtreme: true on this object to allow it`,
    );
  }
  return value;
}

/** Reads an optional `allowExtreme` flag of an input object (must be a boolean when present). */
export function readAllowExtreme(obj: Record<string, unknown>, path: string): boolean {
  const v = obj.allowExtreme;
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new RiskInputError(joinPath(path, 'allowExtreme'), 'a boolean', v);
  return v;
}
