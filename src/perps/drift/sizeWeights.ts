/**
 * Drift v2's size-dependent weights (math/margin.rs): the √size premium on liability weights and margin ratios
 * (`calculate_size_premium_liability_weight`), the size discount on asset weights
 * (`calculate_size_discount_asset_weight`) and the high-leverage-mode initial margin ratio
 * (`calc_high_leverage_mode_initial_margin_ratio_from_size`).
 */
import { checkStrictObject, knownKeys, optionalEnum } from '../../core/validate.js';
import { PCT, SPOT_IMF, SPOT_WEIGHT } from './constants.js';
import { bmax, bmin, cast, div, isqrt, readInt, type DriftInt } from './int.js';

/** (100 000 × SPOT_IMF) / SPOT_WEIGHT, the premium's divisor. */
const PREMIUM_DIVISOR = (100_000n * SPOT_IMF) / SPOT_WEIGHT;
/** (SPOT_IMF + SPOT_IMF / 10) × SPOT_WEIGHT, the discount's numerator. */
const DISCOUNT_NUMERATOR = (SPOT_IMF + SPOT_IMF / 10n) * SPOT_WEIGHT;

/** Kernel of calculate_size_premium_liability_weight (precision 10⁴ for both margin ratios and spot weights). */
export function sizePremium(size: bigint, imf: bigint, weight: bigint, bounded: boolean, path: string): bigint {
  if (imf === 0n) return weight;
  const root = isqrt(size * 10n + 1n); // 1e9 → 1e10 → √ ≈ 1e5
  const premium = cast(weight - weight / 5n + (root * imf) / PREMIUM_DIVISOR, 'u32', path);
  return bounded ? bmax(weight, premium) : premium;
}

/** Kernel of calculate_size_discount_asset_weight. */
export function sizeDiscount(size: bigint, imf: bigint, weight: bigint, path: string): bigint {
  if (imf === 0n) return weight;
  const root = isqrt(size * 10n + 1n);
  const discounted = cast(DISCOUNT_NUMERATOR / (SPOT_IMF + (root * imf) / 100_000n), 'u32', path);
  return bmin(weight, discounted);
}

/** Kernel of calc_high_leverage_mode_initial_margin_ratio_from_size. */
export function hlmInitialRatio(pre: bigint, adjusted: bigint, fallback: bigint, path: string): bigint {
  if (adjusted < pre) {
    const factor = bmax(0n, PCT - div((pre - adjusted) * PCT, pre / 5n, path));
    const delta = bmax(pre - fallback, 1n);
    return cast((delta * factor) / PCT + fallback, 'u32', path);
  }
  return adjusted === pre ? fallback : adjusted;
}

const PREMIUM_KEYS = knownKeys('imfFactor', 'liabilityWeight');
const PREMIUM_OPTS = knownKeys('bound');
const DISCOUNT_KEYS = knownKeys('imfFactor', 'assetWeight');
const HLM_KEYS = knownKeys('preSizeAdjMarginRatio', 'sizeAdjMarginRatio');
const HLM_CTX = knownKeys('defaultMarginRatio');

/** Options of {@link driftSizePremiumLiabilityWeight}. */
export interface DriftSizePremiumOptions {
  /** `'bounded'` (default): never below the given weight; `'raw'`: the premium formula alone (as HLM uses it). */
  bound?: 'bounded' | 'raw';
}

/**
 * A liability weight or margin ratio raised for size: `w − w/5 + ⌊√(10·size+1)⌋·imf / 10⁷`, Drift's
 * `calculate_size_premium_liability_weight` (precision 10⁴).
 *
 * @param size position or token size in base precision (10⁹)
 * @param params `imfFactor` (10⁶) and `liabilityWeight` (10⁴: a spot liability weight or a perp margin ratio)
 * @returns the weight (10⁴), a u32
 * @example
 * ```ts
 * import { driftSizePremiumLiabilityWeight } from 'riskcore/perps';
 * // 1000 tokens of 6 decimals in base precision, imf 0.1, initial liability weight 1.1
 * const w = driftSizePremiumLiabilityWeight(1_000_000_000_000n, { imfFactor: 100_000, liabilityWeight: 11_000 });
 * console.log(w); // 40422n
 * ```
 */
