/**
 * Liquidity tiers of dYdX v4 (`protocol/x/perpetuals/types/liquidity_tier.go`): maintenance margin as a fraction of
 * initial, the open-interest scaled initial margin fraction (OIMF), the initial margin of a notional and the funding
 * clamp bound, in the venue's integer arithmetic.
 */
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { ONE_MILLION, bigMax, divEuclid, mulPpm } from './bigMath.js';
import { type DydxLiquidityTier, type Tier, checkInt, checkTier, checkUint32, optionalInt } from './validate.js';

/** Kernel: maintenance margin ppm = ⌊IMF · MF / 10⁶⌋. */
export const tierMmfPpm = (t: Tier): bigint => divEuclid(t.imfPpm * t.mfPpm, ONE_MILLION);

/** Kernel: the OI-adjusted IMF in ppm for an open notional in quote quantums. */
export function tierAdjustedImfPpm(t: Tier, oiQuote: bigint): bigint {
  if (t.upperCap === 0n || oiQuote <= t.lowerCap) return t.imfPpm;
  if (oiQuote >= t.upperCap) return ONE_MILLION;
  const num = oiQuote - t.lowerCap;
  const den = t.upperCap - t.lowerCap;
  return ((ONE_MILLION - t.imfPpm) * num) / den + t.imfPpm;
}

/** Kernel: initial margin (quote quantums, rounded up) of a notional at the adjusted or custom IMF. */
export function tierInitialMargin(t: Tier, notional: bigint, oiQuote: bigint, customImfPpm: bigint): bigint {
  let imf = tierAdjustedImfPpm(t, oiQuote);
  if (customImfPpm > 0n) imf = bigMax(imf, customImfPpm);
  return mulPpm(notional, imf, 'up');
}

/**
 * Maintenance margin fraction of a liquidity tier in ppm: `⌊initialMarginPpm · maintenanceFractionPpm / 10⁶⌋`
 * (`GetMaintenanceMarginPpm`).
 *
 * @param tier the liquidity tier
 * @returns maintenance margin fraction, ppm
 * @example
 * ```ts
 * import { dydxMaintenanceMarginPpm } from 'riskcore/perps';
 * const mmf = dydxMaintenanceMarginPpm({ initialMarginPpm: 637_239, maintenanceFractionPpm: 289_284 });
 * console.log(mmf); // 184343
 * ```
 */
export function dydxMaintenanceMarginPpm(tier: DydxLiquidityTier): number {
  return Number(tierMmfPpm(checkTier(tier, 'tier')));
}

/** Context of {@link dydxAdjustedInitialMarginPpm}. */
export interface DydxOpenInterestContext {
  /** Open notional of the market in quote quantums (open interest × oracle price). */
  readonly openInterestQuoteQuantums: bigint | number | string;
}
const OI_KEYS = knownKeys('openInterestQuoteQuantums');

/**
 * Initial margin fraction scaled by open interest, ppm (`GetAdjustedInitialMarginPpm`): the base IMF up to the
 * lower cap, rising linearly to 100% at the upper cap, `⌊(10⁶ − IMF)·(OI − lower)/(upper − lower)⌋ + IMF`; an upper
 * cap of 0 disables the scaling.
 *
 * @param tier the liquidity tier with its open-interest caps (quote quantums)
 * @param context the market's open notional in quote quantums
 * @returns adjusted IMF, ppm (bigint)
 * @example
 * ```ts
 * import { dydxAdjustedInitialMarginPpm } from 'riskcore/perps';
 * const tier = { initialMarginPpm: 200_000, maintenanceFractionPpm: 500_000,
 *   openInterestLowerCap: 1_000_000n, openInterestUpperCap: 2_000_000n };
 * console.log(dydxAdjustedInitialMarginPpm(tier, { openInterestQuoteQuantums: 1_234_567n })); // 387653n
 * ```
 */
