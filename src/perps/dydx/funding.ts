/**
 * Funding of dYdX v4 (`x/perpetuals/keeper/perpetual.go` `MaybeProcessNewFundingTickEpoch`,
 * `x/perpetuals/funding/funding.go`, `x/perpetuals/lib/lib.go`): premium samples → premium, premium → clamped
 * 8-hour funding rate, rate → funding-index delta, and the settlement of a position against the index.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkArray, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { ONE_MILLION, baseToQuote, bigClamp, divEuclid } from './bigMath.js';
import { tierClampPpm } from './liquidityTier.js';
import { settlementPpm } from './risk.js';
import { type DydxLiquidityTier, checkExponent, checkInt, checkInt32, checkTier, checkUint32 } from './validate.js';

/** Options of {@link dydxPremiumPpm}. */
export interface DydxPremiumOptions {
  /** Number of sample epochs counted by the store (`NumPremiums`); default the number of samples given. */
  readonly numPremiums?: number;
  /** Minimum samples (tick duration / sample duration, rounded up); missing samples count as 0. Default 0. */
  readonly minSamples?: number;
  /** Share of samples removed from each tail, ppm (`RemovedTailSampleRatioPpm`, 0 on chain). Default 0. */
  readonly tailRemovalRatePpm?: number;
}
const PREMIUM_KEYS = knownKeys('numPremiums', 'minSamples', 'tailRemovalRatePpm');

/**
 * Premium of a funding-tick epoch from its premium samples, ppm (`processStoredPremiums`): the samples are padded
 * with zeros to max(numPremiums, minSamples), a `tailRemovalRatePpm` share is cut from each sorted tail, and the
 * rest averaged with truncation toward zero (`AvgInt32`).
 *
 * @param samples the non-zero premium samples of the epoch, ppm (int32)
 * @param options padding length and tail removal
 * @example
 * ```ts
 * import { dydxPremiumPpm } from 'riskcore/perps';
 * console.log(dydxPremiumPpm([100, 200, -50], { minSamples: 60 })); // 4
 * ```
 */
export function dydxPremiumPpm(samples: readonly number[], options: DydxPremiumOptions = {}): number {
  const xs = checkArray(samples, 'samples').map((v, i) => checkInt32(v, joinPath('samples', i)));
  const o = checkStrictObject(options, 'options', PREMIUM_KEYS);
  const num = o.numPremiums === undefined ? xs.length : checkUint32(o.numPremiums, 'options.numPremiums', 1_000_000);
  const min = o.minSamples === undefined ? 0 : checkUint32(o.minSamples, 'options.minSamples', 1_000_000);
  const tail =
    o.tailRemovalRatePpm === undefined ? 0 : checkUint32(o.tailRemovalRatePpm, 'options.tailRemovalRatePpm', 500_000);
  if (num < xs.length)
    throw new RiskInputError('options.numPremiums', `at least the number of samples (${xs.length})`, num);
  const padded = xs.concat(new Array<number>(Math.max(num, min) - xs.length).fill(0));
  if (padded.length === 0)
    throw new RiskInputError('samples', 'at least one sample (or options.minSamples > 0)', samples);
  let kept = padded;
  const removal = Math.trunc((padded.length * tail * 2) / 1_000_000);
  if (removal > 0 && removal < padded.length) {
    const bottom = Math.trunc(removal / 2);
    kept = padded
      .slice()
      .sort((a, b) => a - b)
      .slice(bottom, padded.length - (removal - bottom));
  }
  let sum = 0n;
  for (const v of kept) sum += BigInt(v);
  return Number(sum / BigInt(kept.length));
}

/** Context of {@link dydxFundingRatePpm}. */
export interface DydxFundingRateContext {
  /** The perpetual's liquidity tier (sets the clamp). */
  readonly tier: DydxLiquidityTier;
  /** The chain's `funding_rate_clamp_factor_ppm` (mainnet genesis 6 000 000 = 600%). */
  readonly clampFactorPpm: number;
  /** The perpetual's default funding, ppm per 8 hours; default 0. */
  readonly defaultFundingPpm?: number;
}
const RATE_KEYS = knownKeys('tier', 'clampFactorPpm', 'defaultFundingPpm');

/**
 * 8-hour funding rate of a perpetual, ppm: premium + default funding, clamped to
 * ±⌊clampFactor · (IMF − MMF) / 10⁶⌋ (`MaybeProcessNewFundingTickEpoch`).
 *
 * @param premiumPpm the epoch's premium, ppm
 * @param context tier, clamp factor and default funding
 * @example
 * ```ts
 * import { dydxFundingRatePpm } from 'riskcore/perps';
 * const tier = { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 };
 * console.log(dydxFundingRatePpm(150_000, { tier, clampFactorPpm: 6_000_000 })); // 120000n
 * ```
 */
