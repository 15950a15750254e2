/** Compound III base reserves (Comet.getReserves) and the collateral store front (Comet.quoteCollateral). */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { checkNoOverflow } from '../evm/check.js';
import { checkUint } from '../preview/check.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { BASE_INDEX_SCALE, FACTOR_SCALE } from './market.js';
import { readCometMarket } from './market.js';
import type { CometMarket, CometMarketV } from './market.js';
import { mulFactor } from './math.js';

/** Kernel: balance − present value of supply + present value of borrows (indices as given). */
export function reservesOf(m: CometMarketV): bigint {
  const supply = mulDivDownRaw(m.totalSupplyBase, m.baseSupplyIndex, BASE_INDEX_SCALE);
  const borrow = mulDivDownRaw(m.totalBorrowBase, m.baseBorrowIndex, BASE_INDEX_SCALE);
  return m.baseBalance - supply + borrow;
}

/** Result of {@link cometReserves} (base units). */
export interface CometReservesResult {
  /** getReserves: signed; negative when the protocol owes more base than it holds net of borrows. */
  reserves: bigint;
  /** Present value of total supply and of total borrows. */
  totalSupply: bigint;
  totalBorrow: bigint;
}

/**
 * The base reserves of a Comet market as `getReserves` computes them: the contract's base balance − present value
 * of total supply + present value of total borrows (indices as given, i.e. already accrued to now).
 *
 * @example
 * ```ts
 * import { cometReserves } from 'riskcore/lending';
 * const market = {
 *   baseDecimals: 6, basePrice: 100000000n, baseSupplyIndex: 1010000000000000n, baseBorrowIndex: 1020000000000000n,
 *   totalSupplyBase: 1000000000n, totalBorrowBase: 800000000n, baseBalance: 200000000n,
 *   storeFrontPriceFactor: 10n ** 18n, assets: [],
 * };
 * console.log(cometReserves(market).reserves); // 6000000n
 * ```
 */
export function cometReserves(market: CometMarket): CometReservesResult {
  const m = readCometMarket(market);
  return {
    reserves: reservesOf(m),
    totalSupply: mulDivDownRaw(m.totalSupplyBase, m.baseSupplyIndex, BASE_INDEX_SCALE),
    totalBorrow: mulDivDownRaw(m.totalBorrowBase, m.baseBorrowIndex, BASE_INDEX_SCALE),
  };
}

/** Request of {@link cometQuoteCollateral}. */
export interface CometQuoteRequest {
  /** The collateral asset bought. */
  asset: string;
  /** Base paid (base units). */
  baseAmount: bigint;
}

/** Result of {@link cometQuoteCollateral}. */
export interface CometQuoteResult {
  /** Collateral received (the asset's base units, rounded down). */
  collateralAmount: bigint;
  /** storeFrontPriceFactor × (1 − liquidationFactor), 1e18 scale: the buyer's discount. */
  discountFactor: bigint;
  /** The collateral price after the discount (8 decimals). */
  discountedPrice: bigint;
}

const QUOTE_KEYS = knownKeys('asset', 'baseAmount');

/**
 * Comet.quoteCollateral: collateral sold from the reserves for `baseAmount` of base, at the asset's price
 * discounted by storeFrontPriceFactor × (1 − liquidationFactor): basePrice · baseAmount · assetScale /
 * discountedPrice / baseScale, rounded down.
 *
 * @example
 * ```ts
 * import { cometQuoteCollateral } from 'riskcore/lending';
 * const market = {
 *   baseDecimals: 6, basePrice: 100000000n, baseSupplyIndex: 10n ** 15n, baseBorrowIndex: 10n ** 15n,
 *   totalSupplyBase: 0n, totalBorrowBase: 0n, baseBalance: 0n, storeFrontPriceFactor: 5n * 10n ** 17n,
 *   assets: [{ asset: 'COMP', decimals: 18, price: 20000000000n, borrowCollateralFactor: 10n ** 18n - 1n,
 *     liquidateCollateralFactor: 10n ** 18n, liquidationFactor: 6n * 10n ** 17n }],
 * };
 * // discount 0.5 × (1 − 0.6) = 20%: 200 USDC buys 200 / 160 = 1.25 COMP
 * console.log(cometQuoteCollateral({ asset: 'COMP', baseAmount: 200000000n }, market).collateralAmount); // 1250000000000000000n
 * ```
 */
export function cometQuoteCollateral(request: CometQuoteRequest, market: CometMarket): CometQuoteResult {
  const q = checkStrictObject(request, 'request', QUOTE_KEYS);
  const m = readCometMarket(market);
  const baseAmount = checkUint(q.baseAmount, 'request.baseAmount', 128);
  const asset = m.assets.find((x) => x.asset === q.asset);
  if (!asset) throw new RiskInputError(joinPath('request', 'asset'), 'an asset of the market', q.asset);
  const discountFactor = mulFactor(m.storeFrontPriceFactor, FACTOR_SCALE - asset.liquidationFactor);
  const discountedPrice = mulFactor(asset.price, FACTOR_SCALE - discountFactor);
  if (discountedPrice === 0n)
    throw new RiskInputError(
      'market.assets',
      'a discounted price above zero',
      asset.asset,
      'the contract divides by it',
    );
  const product = m.basePrice * baseAmount * asset.scale;
  checkNoOverflow(product, 'request.baseAmount', baseAmount, 'basePrice × baseAmount × assetScale');
  return {
    collateralAmount: product / discountedPrice / m.baseScale,
    discountFactor,
    discountedPrice,
  };
}
