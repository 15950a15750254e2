/** Validation shared by the fixed-point kit: uint256 bigints, a rounding direction, option objects. */
import { RiskInputError } from '../../core/errors.js';
import { UINT256_MAX } from './constants.js';
import type { Rounding } from './raw.js';

const ROUNDINGS: readonly Rounding[] = ['down', 'up', 'halfUp'];

/** `value` as a bigint in [0, 2²⁵⁶ − 1], else a RiskInputError at `path`. */
export function checkUint256(value: unknown, path: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > UINT256_MAX) {
    throw new RiskInputError(path, 'a bigint in [0, 2^256 - 1] (a uint256)', value);
  }
  return value;
}

/** `value` as a uint256 bigint, refusing zero (a divisor: the contracts revert on it). */
export function checkDivisor(value: unknown, path: string): bigint {
  const v = checkUint256(value, path);
  if (v === 0n) throw new RiskInputError(path, 'a non-zero uint256 (a divisor)', value);
  return v;
}

/** An optional rounding direction, `fallback` when absent. */
export function readRounding(value: unknown, path: string, fallback: Rounding): Rounding {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (ROUNDINGS as readonly string[]).includes(value)) return value as Rounding;
  throw new RiskInputError(path, "'down', 'up' or 'halfUp'", value);
}

/** Throws when `sum` (an intermediate of the contract's arithmetic) exceeds uint256, naming `path`. */
export function checkNoOverflow(sum: bigint, path: string, value: unknown, what: string): void {
  if (sum > UINT256_MAX) {
    throw new RiskInputError(
      path,
      'small enough that the contract does not overflow',
      value,
      `${what} exceeds 2^256 - 1`,
    );
  }
}