export function driftSizePremiumLiabilityWeight(
  size: DriftInt,
  params: { imfFactor: DriftInt; liabilityWeight: DriftInt },
  options: DriftSizePremiumOptions = {},
): bigint {
  const s = readInt(size, 'size', 'u64');
  const p = checkStrictObject(params, 'params', PREMIUM_KEYS);
  const o = checkStrictObject(options, 'options', PREMIUM_OPTS);
  const bound = optionalEnum(o.bound, 'options.bound', ['bounded', 'raw'] as const, 'bounded');
  const imf = readInt(p.imfFactor, 'params.imfFactor', 'u32');
  const w = readInt(p.liabilityWeight, 'params.liabilityWeight', 'u32');
  return sizePremium(s, imf, w, bound === 'bounded', 'size');
}

/**
 * An asset weight lowered for size: `min(w, 1.1·10⁴ / (1 + ⌊√(10·size+1)⌋·imf/10¹¹))`, Drift's
 * `calculate_size_discount_asset_weight`.
 *
 * @param size token size (or unrealized P&L × 10³) in base precision (10⁹)
 * @param params `imfFactor` (10⁶) and `assetWeight` (10⁴)
 * @returns the weight (10⁴)
 * @example
 * ```ts
 * import { driftSizeDiscountAssetWeight } from 'riskcore/perps';
 * const w = driftSizeDiscountAssetWeight(1_000_000_000_000n, { imfFactor: 100_000, assetWeight: 9000 });
 * console.log(w); // 2642n
 * ```
 */
export function driftSizeDiscountAssetWeight(
  size: DriftInt,
  params: { imfFactor: DriftInt; assetWeight: DriftInt },
): bigint {
  const s = readInt(size, 'size', 'u64');
  const p = checkStrictObject(params, 'params', DISCOUNT_KEYS);
  const imf = readInt(p.imfFactor, 'params.imfFactor', 'u32');
  const w = readInt(p.assetWeight, 'params.assetWeight', 'u32');
  return sizeDiscount(s, imf, w, 'size');
}

/**
 * The initial margin ratio of a high-leverage-mode user: between the HLM ratio and the standard size-adjusted
 * ratio, Drift's `calc_high_leverage_mode_initial_margin_ratio_from_size`.
 *
 * @param ratios `preSizeAdjMarginRatio` (standard initial ratio, 10⁴) and `sizeAdjMarginRatio` (its raw size
 *   premium)
 * @param context `defaultMarginRatio`: the HLM initial ratio (10⁴)
 * @returns the ratio (10⁴)
 * @example
 * ```ts
 * import { driftHighLeverageInitialMarginRatio } from 'riskcore/perps';
 * const r = driftHighLeverageInitialMarginRatio(
 *   { preSizeAdjMarginRatio: 1000, sizeAdjMarginRatio: 900 },
 *   { defaultMarginRatio: 100 },
 * );
 * console.log(r); // 550n
 * ```
 */
export function driftHighLeverageInitialMarginRatio(
  ratios: { preSizeAdjMarginRatio: DriftInt; sizeAdjMarginRatio: DriftInt },
  context: { defaultMarginRatio: DriftInt },
): bigint {
  const r = checkStrictObject(ratios, 'ratios', HLM_KEYS);
  const c = checkStrictObject(context, 'context', HLM_CTX);
  const pre = readInt(r.preSizeAdjMarginRatio, 'ratios.preSizeAdjMarginRatio', 'u32');
  const adj = readInt(r.sizeAdjMarginRatio, 'ratios.sizeAdjMarginRatio', 'u32');
  const d = readInt(c.defaultMarginRatio, 'context.defaultMarginRatio', 'u32');
  return hlmInitialRatio(pre, adj, d, 'ratios');
}
