/**
 * Index accrual of an Aave v3 reserve (ReserveLogic.updateState with MathUtils at aave-v3-origin fd1fbd91): the
 * liquidity index grows linearly over the elapsed time, the variable borrow index by the three-term expansion
 * {@link aaveCompoundedInterest}, and the reserve factor's share of the new debt is minted to the treasury.
 */
import { RiskInputError } from '../../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../../core/validate.js';
import { checkUint256 } from '../../evm/check.js';
import { BPS, RAY, SECONDS_PER_YEAR, UINT256_MAX } from '../../evm/constants.js';
import { mulDivDownRaw, mulDivHalfUpRaw as halfUp } from '../../evm/raw.js';
import { maxUint, readFields } from '../fields.js';

const U128 = maxUint(128);
const U40 = maxUint(40);

/** A reserve's stored state for {@link aaveAccrue} (ray indices and rates, scaled debt, reserve factor in bps). */
export interface AaveReserveState {
  /** Liquidity (supply) index, ray. */
  liquidityIndex: bigint;
  /** Variable borrow index, ray. */
  variableBorrowIndex: bigint;
  /** Current liquidity rate, ray a year. */
  liquidityRate: bigint;
  /** Current variable borrow rate, ray a year. */
  variableBorrowRate: bigint;
  /** Scaled variable debt (debt / borrow index). */
  scaledVariableDebt: bigint;
  /** Reserve factor, bps. */
  reserveFactor: bigint;
}

/** Result of {@link aaveAccrue}. */
export interface AaveAccrualResult {
  /** Liquidity index after the accrual, ray. */
  liquidityIndex: bigint;
  /** Variable borrow index after the accrual, ray. */
  variableBorrowIndex: bigint;
  /** Scaled aTokens added to accruedToTreasury by this accrual. */
  treasuryScaled: bigint;
}

/** The elapsed seconds of an accrual context (uint40, as the contract's timestamps). */
export interface AccrualContext {
  /** Seconds since the last update. */
  elapsed: bigint;
}

const CONTEXT_KEYS = knownKeys('elapsed');
const STATE_FIELDS = {
  liquidityIndex: { max: U128 },
  variableBorrowIndex: { max: U128 },
  liquidityRate: { max: U128 },
  variableBorrowRate: { max: U128 },
  scaledVariableDebt: { max: U128 },
  reserveFactor: { max: BPS, what: 'a bigint in [0, 10000] (bps)' },
} as const;

/** The elapsed seconds of `context`, a uint40. */
export function readElapsed(context: unknown, path: string, max: bigint = U40): bigint {
  const e = checkUint256(checkStrictObject(context, path, CONTEXT_KEYS).elapsed, `${path}.elapsed`);
  if (e > max) throw new RiskInputError(`${path}.elapsed`, `a bigint in [0, ${max}] (seconds)`, e);
  return e;
}

/** MathUtils.calculateLinearInterest kernel: 10²⁷ + rate·Δt / year (floor). */
export const linearRaw = (rate: bigint, dt: bigint): bigint => RAY + (rate * dt) / SECONDS_PER_YEAR;

/** MathUtils.calculateCompoundedInterest kernel: 10²⁷ + x + x·(x/2 + x·(x/6))  with x = rate·Δt / year; null on overflow. */
export function compoundedRaw(rate: bigint, dt: bigint): bigint | null {
  if (dt === 0n) return RAY;
  const x = (rate * dt) / SECONDS_PER_YEAR;
  const x6 = x / 6n;
  if (x * x6 + RAY / 2n > UINT256_MAX) return null;
  const inner = x / 2n + halfUp(x, x6, RAY);
  if (x * inner + RAY / 2n > UINT256_MAX) return null;
  return RAY + x + halfUp(x, inner, RAY);
}

/**
 * Aave's linear interest factor over `elapsed` seconds at a yearly ray rate: 10²⁷ + ⌊rate·Δt / 31 536 000⌋ (the
 * liquidity index's growth).
 * @param rate ray a year
 * @param elapsed seconds
 * @example
 * ```ts
 * import { aaveLinearInterest } from 'riskcore/lending';
 * console.log(aaveLinearInterest(8n * 10n ** 25n, 7n * 31_536_000n)); // 1560000000000000000000000000n
 * ```
 */
export function aaveLinearInterest(rate: bigint, elapsed: bigint): bigint {
  const r = checkUint256(rate, 'rate');
  const e = checkUint256(elapsed, 'elapsed');
  if (r > U128) throw new RiskInputError('rate', `a bigint in [0, ${U128}] (ray a year)`, rate);
  if (e > U40) throw new RiskInputError('elapsed', `a bigint in [0, ${U40}] (seconds)`, elapsed);
  return linearRaw(r, e);
}

