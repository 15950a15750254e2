/**
 * Drift v2's per-market ratios and weights: the perp margin ratio for a size (state/perp_market.rs
 * `get_margin_ratio`, with high-leverage mode), the weight of unrealized P&L as collateral
 * (`get_unrealized_asset_weight`), and spot asset / liability weights (state/spot_market.rs `get_asset_weight`,
 * `get_scaled_initial_asset_weight`, `get_liability_weight`).
 */
import { checkStrictObject, knownKeys, optionalEnum } from '../../core/validate.js';
import { AMM_TO_QUOTE, BASE, SPOT_WEIGHT } from './constants.js';
import { bmax, bmin, cast, pow10, readInt, type DriftInt } from './int.js';
import {
  readMarginType,
  readPerpMarket,
  readSpotMarket,
  type DriftMarginType,
  type DriftPerpMarketInput,
  type DriftSpotMarketInput,
  type PerpMarket,
  type SpotMarket,
} from './market.js';
import { hlmInitialRatio, sizeDiscount, sizePremium } from './sizeWeights.js';

/** Standard or high-leverage margin mode of a user. */
export type DriftMarginMode = 'standard' | 'highLeverage';

/** Options of the margin-ratio functions. */
export interface DriftMarginOptions {
  /** Margin requirement type (default `'initial'`). */
  type?: DriftMarginType;
  /** The user's margin mode (default `'standard'`). */
  mode?: DriftMarginMode;
}

const OPTS = knownKeys('type', 'mode');
const TYPE_OPTS = knownKeys('type');

export function readMarginOptions(value: unknown, path: string): { type: DriftMarginType; hlm: boolean } {
  const o = checkStrictObject(value, path, OPTS);
  const mode = optionalEnum(o.mode, `${path}.mode`, ['standard', 'highLeverage'] as const, 'standard');
  return { type: readMarginType(o.type, `${path}.type`), hlm: mode === 'highLeverage' };
}

/** Kernel of PerpMarket::get_margin_ratio (market not in settlement). */
export function perpMarginRatio(
  size: bigint,
  m: PerpMarket,
  type: DriftMarginType,
  hlm: boolean,
  path: string,
): bigint {
  const hl = hlm && m.hlInitial > 0n && m.hlMaintenance > 0n;
  const ini = hl ? m.hlInitial : m.initial;
  const mnt = hl ? m.hlMaintenance : m.maintenance;
  const fallback = type === 'initial' ? ini : type === 'fill' ? (ini + mnt) / 2n : mnt;
  if (hl && type !== 'maintenance') {
    const pre = type === 'initial' ? m.initial : (m.initial + m.maintenance) / 2n;
    return hlmInitialRatio(pre, sizePremium(size, m.imf, pre, false, path), fallback, path);
  }
  return bmax(fallback, sizePremium(size, m.imf, fallback, true, path));
}

/** Kernel of PerpMarket::get_unrealized_asset_weight, with the max-imbalance cap on the users' net P&L. */
export function unrealizedWeight(pnl: bigint, m: PerpMarket, type: DriftMarginType, path: string): bigint {
  if (pnl <= 0n) return SPOT_WEIGHT;
  if (type === 'maintenance') return m.upnlMaintenance;
  let weight = m.upnlInitial;
  if (weight > 0n && m.maxImbalance > 0n && m.netUserPnl > m.maxImbalance) {
    weight = cast((weight * m.maxImbalance) / m.netUserPnl, 'u32', path);
  }
  if (weight === 0n) return 0n;
  return sizeDiscount(pnl * AMM_TO_QUOTE, m.upnlImf, weight, path);
}

/** Size in base precision (10⁹) of a token amount of `decimals`. */
export function toBasePrecision(size: bigint, decimals: bigint): bigint {
  const p = pow10(decimals);
  return p > BASE ? size / (p / BASE) : (size * BASE) / p;
}

/** Kernel of SpotMarket::get_asset_weight (with the deposit-scaled initial weight). */
export function spotAssetWeight(size: bigint, s: SpotMarket, type: DriftMarginType, path: string): bigint {
  let iaw = s.iaw;
  if (s.scaleStart !== 0n) {
    const depositValue = (s.deposits * s.price) / pow10(s.decimals);
    if (depositValue >= s.scaleStart) iaw = cast((s.iaw * s.scaleStart) / depositValue, 'u32', path);
  }
  const fallback = type === 'initial' ? iaw : type === 'fill' ? (iaw + s.maw) / 2n : s.maw;
  return bmin(fallback, sizeDiscount(toBasePrecision(size, s.decimals), s.imf, fallback, path));
}

/** Kernel of SpotMarket::get_liability_weight. */
export function spotLiabilityWeight(size: bigint, s: SpotMarket, type: DriftMarginType, path: string): bigint {
  const fallback = type === 'initial' ? s.ilw : type === 'fill' ? (s.ilw + s.mlw) / 2n : s.mlw;
  return bmax(fallback, sizePremium(toBasePrecision(size, s.decimals), s.imf, fallback, true, path));
}

