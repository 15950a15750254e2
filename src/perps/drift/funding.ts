/**
 * Drift v2's funding: the hourly rate from mark and oracle TWAPs with the contract-tier clamp and the 7.3%-a-year
 * offset (controller/funding.rs `update_funding_rate`), the long and short rates after the protocol's capped share
 * of an imbalance (math/funding.rs `calculate_funding_rate_long_short`), and the payment a position owes or is owed
 * from the cumulative rate (`calculate_funding_payment`, truncated toward zero at settlement).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkEnum, checkStrictObject, joinPath, knownKeys, optionalEnum } from '../../core/validate.js';
import {
  fundingPayment,
  fundingPaymentRaw,
  fundingRate,
  maxFundingDivergence,
  rateFromPnlLimit,
} from './fundingKernels.js';
import { AMM_TO_QUOTE } from './constants.js';
import { babs, bmax, readInt, readOptInt, type DriftInt } from './int.js';
import { DRIFT_CONTRACT_TIERS, type DriftContractTier } from './market.js';

/** The funding rate of a period and the clamp that bounded it. */
export interface DriftFundingRateResult {
  /** Funding rate per base unit for the period, 10⁹ (positive: longs pay shorts). */
  fundingRate: bigint;
  /** Mark TWAP − oracle TWAP (+ offset), 10⁶, before the clamp. */
  priceSpread: bigint;
  /** The clamp ±maxPriceSpread of the contract tier, 10⁶. */
  maxPriceSpread: bigint;
}

const TWAP_KEYS = knownKeys('markTwap', 'oracleTwap');
const MKT_KEYS = knownKeys('contractTier', 'fundingPeriod');
const RATE_OPTS = knownKeys('offset');

/**
 * The funding rate of one period: (mark TWAP − oracle TWAP + |oracle TWAP|/5000), clamped to 1/33 of the oracle
 * TWAP for tiers A–B, 1/20 for C and 1/10 below, × 10³ / (24 h / period).
 *
 * @param twaps `markTwap` and `oracleTwap`, 10⁶
 * @param market `contractTier` and `fundingPeriod` (seconds, default 3600)
 * @param options `offset: 'none'` leaves out the 1/5000 offset (as Drift's own test helper does)
 * @example
 * ```ts
 * import { driftFundingRate } from 'riskcore/perps';
 * const r = driftFundingRate({ markTwap: 50_000_000, oracleTwap: 49_000_000 }, { contractTier: 'B' });
 * console.log(r.fundingRate); // 42075000n
 * console.log(r.maxPriceSpread); // 1484848n
 * ```
 */
export function driftFundingRate(
  twaps: { markTwap: DriftInt; oracleTwap: DriftInt },
  market: { contractTier: DriftContractTier; fundingPeriod?: DriftInt },
  options: { offset?: 'drift' | 'none' } = {},
): DriftFundingRateResult {
  const t = checkStrictObject(twaps, 'twaps', TWAP_KEYS);
  const m = checkStrictObject(market, 'market', MKT_KEYS);
  const o = checkStrictObject(options, 'options', RATE_OPTS);
  const mark = readInt(t.markTwap, 'twaps.markTwap', 'u64', 1n, 10n ** 15n);
  const oracle = readInt(t.oracleTwap, 'twaps.oracleTwap', 'i64', 1n, 10n ** 15n);
  const tier = checkEnum(m.contractTier, 'market.contractTier', DRIFT_CONTRACT_TIERS);
  const period = readOptInt(m.fundingPeriod, 'market.fundingPeriod', 'i64', 3600n, 10n ** 9n);
  if (period < 1n) throw new RiskInputError('market.fundingPeriod', 'a period in seconds ≥ 1', m.fundingPeriod);
  const offset = optionalEnum(o.offset, 'options.offset', ['drift', 'none'] as const, 'drift') === 'drift';
  const spread = mark - oracle + (offset ? babs(oracle) / 5000n : 0n);
  return {
    fundingRate: fundingRate(mark, oracle, period, tier, offset),
    priceSpread: spread,
    maxPriceSpread: maxFundingDivergence(tier, oracle),
  };
}

