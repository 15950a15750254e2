/**
 * Morpho's AdaptiveCurveIrm (morpho-org/morpho-blue-irm a1a87fd5) and Morpho Blue's interest accrual
 * (morpho-org/morpho-blue 3085651a, Morpho._accrueInterest): the borrow rate is a curve around a rate at target
 * utilization (90%) that is 4× steeper above than below, and the rate at target adapts exponentially at 50/year per
 * unit of normalized error, the average over the elapsed time being taken by the trapezoid of start, middle and end.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkUint256 } from '../evm/check.js';
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { wTaylorRaw } from '../evm/compounding.js';
import { maxUint, readFields } from './fields.js';

const YEAR = 31_536_000n;
/** The AdaptiveCurveIrm's constants (ConstantsLib), wad and wad per second. */
export const MORPHO_ADAPTIVE_CURVE = Object.freeze({
  curveSteepness: 4n * WAD,
  adjustmentSpeed: (50n * WAD) / YEAR,
  targetUtilization: (9n * WAD) / 10n,
  initialRateAtTarget: (4n * WAD) / 100n / YEAR,
  minRateAtTarget: WAD / 1000n / YEAR,
  maxRateAtTarget: (2n * WAD) / YEAR,
});
const C = MORPHO_ADAPTIVE_CURVE;
const U128 = maxUint(128);
const U48 = maxUint(48);

const LN_2 = 693147180559945309n;
const LN_WEI = -41446531673892822312n;
const WEXP_UPPER_BOUND = 93859467695000404319n;
const WEXP_UPPER_VALUE = 57716089161558943949701069502944508345128422502756744429568n;

/** ExpLib.wExp: e^(x/10¹⁸)·10¹⁸ by x = q·ln2 + r, e^r to two Taylor terms, shifted by q; clamped at both ends. */
export function wExp(x: bigint): bigint {
  if (x < LN_WEI) return 0n;
  if (x >= WEXP_UPPER_BOUND) return WEXP_UPPER_VALUE;
  const q = (x + (x < 0n ? -(LN_2 / 2n) : LN_2 / 2n)) / LN_2;
  const r = x - q * LN_2;
  const expR = WAD + r + (r * r) / WAD / 2n;
  return q >= 0n ? expR << q : expR >> -q;
}

const wMulToZero = (x: bigint, y: bigint): bigint => (x * y) / WAD;
const wDivToZero = (x: bigint, y: bigint): bigint => (x * WAD) / y;
const bound = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x);

/** The curve: (coeff·err + 1)·rateAtTarget, coeff 1 − 1/steepness below target and steepness − 1 above. */
const curve = (rateAtTarget: bigint, err: bigint): bigint =>
  wMulToZero(
    wMulToZero(err < 0n ? WAD - wDivToZero(WAD, C.curveSteepness) : C.curveSteepness - WAD, err) + WAD,
    rateAtTarget,
  );

const newRateAtTarget = (start: bigint, linear: bigint): bigint =>
  bound(wMulToZero(start, wExp(linear)), C.minRateAtTarget, C.maxRateAtTarget);

/** Normalized error of a utilization (wad): (u − target)/(1 − target) above target, (u − target)/target below. */
export const morphoError = (u: bigint): bigint =>
  wDivToZero(u - C.targetUtilization, u > C.targetUtilization ? WAD - C.targetUtilization : C.targetUtilization);

/** Result of {@link morphoAdaptiveRate}. */
export interface MorphoRateResult {
  /** The average borrow rate over the elapsed time, per second, wad: what Morpho Blue accrues with. */
  avgBorrowRate: bigint;
  /** The rate at target at the end, per second, wad: what the IRM stores. */
  endRateAtTarget: bigint;
  /** totalBorrow / totalSupply, wad (floor); 0 without supply. */
  utilization: bigint;
}

/** The market totals the IRM reads. */
export interface MorphoIrmMarket {
  totalSupplyAssets: bigint;
  totalBorrowAssets: bigint;
}

