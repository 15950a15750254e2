/**
 * Multiply and divide by a fixed-point scale — wad (10¹⁸), ray (10²⁷), basis points (10⁴), parts per million
 * (10⁶) — in the forms of Aave WadRayMath / PercentageMath (half-up by default), Morpho MathLib (wMulDown,
 * wDivDown, wDivUp), Solady FixedPointMathLib (mulWad, mulWadUp, divWad, divWadUp) and Compound Comet (mulFactor:
 * truncation), chosen by `opts.rounding`.
 */
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkDivisor, checkNoOverflow, checkUint256, readRounding } from './check.js';
import { BPS, PPM, RAY, WAD } from './constants.js';
import { mulDivRaw, roundingAddend, type Rounding } from './raw.js';

/** Options of the scaled multiply and divide ({@link wadMul} and its kin). */
export interface ScaledOptions {
  /** `'halfUp'` (default: Aave), `'down'` (Morpho wMulDown, Solady mulWad, Compound) or `'up'`. */
  rounding?: Rounding;
}

const KEYS = knownKeys('rounding');

function rounding(opts: unknown): Rounding {
  if (opts === undefined) return 'halfUp';
  return readRounding(checkStrictObject(opts, 'opts', KEYS).rounding, 'opts.rounding', 'halfUp');
}

/** a·b / scale, checked: a·b + addend must fit in uint256 (Aave's guard `a ≤ (max − half)/b`). */
function scaledMul(a: unknown, b: unknown, scale: bigint, opts: unknown): bigint {
  const x = checkUint256(a, 'a');
  const y = checkUint256(b, 'b');
  const r = rounding(opts);
  checkNoOverflow(x * y + roundingAddend(scale, r), 'a', a, 'a·b plus the rounding addend');
  return mulDivRaw(x, y, scale, r);
}

/** a·scale / b, checked: b ≠ 0 and a·scale + addend must fit in uint256 (Aave's guard `a ≤ (max − b/2)/scale`). */
function scaledDiv(a: unknown, b: unknown, scale: bigint, opts: unknown): bigint {
  const x = checkUint256(a, 'a');
  const y = checkDivisor(b, 'b');
  const r = rounding(opts);
  checkNoOverflow(x * scale + roundingAddend(y, r), 'a', a, 'a·scale plus the rounding addend');
  return mulDivRaw(x, scale, y, r);
}

/**
 * a·b / 10¹⁸ (wad product; Aave WadRayMath.wadMul when half-up). Arguments uint256 bigints; an overflow of the
 * contract's intermediate is a RiskInputError on `a`.
 * @example
 * ```ts
 * import { wadMul } from 'riskcore/lending';
 * console.log(wadMul(1_500000000000000000n, 3n)); // 5n
 * console.log(wadMul(1_500000000000000000n, 3n, { rounding: 'down' })); // 4n
 * ```
 */
export const wadMul = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledMul(a, b, WAD, opts);

/**
 * a·10¹⁸ / b (wad quotient; Aave WadRayMath.wadDiv when half-up, Morpho wDivDown / wDivUp). b must be non-zero.
 * @example
 * ```ts
 * import { wadDiv } from 'riskcore/lending';
 * console.log(wadDiv(2n, 3n)); // 666666666666666667n
 * console.log(wadDiv(2n, 3n, { rounding: 'down' })); // 666666666666666666n
 * ```
 */
export const wadDiv = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledDiv(a, b, WAD, opts);

/**
 * a·b / 10²⁷ (ray product; Aave WadRayMath.rayMul when half-up, rayMulFloor / rayMulCeil with `'down'` / `'up'`).
 * @example
 * ```ts
 * import { rayMul, RAY } from 'riskcore/lending';
 * console.log(rayMul(RAY / 2n, 3n)); // 2n
 * console.log(rayMul(RAY / 2n, 3n, { rounding: 'down' })); // 1n
 * ```
 */
export const rayMul = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledMul(a, b, RAY, opts);

/**
 * a·10²⁷ / b (ray quotient; Aave WadRayMath.rayDiv when half-up, rayDivFloor / rayDivCeil with `'down'` / `'up'`).
 * @example
 * ```ts
 * import { rayDiv } from 'riskcore/lending';
 * console.log(rayDiv(1n, 3n)); // 333333333333333333333333333n
 * console.log(rayDiv(2n, 3n, { rounding: 'up' })); // 666666666666666666666666667n
 * ```
 */
export const rayDiv = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledDiv(a, b, RAY, opts);

/**
 * a·b / 10⁴, b in basis points (Aave PercentageMath.percentMul when half-up).
 * @example
 * ```ts
 * import { percentMul } from 'riskcore/lending';
 * console.log(percentMul(1_005n, 5_000n)); // 503n
 * console.log(percentMul(1_005n, 5_000n, { rounding: 'down' })); // 502n
 * ```
 */
export const percentMul = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledMul(a, b, BPS, opts);

/**
 * a·10⁴ / b, b in basis points (Aave PercentageMath.percentDiv when half-up).
 * @example
 * ```ts
 * import { percentDiv } from 'riskcore/lending';
 * console.log(percentDiv(100n, 10_500n)); // 95n
 * console.log(percentDiv(100n, 10_500n, { rounding: 'up' })); // 96n
 * ```
 */
export const percentDiv = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledDiv(a, b, BPS, opts);

/**
 * a·b / 10⁶, b in parts per million.
 * @example
 * ```ts
 * import { ppmMul } from 'riskcore/lending';
 * console.log(ppmMul(1_000_001n, 500_000n)); // 500001n
 * console.log(ppmMul(1_000_001n, 500_000n, { rounding: 'down' })); // 500000n
 * ```
 */
export const ppmMul = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledMul(a, b, PPM, opts);

/**
 * a·10⁶ / b, b in parts per million.
 * @example
 * ```ts
 * import { ppmDiv } from 'riskcore/lending';
 * console.log(ppmDiv(1n, 3n)); // 333333n
 * console.log(ppmDiv(1n, 3n, { rounding: 'up' })); // 333334n
 * ```
 */
export const ppmDiv = (a: bigint, b: bigint, opts?: ScaledOptions): bigint => scaledDiv(a, b, PPM, opts);
