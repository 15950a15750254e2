/**
 * Drift v2's liquidation fees and bankruptcy (math/liquidation.rs, state/perp_market.rs): the liquidator-fee ramp
 * and its cap, the insurance-fund fee of perp and spot liquidations, the share of a shortage a liquidation may
 * free.
 */
import { RiskInputError } from '../../core/errors.js';
import { knownKeys } from '../../core/validate.js';
import { BASE, LIQ_FEE, MARGIN, PRICE, QUOTE, SPOT_WEIGHT } from './constants.js';
import { bmax, bmin, readFields, U32_MAX, type DriftInt } from './int.js';
import { TRANSFER_FIELDS } from './liquidationTransfers.js';

const IF_FEE_FIELDS = { ...TRANSFER_FIELDS, maxIfFee: 'u32' } as const;
const IF_FEE_CTX = knownKeys(...Object.keys(IF_FEE_FIELDS));

/** LIQUIDATION_FEE_ADJUST_GRACE_PERIOD_SLOTS: ~10 minutes. */
export const LIQUIDATION_GRACE_SLOTS = 1_500n;

/**
 * The liquidator fee after the grace period: the base fee plus 10⁻⁸ per slot since the user was last active,
 * capped at the maximum (`get_liquidation_fee`).
 *
 * @param slots `lastActiveSlot` and `currentSlot`
 * @param fees `baseLiquidationFee` and `maxLiquidationFee`, 10⁶
 * @example
 * ```ts
 * import { driftLiquidationFee } from 'riskcore/perps';
 * console.log(driftLiquidationFee({ lastActiveSlot: 0, currentSlot: 10_000 }, { baseLiquidationFee: 20_000, maxLiquidationFee: 50_000 })); // 30000n
 * ```
 */
export function driftLiquidationFee(
  slots: { lastActiveSlot: DriftInt; currentSlot: DriftInt },
  fees: { baseLiquidationFee: DriftInt; maxLiquidationFee: DriftInt },
): bigint {
  const s = readFields(
    slots,
    'slots',
    { lastActiveSlot: 'u64', currentSlot: 'u64' },
    knownKeys('lastActiveSlot', 'currentSlot'),
  );
  const f = readFields(
    fees,
    'fees',
    { baseLiquidationFee: 'u32', maxLiquidationFee: 'u32' },
    knownKeys('baseLiquidationFee', 'maxLiquidationFee'),
  );
  if (s.currentSlot < s.lastActiveSlot) {
    throw new RiskInputError('slots.currentSlot', 'a slot ≥ lastActiveSlot', slots.currentSlot);
  }
  return rampedFee(f.baseLiquidationFee, f.maxLiquidationFee, s.currentSlot - s.lastActiveSlot);
}

/** Kernel of get_liquidation_fee: base + elapsed slots × 10⁻⁸ after the grace period, at most `max`. */
export function rampedFee(base: bigint, max: bigint, elapsed: bigint): bigint {
  if (elapsed < LIQUIDATION_GRACE_SLOTS) return base;
  const fee = bmin(base + bmin(elapsed * (LIQ_FEE / 1_000_000n), U32_MAX), U32_MAX);
  return bmin(fee, max);
}

/**
 * The cap of the liquidator fee ramp: min(3 × liquidator fee, maintenance margin ratio) (`get_max_liquidation_fee`).
 *
 * @param market `liquidatorFee` (10⁶) and `marginRatioMaintenance` (10⁴)
 * @example
 * ```ts
 * import { driftMaxLiquidationFee } from 'riskcore/perps';
 * console.log(driftMaxLiquidationFee({ liquidatorFee: 10_000, marginRatioMaintenance: 250 })); // 25000n
 * ```
 */
export function driftMaxLiquidationFee(market: { liquidatorFee: DriftInt; marginRatioMaintenance: DriftInt }): bigint {
  const m = readFields(
    market,
    'market',
    { liquidatorFee: 'u32', marginRatioMaintenance: 'u32' },
    knownKeys('liquidatorFee', 'marginRatioMaintenance'),
  );
  return maxLiquidationFee(m.liquidatorFee, m.marginRatioMaintenance);
}