/** Context of {@link morphoAdaptiveRate}: the IRM's stored rate at target (0n before the first call) and the time. */
export interface MorphoRateContext {
  /** Stored rate at target, per second, wad; 0n when the market has not been touched. */
  rateAtTarget: bigint;
  /** Seconds since the market's last update. */
  elapsed: bigint;
}

/** _borrowRate kernel on a validated utilization, stored rate at target and time. */
export function morphoRateRaw(u: bigint, start: bigint, elapsed: bigint): { avg: bigint; end: bigint } {
  const err = morphoError(u);
  if (start === 0n) return { avg: curve(C.initialRateAtTarget, err), end: C.initialRateAtTarget };
  const linear = wMulToZero(C.adjustmentSpeed, err) * elapsed;
  if (linear === 0n) return { avg: curve(start, err), end: start };
  const end = newRateAtTarget(start, linear);
  const mid = newRateAtTarget(start, linear / 2n);
  return { avg: curve((start + end + 2n * mid) / 4n, err), end };
}

const MARKET_FIELDS = { totalSupplyAssets: { max: U128 }, totalBorrowAssets: { max: U128 } } as const;
const RATE_CONTEXT_KEYS = knownKeys('rateAtTarget', 'elapsed');

/**
 * The AdaptiveCurveIrm's borrow rate for a market (borrowRate / borrowRateView): with u = ⌊borrow·10¹⁸/supply⌋ and
 * the normalized error e, the rate at target moves by exp(50/year · e · Δt) (bounded to 0.1%–200% a year), and the
 * rate returned is the curve at the average rate at target (start + end + 2·middle)/4. On the first call (stored rate
 * 0) the rate at target is the initial 4% a year. Signed integer math truncates toward zero as the contract's.
 * @param market the market totals (uint128)
 * @param context the stored rate at target and the seconds since the last update (≤ 2⁴⁸ − 1)
 * @example
 * ```ts
 * import { morphoAdaptiveRate, MORPHO_ADAPTIVE_CURVE } from 'riskcore/lending';
 * const market = { totalSupplyAssets: 10n ** 18n, totalBorrowAssets: 10n ** 18n };
 * const first = morphoAdaptiveRate(market, { rateAtTarget: 0n, elapsed: 0n });
 * console.log(first.avgBorrowRate === MORPHO_ADAPTIVE_CURVE.initialRateAtTarget * 4n); // true
 * const later = morphoAdaptiveRate(market, { rateAtTarget: first.endRateAtTarget, elapsed: 5n * 86_400n });
 * console.log(later.avgBorrowRate * 31_536_000n); // 231434017724160000n
 * ```
 */
export function morphoAdaptiveRate(market: MorphoIrmMarket, context: MorphoRateContext): MorphoRateResult {
  const m = readFields<keyof MorphoIrmMarket>(market, 'market', MARKET_FIELDS);
  const ctx = checkStrictObject(context, 'context', RATE_CONTEXT_KEYS);
  const start = checkUint256(ctx.rateAtTarget, 'context.rateAtTarget');
  if (start > C.maxRateAtTarget) {
    throw new RiskInputError(
      'context.rateAtTarget',
      `0n or a stored rate in [0, ${C.maxRateAtTarget}]`,
      ctx.rateAtTarget,
    );
  }
  const elapsed = checkUint256(ctx.elapsed, 'context.elapsed');
  if (elapsed > U48) throw new RiskInputError('context.elapsed', `a bigint in [0, ${U48}] (seconds)`, ctx.elapsed);
  const utilization = m.totalSupplyAssets > 0n ? mulDivDownRaw(m.totalBorrowAssets, WAD, m.totalSupplyAssets) : 0n;
  const { avg, end } = morphoRateRaw(utilization, start, elapsed);
  return { avgBorrowRate: avg, endRateAtTarget: end, utilization };
}

