/** Boundary checks of the integer protocol models: bigint fields in a range, named by path. Internal. */
import { RiskInputError } from '../../core/errors.js';

/** 2²⁵⁶ − 1. */
const U256 = 2n ** 256n - 1n;

/** `value` as a bigint in [min, max] (default the uint256 range), else a RiskInputError at `path`. */
export function checkBig(value: unknown, path: string, min = 0n, max = U256): bigint {
  if (typeof value !== 'bigint' || value < min || value > max) {
    throw new RiskInputError(path, `a bigint in [${min}, ${max === U256 ? '2^256 - 1' : max}]`, value);
  }
  return value;
}

/** A bigint in the uint range of `bits` bits. */
export const checkUint = (value: unknown, path: string, bits: number): bigint =>
  checkBig(value, path, 0n, 2n ** BigInt(bits) - 1n);

/** A non-zero bigint in the uint range of `bits` bits (a divisor or a price). */
export const checkPositive = (value: unknown, path: string, bits = 256): bigint =>
  checkBig(value, path, 1n, 2n ** BigInt(bits) - 1n);