/** Kernel of get_max_liquidation_fee: min(MAX_LIQUIDATION_MULTIPLIER × fee, maintenance ratio in 10⁶). */
export function maxLiquidationFee(liquidatorFee: bigint, maintenanceRatio: bigint): bigint {
  return bmin(liquidatorFee * 3n, maintenanceRatio * (LIQ_FEE / MARGIN));
}

/**
 * The insurance-fund fee of a perp liquidation (10⁶): 95% of what the margin ratio leaves after the liquidator fee
 * and the shortage per unit of notional, at most `maxIfLiquidationFee` (`calculate_perp_if_fee`).
 *
 * @example
 * ```ts
 * import { driftPerpIfFee } from 'riskcore/perps';
 * const fee = driftPerpIfFee(
 *   { marginShortage: 20_000_000n, baseAssetAmount: 10_000_000_000n },
 *   { marginRatio: 500, liquidatorFee: 10_000, oraclePrice: 100_000_000, quoteOraclePrice: 1_000_000, maxIfLiquidationFee: 50_000 },
 * );
 * console.log(fee); // 19000n
 * ```
 */
export function driftPerpIfFee(
  liquidation: { marginShortage: DriftInt; baseAssetAmount: DriftInt },
  context: {
    marginRatio: DriftInt;
    liquidatorFee: DriftInt;
    oraclePrice: DriftInt;
    quoteOraclePrice: DriftInt;
    maxIfLiquidationFee: DriftInt;
  },
): bigint {
  const l = readFields(
    liquidation,
    'liquidation',
    { marginShortage: 'u64', baseAssetAmount: 'u64' },
    knownKeys('marginShortage', 'baseAssetAmount'),
  );
  const c = readFields(
    context,
    'context',
    {
      marginRatio: 'u32',
      liquidatorFee: 'u32',
      oraclePrice: 'u64',
      quoteOraclePrice: 'u64',
      maxIfLiquidationFee: 'u32',
    },
    knownKeys('marginRatio', 'liquidatorFee', 'oraclePrice', 'quoteOraclePrice', 'maxIfLiquidationFee'),
  );
  return perpIfFeeRate(
    l.marginShortage,
    l.baseAssetAmount,
    c.marginRatio,
    c.liquidatorFee,
    c.oraclePrice,
    c.quoteOraclePrice,
    c.maxIfLiquidationFee,
  );
}

/** Kernel of calculate_perp_if_fee. */
export function perpIfFeeRate(
  shortage: bigint,
  base: bigint,
  ratio: bigint,
  fee: bigint,
  price: bigint,
  quote: bigint,
  max: bigint,
): bigint {
  const r = ratio * (LIQ_FEE / MARGIN);
  if (price === 0n || quote === 0n || r <= fee || base === 0n) return 0n;
  const px = (price * quote) / PRICE;
  if (px === 0n) return 0n;
  const perNotional = bmin((((shortage * BASE) / base) * PRICE) / px, U32_MAX);
  const implied = (bmax(bmax(r - fee, 0n) - perNotional, 0n) * 19n) / 20n;
  return bmin(max, implied);
}

/**
 * The insurance-fund fee of a spot liquidation (10⁶), at most `maxIfFee` (`calculate_spot_if_fee`).
 *
 * @example
 * ```ts
 * import { driftSpotIfFee } from 'riskcore/perps';
 * const fee = driftSpotIfFee(
 *   { marginShortage: 5_000_000n, tokenAmount: 1_000_000_000n },
 *   {
 *     assetWeight: 10000, assetLiquidationMultiplier: 1_010_000, liabilityWeight: 11000,
 *     liabilityLiquidationMultiplier: 1_000_000, liabilityDecimals: 9, liabilityPrice: 100_000_000, maxIfFee: 50_000,
 *   },
 * );
 * console.log(fee); // 36363n
 * ```
 */