/**
 * Aave's compounded interest factor: with x = ⌊rate·Δt / year⌋, 10²⁷ + x + rayMul(x, x/2 + rayMul(x, x/6)) — the
 * first three terms of eˣ (MathUtils.calculateCompoundedInterest at fd1fbd91), which is below eˣ and the further
 * below it the larger x. A rate and time whose ray products overflow (the contract reverts) are a RiskInputError on
 * `elapsed`.
 * @param rate ray a year
 * @param elapsed seconds
 * @example
 * ```ts
 * import { aaveCompoundedInterest } from 'riskcore/lending';
 * // 100 000% a year for 10 000 years: Aave's own test value
 * console.log(aaveCompoundedInterest(1000n * 10n ** 27n, 10_000n * 31_536_000n)); // 166666716666676666667666666666666600000000000000n
 * ```
 */
export function aaveCompoundedInterest(rate: bigint, elapsed: bigint): bigint {
  const r = checkUint256(rate, 'rate');
  const e = checkUint256(elapsed, 'elapsed');
  if (r > U128) throw new RiskInputError('rate', `a bigint in [0, ${U128}] (ray a year)`, rate);
  if (e > U40) throw new RiskInputError('elapsed', `a bigint in [0, ${U40}] (seconds)`, elapsed);
  const f = compoundedRaw(r, e);
  if (f === null) throw new RiskInputError('elapsed', 'short enough that the ray products fit in uint256', elapsed);
  return f;
}

/** The accrual kernel on validated values; null where the contract reverts (an index beyond uint128). */
export function aaveAccrueRaw(s: Record<keyof AaveReserveState, bigint>, dt: bigint): AaveAccrualResult | null {
  if (dt === 0n)
    return { liquidityIndex: s.liquidityIndex, variableBorrowIndex: s.variableBorrowIndex, treasuryScaled: 0n };
  let liquidityIndex = s.liquidityIndex;
  if (s.liquidityRate !== 0n) liquidityIndex = halfUp(linearRaw(s.liquidityRate, dt), s.liquidityIndex, RAY);
  let variableBorrowIndex = s.variableBorrowIndex;
  if (s.scaledVariableDebt !== 0n) {
    const f = compoundedRaw(s.variableBorrowRate, dt);
    if (f === null) return null;
    variableBorrowIndex = halfUp(f, s.variableBorrowIndex, RAY);
  }
  if (liquidityIndex > U128 || variableBorrowIndex > U128) return null;
  let treasuryScaled = 0n;
  if (s.reserveFactor !== 0n) {
    const accrued = mulDivDownRaw(s.scaledVariableDebt, variableBorrowIndex - s.variableBorrowIndex, RAY);
    const amount = halfUp(accrued, s.reserveFactor, BPS);
    if (amount !== 0n) treasuryScaled = mulDivDownRaw(amount, RAY, liquidityIndex);
  }
  return { liquidityIndex, variableBorrowIndex, treasuryScaled };
}

/**
 * One state update of an Aave v3 reserve after `context.elapsed` seconds (ReserveLogic.updateState): the liquidity
 * index ×(1 + rate·Δt/year) (rayMul, half-up) when the liquidity rate is non-zero; the variable borrow index ×
 * {@link aaveCompoundedInterest} when there is variable debt; the treasury's scaled mint
 * rayDivFloor(percentMul(rayMulFloor(scaledDebt, Δindex), reserveFactor), newLiquidityIndex). The rates are those
 * stored before the update (the contract recomputes them after the action). An index beyond uint128 (the contract's
 * toUint128 reverts) is a RiskInputError on `context.elapsed`.
 * @param reserve the stored state
 * @param context the elapsed seconds
 * @example
 * ```ts
 * import { aaveAccrue, RAY } from 'riskcore/lending';
 * const reserve = {
 *   liquidityIndex: RAY, variableBorrowIndex: RAY, liquidityRate: 36n * 10n ** 24n,
 *   variableBorrowRate: 5n * 10n ** 25n, scaledVariableDebt: 80_000000n, reserveFactor: 1000n,
 * };
 * const r = aaveAccrue(reserve, { elapsed: 31_536_000n });
 * console.log(r.liquidityIndex); // 1036000000000000000000000000n
 * console.log(r.variableBorrowIndex); // 1051270833333333333333333333n
 * console.log(r.treasuryScaled); // 395914n
 * ```
 */
export function aaveAccrue(reserve: AaveReserveState, context: AccrualContext): AaveAccrualResult {
  const s = readFields<keyof AaveReserveState>(reserve, 'reserve', STATE_FIELDS);
  const dt = readElapsed(context, 'context');
  const r = aaveAccrueRaw(s, dt);
  if (r === null) throw new RiskInputError('context.elapsed', 'short enough that the indices fit in uint128', dt);
  return r;
}
