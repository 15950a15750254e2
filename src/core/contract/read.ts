/**
 * The runtime validator derived from the contract: reads an input object field by field as its {@link ObjectSpec}
 * says — unknown keys refused with a did-you-mean, bounds, unit-slip plausibility with the `allowExtreme` opt-out,
 * defaults filled, forbidden combinations refused — and returns a normalised copy. Never mutates the input.
 * Internal.
 */
import { RiskInputError } from '../errors.js';
import { toMoney } from '../money.js';
import {
  PLAUSIBLE,
  checkArray,
  checkEnum,
  checkKeys,
  checkNumber,
  checkObject,
  checkPlausible,
  checkString,
  joinPath,
  readAllowExtreme,
} from '../validate.js';
import type { NumberBounds } from '../validate.js';
import type { Cond, FieldSpec, NumberField, ObjectSpec } from './spec.js';

const holds = (o: Record<string, unknown>, c: Cond | undefined): boolean => c !== undefined && o[c.field] === c.equals;

const FINITE: NumberBounds = {};

function readNumber(
  value: unknown,
  path: string,
  f: NumberField,
  bounds: NumberBounds,
  o: Record<string, unknown>,
  extreme: boolean,
): number {
  const x = checkNumber(value, path, holds(o, f.boundsUnless) ? FINITE : bounds);
  if (f.plausible !== undefined && !holds(o, f.plausibleUnless)) checkPlausible(x, path, f.plausible, extreme);
  return x;
}

/** True when `v` is a valid number, string or enum value for `f` (no allocation); false sends it to readValue. */
function validScalar(
  v: unknown,
  f: FieldSpec,
  b: NumberBounds | undefined,
  o: Record<string, unknown>,
  extreme: boolean,
): boolean {
  if (f.type === 'string') return typeof v === 'string' && v.length > 0;
  if (f.type === 'enum') return typeof v === 'string' && f.values.includes(v);
  if (b === undefined || typeof v !== 'number' || !Number.isFinite(v)) return false;
  const nb = f as NumberField;
  if (nb.boundsUnless === undefined || !holds(o, nb.boundsUnless)) {
    if (
      (b.gt !== undefined && !(v > b.gt)) ||
      (b.ge !== undefined && !(v >= b.ge)) ||
      (b.lt !== undefined && !(v < b.lt)) ||
      (b.le !== undefined && !(v <= b.le))
    )
      return false;
    if (b.integer && !Number.isInteger(v)) return false;
  }
  return (
    nb.plausible === undefined || extreme || Math.abs(v) <= PLAUSIBLE[nb.plausible].max || holds(o, nb.plausibleUnless)
  );
}

/**
 * Read one present field value. `o` is the object that carries it (for conditions), `extreme` its
 * `allowExtreme`, `out` the output built so far (a money amount reads the `decimals` before it).
 */
export function readValue(
  value: unknown,
  path: string,
  f: FieldSpec,
  o: Record<string, unknown>,
  extreme: boolean,
  out: Record<string, unknown>,
): unknown {
  switch (f.type) {
    case 'number':
      return readNumber(value, path, f, f, o, extreme);
    case 'string':
      return checkString(value, path);
    case 'enum':
      return checkEnum(value, path, f.values);
    case 'boolean':
      if (typeof value !== 'boolean') throw new RiskInputError(path, 'a boolean', value);
      return value;
    case 'money': {
      const decimals = typeof out.decimals === 'number' ? out.decimals : undefined;
      return toMoney(value, path, {
        ...(f.min ? { min: f.min } : {}),
        ...(decimals !== undefined ? { decimals } : {}),
      });
    }
    case 'array': {
      const arr = checkArray(value, path, f.minItems ?? 0);
      const res = new Array<unknown>(arr.length);
      for (let i = 0; i < arr.length; i++) res[i] = readValue(arr[i], `${path}[${i}]`, f.items, o, extreme, out);
      return res;
    }
    case 'object':
      return readObject(value, path, f.spec, extreme);
    case 'record':
      return readRecord(value, path, f.values);
  }
}

/**
 * Validate an object against its spec and return the normalised copy. `inheritedExtreme` is the `allowExtreme`
 * of the enclosing object, for nested objects (a smile) that have no flag of their own.
 */
export function readObject(
  value: unknown,
  path: string,
  spec: ObjectSpec,
  inheritedExtreme = false,
): Record<string, unknown> {
  const o = checkObject(value, path);
  checkKeys(o, path, spec.keys);
  return readFields(o, path, spec, inheritedExtreme);
}

/** {@link readObject} on an object already checked to be one with known keys. */
export function readFields(
  o: Record<string, unknown>,
  path: string,
  spec: ObjectSpec,
  inheritedExtreme = false,
): Record<string, unknown> {
  const extreme = spec.keys.has('allowExtreme') ? readAllowExtreme(o, path) || inheritedExtreme : inheritedExtreme;
  const out: Record<string, unknown> = {};
  const { names, specs, bounds } = spec;
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    const f = specs[i];
    const v = o[key];
    if (v === undefined || f.custom) {
      if (f.custom) continue;
      if (f.default !== undefined) out[key] = f.default;
      else if (f.required) readValue(v, joinPath(path, key), f, o, extreme, out); // throws, naming the field
      continue;
    }
    // Fast path: a valid scalar is taken without building its path string; anything else goes to readValue,
    // which builds the path and throws naming the field (or reads a nested value).
    if (validScalar(v, f, bounds[i], o, extreme)) {
      if (!f.inputOnly) out[key] = v;
      continue;
    }
    const x = readValue(v, joinPath(path, key), f, o, extreme, out);
    if (!f.inputOnly) out[key] = x;
  }
  if (spec.check) spec.check(out, path);
  for (const r of spec.forbid) {
    if (holds(out, r.when) && out[r.field] === r.equals)
      throw new RiskInputError(joinPath(path, r.field), r.expected, out[r.field]);
  }
  return out;
}

/**
 * A record keyed by user data (asset names): non-empty own keys, each value an object of `spec`. The copy has no
 * prototype, so every key is an own data property and a key such as `__proto__` or `constructor` is a
 * plain name, never a prototype change, and a lookup (`name in assets`, `assets[name]`) never finds an
 * Object.prototype member.
 */
export function readRecord(value: unknown, path: string, spec: ObjectSpec): Record<string, unknown> {
  const o = checkObject(value, path);
  const out: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(o)) {
    if (name === '') throw new RiskInputError(joinPath(path, name), 'keyed by a non-empty name', o[name]);
    const v = readObject(o[name], joinPath(path, name), spec);
    out[name] = v; // an ordinary own property, `__proto__` included: `out` has no prototype
  }
  return out;
}