export function driftSpotIfFee(
  liquidation: { marginShortage: DriftInt; tokenAmount: DriftInt },
  context: {
    assetWeight: DriftInt;
    assetLiquidationMultiplier: DriftInt;
    liabilityWeight: DriftInt;
    liabilityLiquidationMultiplier: DriftInt;
    liabilityDecimals: DriftInt;
    liabilityPrice: DriftInt;
    maxIfFee: DriftInt;
  },
): bigint {
  const l = readFields(
    liquidation,
    'liquidation',
    { marginShortage: 'u64', tokenAmount: 'u64' },
    knownKeys('marginShortage', 'tokenAmount'),
  );
  const c = readFields(context, 'context', IF_FEE_FIELDS, IF_FEE_CTX);
  if (
    c.assetWeight >= c.liabilityWeight ||
    c.liabilityPrice === 0n ||
    l.tokenAmount === 0n ||
    c.liabilityLiquidationMultiplier === 0n
  ) {
    return 0n;
  }
  if (c.liabilityDecimals > 30n)
    throw new RiskInputError('context.liabilityDecimals', 'decimals ≤ 30', c.liabilityDecimals);
  const lw = c.liabilityWeight * (LIQ_FEE / SPOT_WEIGHT);
  const aw = c.assetWeight * (LIQ_FEE / SPOT_WEIGHT);
  let implied = bmax(lw - (aw * c.assetLiquidationMultiplier) / c.liabilityLiquidationMultiplier, 0n);
  implied = bmax(
    implied - (l.marginShortage * LIQ_FEE * 10n ** c.liabilityDecimals) / l.tokenAmount / c.liabilityPrice,
    0n,
  );
  return bmin(c.maxIfFee, bmin((implied * LIQ_FEE) / lw, U32_MAX));
}

/**
 * The share of a margin shortage (10⁴ = all) a liquidation may free now: all of a shortage under $50, else the
 * initial share plus what the slots since the user's last activity release over the liquidation duration
 * (`calculate_max_pct_to_liquidate`).
 *
 * @example
 * ```ts
 * import { driftMaxPctToLiquidate } from 'riskcore/perps';
 * const pct = driftMaxPctToLiquidate(
 *   { marginShortage: 100_000_000n, slotsElapsed: 50, liquidationMarginFreed: 0 },
 *   { initialPctToLiquidate: 1000, liquidationDuration: 150 },
 * );
 * console.log(pct); // 4333n
 * ```
 */
export function driftMaxPctToLiquidate(
  state: { marginShortage: DriftInt; slotsElapsed: DriftInt; liquidationMarginFreed: DriftInt },
  params: { initialPctToLiquidate: DriftInt; liquidationDuration: DriftInt },
): bigint {
  const s = readFields(
    state,
    'state',
    { marginShortage: 'u64', slotsElapsed: 'u64', liquidationMarginFreed: 'u64' },
    knownKeys('marginShortage', 'slotsElapsed', 'liquidationMarginFreed'),
  );
  const p = readFields(
    params,
    'params',
    { initialPctToLiquidate: 'u16', liquidationDuration: 'u8' },
    knownKeys('initialPctToLiquidate', 'liquidationDuration'),
  );
  return maxPctToLiquidate(
    s.marginShortage,
    s.slotsElapsed,
    p.initialPctToLiquidate,
    p.liquidationDuration,
    s.liquidationMarginFreed,
  );
}

/** Kernel of calculate_max_pct_to_liquidate (10⁴ = all). */
export function maxPctToLiquidate(
  shortage: bigint,
  elapsed: bigint,
  initial: bigint,
  duration: bigint,
  freed: bigint,
): bigint {
  const ALL = 10_000n;
  if (shortage < 50n * QUOTE) return ALL;
  const released = duration === 0n ? ALL : (elapsed * ALL) / duration;
  const freeable = bmin(released + initial, ALL);
  const total = shortage + freed;
  const room = bmax((total * freeable) / ALL - freed, 0n);
  return (room * ALL) / shortage;
}