/** The AMM's funding position and fee pool (the fields of `AMM` that funding reads). */
export interface DriftFundingAmmInput {
  /** Net user base position taken by the AMM, 10⁹. */
  baseAssetAmountWithAmm: DriftInt;
  /** Total long base, 10⁹ (≥ 0). */
  baseAssetAmountLong: DriftInt;
  /** Total short base, 10⁹ (≤ 0). */
  baseAssetAmountShort: DriftInt;
  /** Exchange fees collected, 10⁶ (half are retained by Drift). */
  totalExchangeFee: DriftInt;
  /** Fees minus distributions, 10⁶. */
  totalFeeMinusDistributions: DriftInt;
  /** Liquidation fees collected, 10⁶ (default 0). */
  totalLiquidationFee?: DriftInt;
  /** Fees withdrawn, 10⁶ (default 0). */
  totalFeeWithdrawn?: DriftInt;
}

/** Long and short funding rates after the protocol's capped share. */
export interface DriftFundingRateLongShortResult {
  fundingRateLong: bigint;
  fundingRateShort: bigint;
  /** What the AMM's net position would receive (+) or pay (−) at the uncapped rate, 10⁶. */
  uncappedFundingPnl: bigint;
  /** What the AMM actually pays or receives, 10⁶ (pays at most ⅓ of the fee pool). */
  cappedFundingPnl: bigint;
  /** The AMM's fees minus distributions after funding, 10⁶. */
  totalFeeMinusDistributions: bigint;
}

const AMM_KEYS = knownKeys(
  'baseAssetAmountWithAmm',
  'baseAssetAmountLong',
  'baseAssetAmountShort',
  'totalExchangeFee',
  'totalFeeMinusDistributions',
  'totalLiquidationFee',
  'totalFeeWithdrawn',
);
const FR_KEYS = knownKeys('fundingRate');
const inQuote = (rate: bigint, base: bigint) => (rate === 0n ? 0n : fundingPaymentRaw(rate, base) / AMM_TO_QUOTE);

/**
 * Split a funding rate into the rates longs and shorts see: when the AMM, as counterparty of the net position,
 * would pay more than ⅓ of its fee pool, the receiving side's rate is cut so that the AMM pays only that.
 *
 * @param rate `fundingRate`, 10⁹
 * @param amm the AMM's positions and fees
 * @example
 * ```ts
 * import { driftFundingRateLongShort } from 'riskcore/perps';
 * const r = driftFundingRateLongShort(
 *   { fundingRate: 41_666_666n },
 *   {
 *     baseAssetAmountWithAmm: -12_295_081_967n, baseAssetAmountLong: 12_295_081_967n,
 *     baseAssetAmountShort: -24_590_163_934n, totalExchangeFee: 500_000n, totalFeeMinusDistributions: 500_000n,
 *   },
 * );
 * console.log(r.fundingRateLong); // 41666666n
 * console.log(r.fundingRateShort); // 24222164n
 * console.log(r.totalFeeMinusDistributions); // 416667n
 * ```
 */
