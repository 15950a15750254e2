/**
 * {@link aaveRates}: the Aave v3 default reserve interest-rate strategy (DefaultReserveInterestRateStrategyV2 of
 * aave-dao/aave-v3-origin): a two-slope variable borrow rate in the borrow usage ratio and a liquidity rate that
 * passes it on to suppliers in proportion to the supply usage ratio, net of the reserve factor; ray math with the
 * contract's half-up rounding at every step.
 */
import { RiskInputError } from '../../../core/errors.js';
import { BPS, RAY } from '../../evm/constants.js';
import { mulDivHalfUpRaw as halfUp } from '../../evm/raw.js';
import { maxUint, readFields } from '../fields.js';

/** Parameters of one reserve's strategy, in basis points as the contract stores them (10 000 = 100% a year). */
export interface AaveRateParams {
  /** Borrow usage ratio at the kink, bps; the contract accepts 100–9 900. */
  optimalUsageRatio: bigint;
  /** Variable borrow rate at zero usage, bps a year. */
  baseVariableBorrowRate: bigint;
  /** Rate added from zero usage to the kink, bps a year. */
  variableRateSlope1: bigint;
  /** Rate added from the kink to full usage, bps a year; at least slope 1, and base + slopes ≤ 100 000. */
  variableRateSlope2: bigint;
  /** Share of borrow interest kept by the treasury, bps (≤ 10 000). */
  reserveFactor: bigint;
}

/** A reserve's balances for {@link aaveRates}, in the asset's base units (the contract's CalculateInterestRatesParams). */
export interface AaveRateInput {
  /** Total variable debt. */
  totalDebt: bigint;
  /** Underlying held by the pool (the virtual balance). */
  virtualUnderlyingBalance: bigint;
  /** Unbacked aTokens (portals); default 0. */
  unbacked?: bigint;
  /** Liquidity being added by the action in progress; default 0. */
  liquidityAdded?: bigint;
  /** Liquidity being taken by the action in progress; default 0; at most balance + added. */
  liquidityTaken?: bigint;
}

/** Result of {@link aaveRates}: yearly rates and usage ratios in ray (10²⁷ = 100%). */
export interface AaveRatesResult {
  /** Supply (liquidity) rate, ray a year. */
  liquidityRate: bigint;
  /** Variable borrow rate, ray a year. */
  variableBorrowRate: bigint;
  /** totalDebt / (available + totalDebt), ray half-up; 0 without debt. */
  borrowUsageRatio: bigint;
  /** totalDebt / (available + totalDebt + unbacked), ray half-up; 0 without debt. */
  supplyUsageRatio: bigint;
}

const U128 = maxUint(128);
const PARAM_FIELDS = {
  optimalUsageRatio: { max: 9_900n, what: 'a bigint in [100, 9900] (bps)' },
  baseVariableBorrowRate: { max: maxUint(32) },
  variableRateSlope1: { max: maxUint(32) },
  variableRateSlope2: { max: maxUint(32) },
  reserveFactor: { max: BPS, what: 'a bigint in [0, 10000] (bps)' },
} as const;
const INPUT_FIELDS = {
  totalDebt: { max: U128 },
  virtualUnderlyingBalance: { max: U128 },
  unbacked: { max: U128, optional: true },
  liquidityAdded: { max: U128, optional: true },
  liquidityTaken: { max: U128, optional: true },
} as const;

/** Reads and checks strategy parameters as the contract's setter does. */
export function readAaveParams(value: unknown, path: string): Record<keyof AaveRateParams, bigint> {
  const p = readFields<keyof AaveRateParams>(value, path, PARAM_FIELDS);
  if (p.optimalUsageRatio < 100n) {
    throw new RiskInputError(`${path}.optimalUsageRatio`, 'a bigint in [100, 9900] (bps)', p.optimalUsageRatio);
  }
  if (p.variableRateSlope1 > p.variableRateSlope2) {
    throw new RiskInputError(`${path}.variableRateSlope2`, 'at least variableRateSlope1', p.variableRateSlope2);
  }
  if (p.baseVariableBorrowRate + p.variableRateSlope1 + p.variableRateSlope2 > 100_000n) {
    throw new RiskInputError(
      `${path}.variableRateSlope2`,
      'such that base + slope1 + slope2 ≤ 100000 bps',
      p.variableRateSlope2,
    );
  }
  return p;
}

