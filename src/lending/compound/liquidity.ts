/**
 * Compound III account liquidity: `isBorrowCollateralized` (collateral × borrowCollateralFactor covers the debt)
 * and `isLiquidatable` (collateral × liquidateCollateralFactor does not), in the contract's integers.
 */
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { mulFactor, mulPrice, presentValue } from './math.js';
import { readCometAccount, readCometMarket } from './market.js';
import type { CometAccount, CometAccountV, CometMarket, CometMarketV } from './market.js';

/** Result of {@link cometLiquidity}. Values in price-feed units (8 decimals, USD). */
export interface CometLiquidityResult {
  /** Comet.isBorrowCollateralized: true without debt or when the borrow liquidity is ≥ 0. */
  isBorrowCollateralized: boolean;
  /** Comet.isLiquidatable: the account has debt and its liquidate liquidity is < 0. */
  isLiquidatable: boolean;
  /** Present value of the principal (base units, signed). */
  presentValue: bigint;
  /** Debt value, price-feed units (0 without debt). */
  debtValue: bigint;
  /** Base balance value (signed) + Σ collateral value × borrowCollateralFactor (price-feed units). */
  borrowLiquidity: bigint;
  /** Base balance value (signed) + Σ collateral value × liquidateCollateralFactor (price-feed units). */
  liquidateLiquidity: bigint;
  /** Σ collateral value × liquidateCollateralFactor / debt value (wad, rounded down); null without debt. */
  healthFactor: bigint | null;
  /** Σ collateral value × borrowCollateralFactor / debt value (wad, rounded down); null without debt. */
  borrowHealthFactor: bigint | null;
}

/** Kernel of {@link cometLiquidity} on validated inputs. */
export function liquidityOf(a: CometAccountV, m: CometMarketV): CometLiquidityResult {
  const pv = presentValue(a.principal, m);
  const baseValue = mulPrice(pv, m.basePrice, m.baseScale);
  const debtValue = baseValue < 0n ? -baseValue : 0n;
  let borrowColl = 0n;
  let liqColl = 0n;
  for (const asset of m.assets) {
    const bal = a.collateral.get(asset.asset) ?? 0n;
    if (bal === 0n) continue;
    const value = mulPrice(bal, asset.price, asset.scale);
    borrowColl += mulFactor(value, asset.borrowCollateralFactor);
    liqColl += mulFactor(value, asset.liquidateCollateralFactor);
  }
  const hasDebt = a.principal < 0n;
  const borrowLiquidity = borrowColl + baseValue;
  const liquidateLiquidity = liqColl + baseValue;
  return {
    isBorrowCollateralized: !hasDebt || borrowLiquidity >= 0n,
    isLiquidatable: hasDebt && liquidateLiquidity < 0n,
    presentValue: pv,
    debtValue,
    borrowLiquidity,
    liquidateLiquidity,
    healthFactor: debtValue > 0n ? mulDivDownRaw(liqColl, WAD, debtValue) : null,
    borrowHealthFactor: debtValue > 0n ? mulDivDownRaw(borrowColl, WAD, debtValue) : null,
  };
}

/**
 * Liquidity of a Compound III account: `isBorrowCollateralized` and `isLiquidatable` as Comet computes them
 * (present value of a negative principal with the borrow index, each collateral valued at its price feed and
 * weighted by its borrow or liquidate collateral factor), with the liquidities and health factors behind them.
 *
 * @param account signed base principal and collateral balances (base units, bigint)
 * @param market the Comet market (prices 8 decimals, factors 1e18, indices 1e15)
 * @example
 * ```ts
 * import { cometLiquidity } from 'riskcore/lending';
 * const market = {
 *   baseDecimals: 6, basePrice: 100000000n, baseSupplyIndex: 10n ** 15n, baseBorrowIndex: 10n ** 15n,
 *   totalSupplyBase: 0n, totalBorrowBase: 100000000000n, baseBalance: 0n, storeFrontPriceFactor: 10n ** 18n,
 *   assets: [{ asset: 'COMP', decimals: 18, price: 100000000n, borrowCollateralFactor: 75n * 10n ** 16n,
 *     liquidateCollateralFactor: 8n * 10n ** 17n, liquidationFactor: 10n ** 18n }],
 * };
 * // owes $100,000, holds $100,000 of COMP weighted 0.8 for liquidation: liquidatable
 * const r = cometLiquidity({ principal: -100000000000n, collateral: { COMP: 100000n * 10n ** 18n } }, market);
 * console.log(r.isLiquidatable, r.liquidateLiquidity, r.healthFactor); // 'true -2000000000000 800000000000000000'
 * ```
 */
export function cometLiquidity(account: CometAccount, market: CometMarket): CometLiquidityResult {
  const m = readCometMarket(market);
  return liquidityOf(readCometAccount(account, m), m);
}
