/**
 * {@link mulDiv}: x·y / d on uint256 bigints with an explicit rounding direction and the overflow rule of the
 * contract being reproduced.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkDivisor, checkNoOverflow, checkUint256, readRounding } from './check.js';
import { UINT256_MAX } from './constants.js';
import { mulDivRaw, roundingAddend, type Rounding } from './raw.js';

export type { Rounding } from './raw.js';

/** Options of {@link mulDiv}. */
export interface MulDivOptions {
  /**
   * `'down'` (default: ⌊x·y/d⌋, Solidity's `/`, Morpho mulDivDown, Compound mulFactor), `'up'` (⌈x·y/d⌉, Morpho
   * mulDivUp) or `'halfUp'` ((x·y + ⌊d/2⌋)/d, Aave WadRayMath and PercentageMath).
   */
  rounding?: Rounding;
  /**
   * Where the contract overflows. `'uint256'` (default): the intermediate x·y + addend must fit in 256 bits, the
   * addend being 0, d − 1 or ⌊d/2⌋ as the rounding adds (Solidity checked arithmetic, Aave's assembly guards,
   * Morpho MathLib). `'uint512'`: only the result must fit (full-precision mulDiv of OpenZeppelin Math and Solady
   * fullMulDiv, which keep the 512-bit product).
   */
  intermediate?: 'uint256' | 'uint512';
}

const KEYS = knownKeys('rounding', 'intermediate');

/** Reads {@link MulDivOptions}. */
function readOptions(opts: unknown): { rounding: Rounding; wide: boolean } {
  if (opts === undefined) return { rounding: 'down', wide: false };
  const o = checkStrictObject(opts, 'opts', KEYS);
  const rounding = readRounding(o.rounding, 'opts.rounding', 'down');
  const i = o.intermediate;
  if (i !== undefined && i !== 'uint256' && i !== 'uint512') {
    throw new RiskInputError('opts.intermediate', "'uint256' or 'uint512'", i);
  }
  return { rounding, wide: i === 'uint512' };
}

/**
 * x·y / d in integers, rounded as `opts.rounding` says, with the uint256 range rules of the EVM: every argument a
 * bigint in [0, 2²⁵⁶ − 1], d ≠ 0, and no intermediate (default) or result (`intermediate: 'uint512'`) above
 * 2²⁵⁶ − 1. A violation is a RiskInputError whose path names the argument (`x`, `y`, `d`; an overflowing product
 * names `y`), where the contract would revert.
 *
 * @param x first factor (uint256)
 * @param y second factor (uint256)
 * @param d divisor (uint256, non-zero)
 * @example
 * ```ts
 * import { mulDiv } from 'riskcore/lending';
 * console.log(mulDiv(7n, 3n, 2n)); // 10n
 * console.log(mulDiv(7n, 3n, 2n, { rounding: 'up' })); // 11n
 * console.log(mulDiv(5n, 1n, 2n, { rounding: 'halfUp' })); // 3n
 * console.log(mulDiv(2n ** 255n, 4n, 8n, { intermediate: 'uint512' }) === 2n ** 254n); // true
 * ```
 */
export function mulDiv(x: bigint, y: bigint, d: bigint, opts?: MulDivOptions): bigint {
  const a = checkUint256(x, 'x');
  const b = checkUint256(y, 'y');
  const c = checkDivisor(d, 'd');
  const { rounding, wide } = readOptions(opts);
  if (!wide) {
    checkNoOverflow(a * b + roundingAddend(c, rounding), 'y', y, 'x·y plus the rounding addend');
    return mulDivRaw(a, b, c, rounding);
  }
  const r = mulDivRaw(a, b, c, rounding);
  if (r > UINT256_MAX) throw new RiskInputError('y', 'small enough that x·y/d fits in a uint256', y);
  return r;
}