/** bps → ray as the contract's _bpsToRay: n·10²³. */
const ray = (bps: bigint): bigint => bps * 10n ** 23n;

/** The strategy on usage ratios already in ray (kernel; also used by the rate path). */
export function aaveRatesAtUsage(
  borrowUsage: bigint,
  supplyUsage: bigint,
  p: Record<keyof AaveRateParams, bigint>,
): { liquidityRate: bigint; variableBorrowRate: bigint } {
  const optimal = ray(p.optimalUsageRatio);
  const slope1 = ray(p.variableRateSlope1);
  let rate = ray(p.baseVariableBorrowRate);
  if (borrowUsage > optimal) {
    const excess = halfUp(borrowUsage - optimal, RAY, RAY - optimal);
    rate += slope1 + halfUp(ray(p.variableRateSlope2), excess, RAY);
  } else {
    rate += halfUp(halfUp(slope1, borrowUsage, RAY), RAY, optimal);
  }
  const liquidityRate = halfUp(halfUp(rate, supplyUsage, RAY), BPS - p.reserveFactor, BPS);
  return { liquidityRate, variableBorrowRate: rate };
}

/**
 * Supply and variable borrow rates of an Aave v3 reserve (DefaultReserveInterestRateStrategyV2.calculateInterestRates
 * at aave-v3-origin fd1fbd91): without debt the liquidity rate is 0 and the borrow rate the base rate; otherwise
 * base + slope1·u/optimal below the kink and base + slope1 + slope2·(u − optimal)/(1 − optimal) above it, in ray
 * with half-up rayMul / rayDiv, and liquidityRate = percentMul(rayMul(borrowRate, supplyUsage), 10⁴ − reserveFactor).
 * Amounts are bigints up to 2¹²⁸ − 1; parameters are checked as the contract's setter checks them.
 * @param input the reserve's balances (base units)
 * @param params the strategy (bps)
 * @example
 * ```ts
 * import { aaveRates } from 'riskcore/lending';
 * const params = {
 *   optimalUsageRatio: 8000n, baseVariableBorrowRate: 100n, variableRateSlope1: 400n, variableRateSlope2: 6000n,
 *   reserveFactor: 1000n,
 * };
 * const r = aaveRates({ totalDebt: 80n, virtualUnderlyingBalance: 20n }, params);
 * console.log(r.variableBorrowRate); // 50000000000000000000000000n
 * console.log(r.liquidityRate); // 36000000000000000000000000n
 * ```
 */
export function aaveRates(input: AaveRateInput, params: AaveRateParams): AaveRatesResult {
  const i = readFields<keyof AaveRateInput>(input, 'input', INPUT_FIELDS);
  const p = readAaveParams(params, 'params');
  if (i.totalDebt === 0n) {
    return {
      liquidityRate: 0n,
      variableBorrowRate: ray(p.baseVariableBorrowRate),
      borrowUsageRatio: 0n,
      supplyUsageRatio: 0n,
    };
  }
  const available = i.virtualUnderlyingBalance + i.liquidityAdded - i.liquidityTaken;
  if (available < 0n) {
    throw new RiskInputError(
      'input.liquidityTaken',
      'at most virtualUnderlyingBalance + liquidityAdded',
      input.liquidityTaken,
    );
  }
  const borrowUsageRatio = halfUp(i.totalDebt, RAY, available + i.totalDebt);
  const supplyUsageRatio = halfUp(i.totalDebt, RAY, available + i.totalDebt + i.unbacked);
  return { ...aaveRatesAtUsage(borrowUsageRatio, supplyUsageRatio, p), borrowUsageRatio, supplyUsageRatio };
}