export function dydxAdjustedInitialMarginPpm(tier: DydxLiquidityTier, context: DydxOpenInterestContext): bigint {
  const t = checkTier(tier, 'tier');
  const c = checkStrictObject(context, 'context', OI_KEYS);
  const oi = checkInt(c.openInterestQuoteQuantums, 'context.openInterestQuoteQuantums');
  return tierAdjustedImfPpm(t, oi);
}

/** Context of {@link dydxInitialMarginQuoteQuantums}. */
export interface DydxInitialMarginContext {
  /** The liquidity tier. */
  readonly tier: DydxLiquidityTier;
  /** Open notional of the market in quote quantums; default 0 (base IMF). */
  readonly openInterestQuoteQuantums?: bigint | number | string;
  /** A configured IMF (leverage setting), ppm; used when above the adjusted IMF. Default 0 (none). */
  readonly customImfPpm?: number;
}
const IM_KEYS = knownKeys('tier', 'openInterestQuoteQuantums', 'customImfPpm');

/**
 * Initial margin requirement of a position notional, quote quantums, rounded up (`GetInitialMarginQuoteQuantums`):
 * `⌈notional · IMF / 10⁶⌉` with the OI-adjusted IMF (or a larger custom IMF).
 *
 * @param notionalQuoteQuantums absolute position notional, quote quantums
 * @param context tier, open notional and custom IMF
 * @returns initial margin, quote quantums
 * @example
 * ```ts
 * import { dydxInitialMarginQuoteQuantums } from 'riskcore/perps';
 * const tier = { initialMarginPpm: 567_243, maintenanceFractionPpm: 500_000 };
 * console.log(dydxInitialMarginQuoteQuantums(123_456n, { tier })); // 70030n
 * ```
 */
export function dydxInitialMarginQuoteQuantums(
  notionalQuoteQuantums: bigint | number | string,
  context: DydxInitialMarginContext,
): bigint {
  const n = checkInt(notionalQuoteQuantums, 'notionalQuoteQuantums');
  const c = checkStrictObject(context, 'context', IM_KEYS);
  const t = checkTier(c.tier, 'context.tier');
  const oi = optionalInt(c.openInterestQuoteQuantums, 'context.openInterestQuoteQuantums', 0n);
  const custom = c.customImfPpm === undefined ? 0n : BigInt(checkUint32(c.customImfPpm, 'context.customImfPpm'));
  return tierInitialMargin(t, n, oi, custom);
}

/** Context of {@link dydxMaxAbsFundingClampPpm}. */
export interface DydxClampContext {
  /** Clamp factor, ppm (the chain's `funding_rate_clamp_factor_ppm`, or the premium-vote clamp factor). */
  readonly clampFactorPpm: number;
}
const CLAMP_KEYS = knownKeys('clampFactorPpm');

/** Kernel: ⌊clamp · (IMF − MMF) / 10⁶⌋. */
export const tierClampPpm = (t: Tier, clampFactorPpm: bigint): bigint =>
  divEuclid(clampFactorPpm * (t.imfPpm - tierMmfPpm(t)), ONE_MILLION);

/**
 * Largest absolute funding rate (or premium vote) of a tier, ppm (`GetMaxAbsFundingClampPpm`):
 * `|R| ≤ clampFactor · (initial margin − maintenance margin)`, floored.
 *
 * @param tier the liquidity tier
 * @param context the clamp factor in ppm
 * @returns the bound, ppm (bigint)
 * @example
 * ```ts
 * import { dydxMaxAbsFundingClampPpm } from 'riskcore/perps';
 * const tier = { initialMarginPpm: 150_000, maintenanceFractionPpm: 800_000 };
 * console.log(dydxMaxAbsFundingClampPpm(tier, { clampFactorPpm: 6_000_000 })); // 180000n
 * ```
 */
export function dydxMaxAbsFundingClampPpm(tier: DydxLiquidityTier, context: DydxClampContext): bigint {
  const t = checkTier(tier, 'tier');
  const c = checkStrictObject(context, 'context', CLAMP_KEYS);
  return tierClampPpm(t, BigInt(checkUint32(c.clampFactorPpm, joinPath('context', 'clampFactorPpm'))));
}
