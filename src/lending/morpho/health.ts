/** Morpho Blue health (`_isHealthy`) and the liquidation incentive factor. */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { UINT256_MAX, WAD } from '../evm/constants.js';
import { checkUint } from '../preview/check.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { smallestPassing } from '../preview/action.js';
import {
  LIQUIDATION_CURSOR,
  MAX_LIQUIDATION_INCENTIVE_FACTOR,
  ORACLE_PRICE_SCALE,
  readMorphoMarket,
  readMorphoPosition,
  toAssetsUp,
} from './market.js';
import type { MorphoBlueMarket, MorphoPosition } from './market.js';

/** Result of {@link morphoHealth}. */
export interface MorphoHealthResult {
  /** `_isHealthy`: maxBorrow ≥ borrowed (always true without borrow shares). */
  healthy: boolean;
  /** Debt: borrow shares to assets, rounded up (loan base units). */
  borrowed: bigint;
  /** collateral × price / 1e36 (down) × lltv (down): the most the position may owe (loan base units). */
  maxBorrow: bigint;
  /** maxBorrow / borrowed in wad (down); null without debt. */
  healthFactor: bigint | null;
  /**
   * The smallest oracle price (×1e36) at which the position is healthy, everything else held: below it the
   * position is liquidatable (exact under the contract's rounding); null without debt or collateral.
   */
  liquidationPrice: bigint | null;
}

/** Kernel of {@link morphoHealth} without the liquidation price (no search: what liquidate and the cascades need). */
export function healthCoreOf(p: MorphoPosition, m: MorphoBlueMarket): Omit<MorphoHealthResult, 'liquidationPrice'> {
  const borrowed = toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
  const maxBorrow = mulDivDownRaw(mulDivDownRaw(p.collateral, m.price, ORACLE_PRICE_SCALE), m.lltv, WAD);
  return {
    healthy: maxBorrow >= borrowed,
    borrowed,
    maxBorrow,
    healthFactor: borrowed === 0n ? null : mulDivDownRaw(maxBorrow, WAD, borrowed),
  };
}

/** Kernel of {@link morphoHealth}. */
export function healthOf(p: MorphoPosition, m: MorphoBlueMarket): MorphoHealthResult {
  const core = healthCoreOf(p, m);
  const { borrowed } = core;
  return {
    ...core,
    liquidationPrice: borrowed === 0n || p.collateral === 0n ? null : priceToBeHealthy(p.collateral, m.lltv, borrowed),
  };
}

/** The smallest price with ⌊⌊c·price/1e36⌋·lltv/1e18⌋ ≥ borrowed (null when even the largest uint256 price fails). */
function priceToBeHealthy(c: bigint, lltv: bigint, borrowed: bigint): bigint | null {
  const max = UINT256_MAX / c;
  return smallestPassing(0n, max, (x) => mulDivDownRaw(mulDivDownRaw(c, x, ORACLE_PRICE_SCALE), lltv, WAD) >= borrowed);
}

/**
 * Health of a Morpho Blue position as `_isHealthy` computes it: borrowed = borrow shares → assets rounded up;
 * maxBorrow = collateral × price / 1e36 rounded down, × LLTV rounded down; healthy when maxBorrow ≥ borrowed.
 *
 * @param position collateral (base units) and borrow shares
 * @param market the market's LLTV (wad), oracle price (×1e36) and totals
 * @example
 * ```ts
 * import { morphoHealth } from 'riskcore/lending';
 * const market = { lltv: 8n * 10n ** 17n, price: 10n ** 36n, totalSupplyAssets: 10n ** 21n,
 *   totalSupplyShares: 10n ** 27n, totalBorrowAssets: 800n * 10n ** 18n, totalBorrowShares: 800n * 10n ** 24n };
 * const r = morphoHealth({ collateral: 1000n * 10n ** 18n, borrowShares: 800n * 10n ** 24n }, market);
 * console.log(r.healthy, r.borrowed, r.healthFactor); // 'true 800000000000000000000 1000000000000000000'
 * ```
 */
export function morphoHealth(position: MorphoPosition, market: MorphoBlueMarket): MorphoHealthResult {
  const m = readMorphoMarket(market);
  return healthOf(readMorphoPosition(position, m), m);
}

/** Kernel: min(1.15e18, 1e18 · 1e18 / (1e18 − 0.3e18 · (1e18 − lltv) / 1e18)), each step rounded down. */
export function incentiveOf(lltv: bigint): bigint {
  const lif = mulDivDownRaw(WAD, WAD, WAD - mulDivDownRaw(LIQUIDATION_CURSOR, WAD - lltv, WAD));
  return lif < MAX_LIQUIDATION_INCENTIVE_FACTOR ? lif : MAX_LIQUIDATION_INCENTIVE_FACTOR;
}

const LLTV_KEYS = knownKeys('lltv');

/** Result of {@link morphoIncentiveFactor}. */
export interface MorphoIncentiveResult {
  /** The liquidation incentive factor, wad (1.0438e18: seized value is 4.38% above repaid value). */
  factor: bigint;
}

/**
 * The liquidation incentive factor of a Morpho Blue market: min(maxLIF, 1/(1 − cursor·(1 − LLTV))) with
 * cursor 0.3 and maxLIF 1.15, in wad with the contract's rounding (wMulDown, wDivDown).
 *
 * @param market `{ lltv }`: the market's LLTV (wad)
 * @example
 * ```ts
 * import { morphoIncentiveFactor } from 'riskcore/lending';
 * console.log(morphoIncentiveFactor({ lltv: 86n * 10n ** 16n }).factor); // 1043841336116910229n
 * ```
 */
export function morphoIncentiveFactor(market: Pick<MorphoBlueMarket, 'lltv'>): MorphoIncentiveResult {
  const m = checkStrictObject(market, 'market', LLTV_KEYS);
  const lltv = checkUint(m.lltv, 'market.lltv', 64);
  if (lltv >= WAD) throw new RiskInputError('market.lltv', 'below 1e18 (Morpho requires LLTV < 100%)', lltv);
  return { factor: incentiveOf(lltv) };
}