export function dydxFundingRatePpm(premiumPpm: number, context: DydxFundingRateContext): bigint {
  const p = BigInt(checkInt32(premiumPpm, 'premiumPpm'));
  const c = checkStrictObject(context, 'context', RATE_KEYS);
  const t = checkTier(c.tier, 'context.tier');
  const clamp = tierClampPpm(t, BigInt(checkUint32(c.clampFactorPpm, 'context.clampFactorPpm')));
  const d =
    c.defaultFundingPpm === undefined ? 0n : BigInt(checkInt32(c.defaultFundingPpm, 'context.defaultFundingPpm'));
  return bigClamp(p + d, -clamp, clamp);
}

/** Context of {@link dydxFundingIndexDelta}. */
export interface DydxFundingIndexContext {
  /** Base atomic resolution of the perpetual. */
  readonly atomicResolution: number;
  /** Oracle price value. */
  readonly price: bigint | number | string;
  /** Oracle price exponent. */
  readonly priceExponent: number;
  /** Seconds since the last funding tick (the funding-tick epoch duration, 3600 on mainnet). */
  readonly seconds: number;
}
const INDEX_KEYS = knownKeys('atomicResolution', 'price', 'priceExponent', 'seconds');

/**
 * Change of the funding index over a tick, quote quantums per base quantum × 10⁶ (`GetFundingIndexDelta`):
 * `quo(baseToQuote(seconds · rate), 8·3600)`, each division truncated toward zero.
 *
 * @param fundingRatePpm the (clamped) 8-hour funding rate, ppm
 * @param context price, resolution and elapsed seconds
 * @example
 * ```ts
 * import { dydxFundingIndexDelta } from 'riskcore/perps';
 * const ctx = { atomicResolution: -4, price: 1_000n, priceExponent: 2, seconds: 14_400 };
 * console.log(dydxFundingIndexDelta(-1_001_999n, ctx)); // -5009995000000n
 * ```
 */
export function dydxFundingIndexDelta(
  fundingRatePpm: bigint | number | string,
  context: DydxFundingIndexContext,
): bigint {
  const r = checkInt(fundingRatePpm, 'fundingRatePpm');
  const c = checkStrictObject(context, 'context', INDEX_KEYS);
  const ar = checkExponent(c.atomicResolution, 'context.atomicResolution');
  const price = checkInt(c.price, 'context.price', 'positive');
  const pe = checkExponent(c.priceExponent, 'context.priceExponent');
  const s = BigInt(checkUint32(c.seconds, 'context.seconds'));
  return baseToQuote(s * r, ar, price, pe) / 28_800n;
}

/** Result of {@link dydxFundingSettlement}. */
export interface DydxFundingSettlementResult {
  /** Exact settlement in quote quantums × 10⁶: −(index − positionIndex) · size (> 0 received). */
  readonly settlementPpm: bigint;
  /** The settlement alone in quote quantums, ⌊settlementPpm / 10⁶⌋ (what USDC changes by for a one-position account). */
  readonly quoteQuantums: bigint;
  /** Funding payment as the chain reports it, −⌊settlementPpm / 10⁶⌋ (> 0 paid). */
  readonly paymentQuoteQuantums: bigint;
}
/** A position as {@link dydxFundingSettlement} reads it. */
export interface DydxFundingPosition {
  /** Signed size, base quantums. */
  readonly quantums: bigint | number | string;
  /** The funding index the position was last settled at. */
  readonly fundingIndex: bigint | number | string;
}
const FPOS_KEYS = knownKeys('quantums', 'fundingIndex');
const FCTX_KEYS = knownKeys('fundingIndex');

/**
 * Funding a position settles against the perpetual's current index (`GetSettlementPpmWithPerpetual`): longs pay
 * when the index rises. Across an account the ppm amounts are summed before the floor division.
 *
 * @param position size and the index it was last settled at
 * @param context the perpetual's current funding index
 * @example
 * ```ts
 * import { dydxFundingSettlement } from 'riskcore/perps';
 * const r = dydxFundingSettlement({ quantums: -30_000n, fundingIndex: 0n }, { fundingIndex: 200n });
 * console.log(r.settlementPpm, r.quoteQuantums, r.paymentQuoteQuantums); // 6000000n 6n -6n
 * ```
 */
export function dydxFundingSettlement(
  position: DydxFundingPosition,
  context: { readonly fundingIndex: bigint | number | string },
): DydxFundingSettlementResult {
  const p = checkStrictObject(position, 'position', FPOS_KEYS);
  const q = checkInt(p.quantums, 'position.quantums');
  const pi = checkInt(p.fundingIndex, 'position.fundingIndex');
  const c = checkStrictObject(context, 'context', FCTX_KEYS);
  const ci = checkInt(c.fundingIndex, 'context.fundingIndex');
  const s = settlementPpm(ci, pi, q);
  const qq = divEuclid(s, ONE_MILLION);
  return { settlementPpm: s, quoteQuantums: qq, paymentQuoteQuantums: -qq };
}
