/** Reading the bigint fields of the interest-rate models' inputs: strict keys, uint ranges, paths that name the field. */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { checkUint256 } from '../evm/check.js';

/** Field spec: the largest value the contract's storage type holds (e.g. 2¹²⁸ − 1 for a uint128), or a bound. */
export type FieldBounds = Readonly<Record<string, { max: bigint; optional?: true; what?: string }>>;

/**
 * The object at `path` with exactly the keys of `bounds` (optional ones may be absent: read as 0n), each a bigint in
 * [0, max]. Returns a fresh record of bigints; the input is not touched.
 */
export function readFields<K extends string>(value: unknown, path: string, bounds: FieldBounds): Record<K, bigint> {
  const o = checkStrictObject(value, path, knownKeys(...Object.keys(bounds)));
  const out: Record<string, bigint> = {};
  for (const key of Object.keys(bounds)) {
    const b = bounds[key];
    const v = o[key];
    const p = joinPath(path, key);
    if (v === undefined && b.optional) {
      out[key] = 0n;
      continue;
    }
    const x = checkUint256(v, p);
    if (x > b.max) throw new RiskInputError(p, b.what ?? `a bigint in [0, ${b.max}]`, v);
    out[key] = x;
  }
  return out as Record<K, bigint>;
}

/** 2ⁿ − 1. */
export const maxUint = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