/** A Morpho Blue market's totals for {@link morphoAccrue} (uint128 each; fee in wad, at most 25%). */
export interface MorphoMarket {
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
  /** Protocol fee on interest, wad (≤ 0.25·10¹⁸). */
  fee: bigint;
}

/** Context of {@link morphoAccrue}: the IRM's borrow rate (per second, wad) and the elapsed seconds. */
export interface MorphoAccrualContext {
  borrowRate: bigint;
  elapsed: bigint;
}

/** Result of {@link morphoAccrue}: the totals after the accrual, the interest and the fee shares minted. */
export interface MorphoAccrualResult {
  interest: bigint;
  feeShares: bigint;
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
}

const ACCRUAL_FIELDS = {
  totalSupplyAssets: { max: U128 },
  totalSupplyShares: { max: U128 },
  totalBorrowAssets: { max: U128 },
  fee: { max: WAD / 4n, what: 'a bigint in [0, 0.25e18] (wad)' },
} as const;
const ACCRUAL_CONTEXT_FIELDS = { borrowRate: { max: maxUint(256) }, elapsed: { max: U48 } } as const;

/** _accrueInterest kernel on validated values; null where the contract reverts (a uint128 overflow). */
export function morphoAccrueRaw(
  m: Record<keyof MorphoMarket, bigint>,
  rate: bigint,
  dt: bigint,
): MorphoAccrualResult | null {
  const growth = wTaylorRaw(rate, dt);
  if (growth > maxUint(256)) return null;
  const interest = mulDivDownRaw(m.totalBorrowAssets, growth, WAD);
  const totalBorrowAssets = m.totalBorrowAssets + interest;
  const totalSupplyAssets = m.totalSupplyAssets + interest;
  if (totalBorrowAssets > U128 || totalSupplyAssets > U128) return null;
  let feeShares = 0n;
  if (m.fee !== 0n) {
    const feeAmount = mulDivDownRaw(interest, m.fee, WAD);
    feeShares = mulDivDownRaw(feeAmount, m.totalSupplyShares + 1_000_000n, totalSupplyAssets - feeAmount + 1n);
  }
  const totalSupplyShares = m.totalSupplyShares + feeShares;
  if (totalSupplyShares > U128) return null;
  return { interest, feeShares, totalSupplyAssets, totalSupplyShares, totalBorrowAssets };
}

/**
 * One interest accrual of a Morpho Blue market (Morpho._accrueInterest): interest = wMulDown(totalBorrow,
 * wTaylorCompounded(rate, Δt)) added to both totals, and the fee's share minted to the fee recipient as supply shares
 * rounded down against the supply before the fee (virtual shares 10⁶, virtual assets 1). A total beyond uint128 (the
 * contract reverts) is a RiskInputError on `context.elapsed`.
 * @param market the market's totals and fee
 * @param context the borrow rate (per second, wad) and the elapsed seconds
 * @example
 * ```ts
 * import { morphoAccrue } from 'riskcore/lending';
 * const market = { totalSupplyAssets: 10n ** 24n, totalSupplyShares: 10n ** 30n, totalBorrowAssets: 9n * 10n ** 23n, fee: 10n ** 17n };
 * const r = morphoAccrue(market, { borrowRate: 1268391679n, elapsed: 31_536_000n });
 * console.log(r.interest); // 36729599989643622900000n
 * console.log(r.feeShares); // 3555429447699500311330014581n
 * ```
 */
export function morphoAccrue(market: MorphoMarket, context: MorphoAccrualContext): MorphoAccrualResult {
  const m = readFields<keyof MorphoMarket>(market, 'market', ACCRUAL_FIELDS);
  const c = readFields<keyof MorphoAccrualContext>(context, 'context', ACCRUAL_CONTEXT_FIELDS);
  const r = morphoAccrueRaw(m, c.borrowRate, c.elapsed);
  if (r === null) throw new RiskInputError('context.elapsed', 'short enough that the totals fit in uint128', c.elapsed);
  return r;
}
