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

/** A confidence level strictly inside (0, 1). */
export function checkConfidence(value: unknown, path = 'confidence'): number {
  return checkNumber(value, path, { gt: 0, lt: 1 });
}

/** One of the listed string literals. */
export function checkEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RiskInputError(path, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
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
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new RiskInputError(path, 'an object', value);
  }
  return value as Record<string, unknown>;
}

/** An array (plain). */
export function checkArray(value: unknown, path: string, minLength = 0): unknown[] {
  if (!Array.isArray(value)) throw new RiskInputError(path, 'an array', value);
  if (value.length < minLength) throw new RiskInputError(path, `an array with at least ${minLength} element${minLength === 1 ? '' : 's'}`, value);
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
  const arr = value as ArrayLike<unknown>;
  if (arr.length < minLength) {
    throw new RiskInputError(path, `a non-empty array with at least ${minLength} element${minLength === 1 ? '' : 's'}`, value);
  }
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new RiskInputError(`${path}[${i}]`, 'a finite number', x);
  }
  return arr as NumericArray;
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
