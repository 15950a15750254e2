/**
 * Euler v2: the linear-kink interest-rate model (euler-xyz/euler-vault-kit 5b98b420, IRMLinearKink) and the vault's
 * interest accrual (Cache.sol: the interest accumulator grows by rpow(1 + rate, Δt) in ray, debts are held with 31
 * extra bits of precision, and the interest fee is minted as shares).
 */
import { RiskInputError } from '../../core/errors.js';
import { RAY, UINT256_MAX } from '../evm/constants.js';
import { rpowRaw } from '../evm/compounding.js';
import { maxUint, readFields } from './fields.js';

const U32 = maxUint(32);
const U112 = maxUint(112);
const SHIFT = 31n;
/** The vault's cap on a model's rate (MAX_ALLOWED_INTEREST_RATE), ray per second. */
export const EULER_MAX_INTEREST_RATE = 291867278914945094175n;
const MAX_SANE_DEBT = U112 << SHIFT;

/** Parameters of an IRMLinearKink: rates per second in ray per unit of the uint32 utilization scale. */
export interface EulerLinearKinkParams {
  /** Rate at zero utilization, ray per second. */
  baseRate: bigint;
  /** Rate added per utilization unit (of 2³² − 1) up to the kink. */
  slope1: bigint;
  /** Rate added per utilization unit above the kink. */
  slope2: bigint;
  /** Kink, in units of 2³² − 1 = 100% (uint32). */
  kink: bigint;
}

/** A vault's cash and total borrows (asset units) as the model reads them. */
export interface EulerBalances {
  cash: bigint;
  borrows: bigint;
}

/** Result of {@link eulerLinearKinkRate}. */
export interface EulerRateResult {
  /** ⌊borrows·(2³² − 1)/(cash + borrows)⌋, uint32; 0 when both are 0. */
  utilization: bigint;
  /** The model's rate, ray per second (second-percent-yield, SPY). */
  interestRate: bigint;
  /** The rate the vault stores: the model's rate capped at {@link EULER_MAX_INTEREST_RATE}. */
  vaultRate: bigint;
}

const PARAM_FIELDS = {
  baseRate: { max: maxUint(128) },
  slope1: { max: maxUint(128) },
  slope2: { max: maxUint(128) },
  kink: { max: U32 },
} as const;
const BALANCE_FIELDS = { cash: { max: U112 }, borrows: { max: U112 } } as const;

/** The model on a validated uint32 utilization. */
export function eulerKinkRaw(u: bigint, p: Record<keyof EulerLinearKinkParams, bigint>): bigint {
  return u <= p.kink ? p.baseRate + u * p.slope1 : p.baseRate + p.kink * p.slope1 + p.slope2 * (u - p.kink);
}

/** Reads IRMLinearKink parameters. */
export const readEulerParams = (v: unknown, path: string) =>
  readFields<keyof EulerLinearKinkParams>(v, path, PARAM_FIELDS);

/**
 * The rate of an Euler IRMLinearKink (computeInterestRateInternal): u = ⌊borrows·(2³² − 1)/(cash + borrows)⌋ (0 for
 * an empty vault), rate = base + u·slope1 up to the kink, base + kink·slope1 + (u − kink)·slope2 above it, in ray per
 * second. Amounts up to 2¹¹² − 1 (the vault's MAX_SANE_AMOUNT).
 * @param balances the vault's cash and borrows
 * @param params the model's constructor arguments
 * @example
 * ```ts
 * import { eulerLinearKinkRate } from 'riskcore/lending';
 * // Euler's test model: 0% base, 10% APY at the 50% kink, 300% APY at 100%
 * const params = { baseRate: 0n, slope1: 1406417851n, slope2: 19050045013n, kink: 2147483648n };
 * console.log(eulerLinearKinkRate({ cash: 10n ** 18n, borrows: 10n ** 18n }, params).interestRate); // 3020259335871382597n
 * ```
 */
export function eulerLinearKinkRate(balances: EulerBalances, params: EulerLinearKinkParams): EulerRateResult {
  const b = readFields<keyof EulerBalances>(balances, 'balances', BALANCE_FIELDS);
  const p = readEulerParams(params, 'params');
  const total = b.cash + b.borrows;
  const utilization = total === 0n ? 0n : (b.borrows * U32) / total;
  const interestRate = eulerKinkRaw(utilization, p);
  const vaultRate = interestRate > EULER_MAX_INTEREST_RATE ? EULER_MAX_INTEREST_RATE : interestRate;
  return { utilization, interestRate, vaultRate };
}