export function driftFundingRateLongShort(
  rate: { fundingRate: DriftInt },
  amm: DriftFundingAmmInput,
): DriftFundingRateLongShortResult {
  const fr = readInt(checkStrictObject(rate, 'rate', FR_KEYS).fundingRate, 'rate.fundingRate', 'i64');
  const a = checkStrictObject(amm, 'amm', AMM_KEYS);
  const at = (k: string) => joinPath('amm', k);
  const withAmm = readInt(a.baseAssetAmountWithAmm, at('baseAssetAmountWithAmm'), 'i64', -(10n ** 17n), 10n ** 17n);
  const long = readInt(a.baseAssetAmountLong, at('baseAssetAmountLong'), 'i64', 0n, 10n ** 17n);
  const short = readInt(a.baseAssetAmountShort, at('baseAssetAmountShort'), 'i64', -(10n ** 17n), 0n);
  const fee = readInt(a.totalExchangeFee, at('totalExchangeFee'), 'u64', 0n, 10n ** 17n);
  const tfmd = readInt(
    a.totalFeeMinusDistributions,
    at('totalFeeMinusDistributions'),
    'i64',
    -(10n ** 17n),
    10n ** 17n,
  );
  const liq = readOptInt(a.totalLiquidationFee, at('totalLiquidationFee'), 'u64', 0n, 10n ** 17n);
  const withdrawn = readOptInt(a.totalFeeWithdrawn, at('totalFeeWithdrawn'), 'u64', 0n, 10n ** 17n);
  const uncapped = -inQuote(fr, withAmm);
  if (uncapped >= 0n) {
    return {
      fundingRateLong: fr,
      fundingRateShort: fr,
      uncappedFundingPnl: uncapped,
      cappedFundingPnl: uncapped,
      totalFeeMinusDistributions: tfmd + uncapped,
    };
  }
  const lower = fee / 2n;
  const bound = lower + liq - withdrawn;
  const pool = tfmd > bound ? tfmd - bound : 0n;
  const limit = -(pool / 3n);
  const cappedPnl = bmax(uncapped, limit);
  let capped = fr;
  if (uncapped < limit) {
    const fromUsers = inQuote(fr, fr > 0n ? long : short);
    capped = rateFromPnlLimit(limit - babs(fromUsers), fr < 0n ? long : short, 'amm');
  }
  const next = tfmd + cappedPnl;
  if (cappedPnl !== 0n && next < lower) {
    throw new RiskInputError(
      'amm.totalFeeMinusDistributions',
      'enough fees for the capped funding (Drift fails with InvalidFundingProfitability)',
      tfmd,
    );
  }
  return {
    fundingRateLong: fr < 0n ? capped : fr,
    fundingRateShort: fr > 0n ? capped : fr,
    uncappedFundingPnl: uncapped,
    cappedFundingPnl: cappedPnl,
    totalFeeMinusDistributions: next,
  };
}

const POS_KEYS = knownKeys('baseAssetAmount', 'lastCumulativeFundingRate');
const CUM_KEYS = knownKeys('cumulativeFundingRateLong', 'cumulativeFundingRateShort');

/**
 * The funding a position receives (+) or pays (−) since its last settlement, quote precision 10⁶:
 * −sign(base)·sign(Δ)·⌊|Δ|·|base| / 10⁹⌋ / 10³ truncated toward zero, Δ the market's cumulative rate for the
 * position's side minus the position's.
 *
 * @param position `baseAssetAmount` (10⁹) and `lastCumulativeFundingRate` (10⁹)
 * @param market the cumulative funding rates of longs and shorts (10⁹)
 * @example
 * ```ts
 * import { driftFundingPayment } from 'riskcore/perps';
 * const m = { cumulativeFundingRateLong: 140_002_666n, cumulativeFundingRateShort: 140_002_666n };
 * console.log(driftFundingPayment({ baseAssetAmount: 2_000_000_000n, lastCumulativeFundingRate: 0n }, m)); // -280005n
 * console.log(driftFundingPayment({ baseAssetAmount: -2_000_000_000n, lastCumulativeFundingRate: 0n }, m)); // 280005n
 * ```
 */
export function driftFundingPayment(
  position: { baseAssetAmount: DriftInt; lastCumulativeFundingRate: DriftInt },
  market: { cumulativeFundingRateLong: DriftInt; cumulativeFundingRateShort: DriftInt },
): bigint {
  const p = checkStrictObject(position, 'position', POS_KEYS);
  const m = checkStrictObject(market, 'market', CUM_KEYS);
  const base = readInt(p.baseAssetAmount, 'position.baseAssetAmount', 'i64', -(10n ** 17n), 10n ** 17n);
  const last = readInt(p.lastCumulativeFundingRate, 'position.lastCumulativeFundingRate', 'i64');
  const cumLong = readInt(m.cumulativeFundingRateLong, 'market.cumulativeFundingRateLong', 'i64');
  const cumShort = readInt(m.cumulativeFundingRateShort, 'market.cumulativeFundingRateShort', 'i64');
  return fundingPayment((base > 0n ? cumLong : cumShort) - last, base);
}