/**
 * The margin ratio Drift applies to a perp position of `size` (base precision 10⁹): the market's initial, fill or
 * maintenance ratio raised by the √size premium; in high-leverage mode the HLM ratios, with the initial ratio
 * interpolated towards the standard size-adjusted one.
 *
 * @param size |base asset amount| (10⁹)
 * @param market the perp market
 * @returns the margin ratio (10⁴)
 * @example
 * ```ts
 * import { driftPerpMarginRatio } from 'riskcore/perps';
 * const market = { marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 1000, oraclePrice: 22_050_000_000n };
 * console.log(driftPerpMarginRatio(6_147_540_983n, market)); // 1000n
 * console.log(driftPerpMarginRatio(10n ** 15n, market, { type: 'maintenance' })); // 10400n
 * ```
 */
export function driftPerpMarginRatio(
  size: DriftInt,
  market: DriftPerpMarketInput,
  options: DriftMarginOptions = {},
): bigint {
  const s = readInt(size, 'size', 'u64');
  const m = readPerpMarket(market, 'market');
  const o = readMarginOptions(options, 'options');
  return perpMarginRatio(s, m, o.type, o.hlm, 'size');
}

/**
 * The weight (10⁴) Drift gives a position's unrealized P&L in collateral: 1 for a loss; for a gain the market's
 * maintenance weight, or its initial weight — scaled by `unrealizedPnlMaxImbalance / netUserPnl` when the users' net
 * P&L exceeds the cap — discounted for size by the unrealized-P&L IMF factor.
 *
 * @param unrealizedPnl unrealized P&L including funding, quote precision (10⁶)
 * @param market the perp market
 * @example
 * ```ts
 * import { driftUnrealizedAssetWeight } from 'riskcore/perps';
 * const market = { marginRatioInitial: 1000, marginRatioMaintenance: 500, unrealizedPnlImfFactor: 1000, oraclePrice: 1_000_000 };
 * console.log(driftUnrealizedAssetWeight(22_699_050_905n, market)); // 9559n
 * ```
 */
export function driftUnrealizedAssetWeight(
  unrealizedPnl: DriftInt,
  market: DriftPerpMarketInput,
  options: { type?: DriftMarginType } = {},
): bigint {
  const pnl = readInt(unrealizedPnl, 'unrealizedPnl', 'i64');
  const m = readPerpMarket(market, 'market');
  const o = checkStrictObject(options, 'options', TYPE_OPTS);
  return unrealizedWeight(pnl, m, readMarginType(o.type, 'options.type'), 'unrealizedPnl');
}

/**
 * The asset weight (10⁴) of a spot deposit of `size` tokens: the initial weight scaled down once the market's
 * deposits exceed `scaleInitialAssetWeightStart`, then discounted for size.
 *
 * @param size token amount in the token's decimals
 * @param spotMarket the spot market
 * @example
 * ```ts
 * import { driftSpotAssetWeight } from 'riskcore/perps';
 * const sol = {
 *   decimals: 9, oraclePrice: 25_000_000, initialAssetWeight: 9000, maintenanceAssetWeight: 9500,
 *   initialLiabilityWeight: 11000, maintenanceLiabilityWeight: 10500,
 *   scaleInitialAssetWeightStart: 500_000_000_000n, totalDeposits: 40_000_000_000_000n,
 * };
 * console.log(driftSpotAssetWeight(10n ** 9n, sol)); // 4500n
 * ```
 */
export function driftSpotAssetWeight(
  size: DriftInt,
  spotMarket: DriftSpotMarketInput,
  options: { type?: DriftMarginType } = {},
): bigint {
  const s = readInt(size, 'size', 'u64');
  const m = readSpotMarket(spotMarket, 'spotMarket');
  const o = checkStrictObject(options, 'options', TYPE_OPTS);
  return spotAssetWeight(s, m, readMarginType(o.type, 'options.type'), 'size');
}

/**
 * The liability weight (10⁴) of a spot borrow of `size` tokens, raised for size by the IMF factor.
 *
 * @param size token amount in the token's decimals
 * @param spotMarket the spot market
 * @example
 * ```ts
 * import { driftSpotLiabilityWeight } from 'riskcore/perps';
 * const usdc = {
 *   decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 9000, maintenanceAssetWeight: 9500,
 *   initialLiabilityWeight: 11000, maintenanceLiabilityWeight: 10500, imfFactor: 10000,
 * };
 * console.log(driftSpotLiabilityWeight(1_000_000_000n, usdc)); // 11962n
 * ```
 */
export function driftSpotLiabilityWeight(
  size: DriftInt,
  spotMarket: DriftSpotMarketInput,
  options: { type?: DriftMarginType } = {},
): bigint {
  const s = readInt(size, 'size', 'u64');
  const m = readSpotMarket(spotMarket, 'spotMarket');
  const o = checkStrictObject(options, 'options', TYPE_OPTS);
  return spotLiabilityWeight(s, m, readMarginType(o.type, 'options.type'), 'size');
}