/** A vault's stored state for {@link eulerAccrue}. */
export interface EulerVaultState {
  /** Interest accumulator, ray (starts at 10²⁷). */
  interestAccumulator: bigint;
  /** Total borrows in the vault's internal precision (assets · 2³¹). */
  totalBorrows: bigint;
  /** Total shares. */
  totalShares: bigint;
  /** Cash held, assets. */
  cash: bigint;
  /** Fee shares accumulated so far. */
  accumulatedFees: bigint;
}

/** Context of {@link eulerAccrue}: the stored rate (ray per second), the interest fee (of 10⁴) and the time. */
export interface EulerAccrualContext {
  interestRate: bigint;
  interestFee: bigint;
  elapsed: bigint;
}

/** Result of {@link eulerAccrue}: the state after the accrual (unchanged where the contract keeps it). */
export interface EulerAccrualResult extends EulerVaultState {
  /** False where the vault kept the old state because a value would have overflowed. */
  updated: boolean;
}

const STATE_FIELDS = {
  interestAccumulator: { max: UINT256_MAX },
  totalBorrows: { max: MAX_SANE_DEBT },
  totalShares: { max: U112 },
  cash: { max: U112 },
  accumulatedFees: { max: U112 },
} as const;
const CONTEXT_FIELDS = {
  interestRate: { max: maxUint(72) },
  interestFee: { max: 10_000n, what: 'a bigint in [0, 10000] (of 1e4)' },
  elapsed: { max: maxUint(48) },
} as const;

/** The accrual kernel (Cache.sol initVaultCache) on validated values. */
export function eulerAccrueRaw(
  s: Record<keyof EulerVaultState, bigint>,
  rate: bigint,
  fee: bigint,
  dt: bigint,
): EulerAccrualResult {
  if (dt === 0n) return { ...s, updated: false };
  let acc = s.interestAccumulator;
  let borrows = s.totalBorrows;
  const mult = rpowRaw(rate + RAY, dt, RAY);
  if (mult !== null && acc * mult <= UINT256_MAX) acc = (acc * mult) / RAY;
  if (acc !== 0n && borrows * acc <= UINT256_MAX) borrows = (borrows * acc) / s.interestAccumulator;
  let shares = s.totalShares;
  let fees = s.accumulatedFees;
  const feeAssets = ((borrows - s.totalBorrows) * fee) / (10_000n << SHIFT);
  if (feeAssets !== 0n) {
    const totalAssets = s.cash + ((borrows + (1n << SHIFT) - 1n) >> SHIFT);
    shares = (totalAssets * shares) / (totalAssets - feeAssets);
    fees += shares - s.totalShares;
  }
  if (borrows > MAX_SANE_DEBT) return { ...s, updated: false };
  const out = { ...s, interestAccumulator: acc, totalBorrows: borrows, updated: true };
  if (shares !== s.totalShares && shares <= U112) return { ...out, totalShares: shares, accumulatedFees: fees };
  return out;
}

/**
 * One interest accrual of an Euler v2 vault after `context.elapsed` seconds (Cache.sol): accumulator ×
 * rpow(10²⁷ + rate, Δt, 10²⁷)/10²⁷ (kept when the power or product overflows), total borrows × new/old accumulator,
 * and the interest fee's assets ⌊Δborrows·fee / (10⁴·2³¹)⌋ minted as shares at newTotalAssets / (newTotalAssets −
 * feeAssets), all floored; the state is stored only when total borrows stay within the vault's sane range.
 * @param vault the vault's stored state
 * @param context the stored rate (ray per second), the interest fee (of 10⁴) and the elapsed seconds
 * @example
 * ```ts
 * import { eulerAccrue, RAY } from 'riskcore/lending';
 * const vault = { interestAccumulator: RAY, totalBorrows: 10n ** 18n << 31n, totalShares: 2n * 10n ** 18n, cash: 10n ** 18n, accumulatedFees: 0n };
 * const r = eulerAccrue(vault, { interestRate: 3020259335871382597n, interestFee: 1000n, elapsed: 31_556_952n });
 * console.log(r.interestAccumulator); // 1099999998835528461876534213n
 * console.log(r.accumulatedFees); // 9569377883796475n
 * ```
 */
export function eulerAccrue(vault: EulerVaultState, context: EulerAccrualContext): EulerAccrualResult {
  const s = readFields<keyof EulerVaultState>(vault, 'vault', STATE_FIELDS);
  if (s.interestAccumulator === 0n) {
    throw new RiskInputError(
      'vault.interestAccumulator',
      'a non-zero ray (it starts at 1e27)',
      vault.interestAccumulator,
    );
  }
  const c = readFields<keyof EulerAccrualContext>(context, 'context', CONTEXT_FIELDS);
  return eulerAccrueRaw(s, c.interestRate, c.interestFee, c.elapsed);
}
