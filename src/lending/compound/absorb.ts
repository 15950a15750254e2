/**
 * Compound III `absorb`: an underwater account's collateral is seized into the protocol's collateral reserves and
 * credited at price × liquidationFactor; its debt is taken over by the protocol, the shortfall paid from the base
 * reserves (absorbInternal of Comet.sol).
 */
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import type { ProtocolLiquidationResult, SeizedAmount } from '../preview/liquidationResult.js';
import { liquidityOf } from './liquidity.js';
import { divPrice, mulFactor, mulPrice, presentValue, principalValue } from './math.js';
import { readCometAccount, readCometMarket } from './market.js';
import type { CometAccount, CometAccountV, CometMarket, CometMarketV } from './market.js';
import { reservesOf } from './reserves.js';

/** Result of {@link cometAbsorb}: the common liquidation result and the market's totals after. */
export interface CometAbsorbResult extends ProtocolLiquidationResult {
  protocol: 'compound-v3';
  /** The account's principal after (≥ 0: a remainder of collateral value is supplied to it). */
  principalAfter: bigint;
  /** AbsorbDebt.basePaidOut: new balance − old balance (base units). */
  basePaidOut: bigint;
  /** AbsorbDebt.usdValue: basePaidOut at the base price (price-feed units). */
  valueOfBasePaidOut: bigint;
  /** totalSupplyBase and totalBorrowBase after (principal). */
  totalSupplyBase: bigint;
  totalBorrowBase: bigint;
  /** getReserves before and after (base units, signed). */
  reservesBefore: bigint;
  reservesAfter: bigint;
}

/**
 * Absorb one account as Comet.absorb does (indices as given, i.e. already accrued): refused with
 * `'NotLiquidatable'` unless {@link cometLiquidity} says liquidatable; else every collateral balance is seized
 * (into the protocol's collateral reserves), its value × liquidationFactor converted to base at the base price is
 * added to the account's (negative) balance, a positive remainder stays with the account as supply, a negative one
 * is absorbed by the reserves (`badDebt`).
 *
 * @param account signed base principal and collateral balances (base units, bigint)
 * @param market the Comet market (`totalBorrowBase` must cover the account's principal, as in the contract)
 * @example
 * ```ts
 * import { cometAbsorb } from 'riskcore/lending';
 * const market = {
 *   baseDecimals: 6, basePrice: 100000000n, baseSupplyIndex: 10n ** 15n, baseBorrowIndex: 10n ** 15n,
 *   totalSupplyBase: 10000000000n, totalBorrowBase: 4000000000n, baseBalance: 6000000000n, storeFrontPriceFactor: 5n * 10n ** 17n,
 *   assets: [{ asset: 'WETH', decimals: 18, price: 300000000000n, borrowCollateralFactor: 8n * 10n ** 17n,
 *     liquidateCollateralFactor: 85n * 10n ** 16n, liquidationFactor: 95n * 10n ** 16n }],
 * };
 * // owes 4,000 USDC against 1 WETH at $3,000: the WETH is credited 2,850 USDC, 1,150 is absorbed by reserves
 * const r = cometAbsorb({ principal: -4000000000n, collateral: { WETH: 10n ** 18n } }, market);
 * console.log(r.basePaidOut, r.badDebt, r.reservesAfter); // '4000000000 1150000000 -4000000000'
 * ```
 */
export function cometAbsorb(account: CometAccount, market: CometMarket): CometAbsorbResult {
  const m = readCometMarket(market);
  return cometAbsorbOf(readCometAccount(account, m), m);
}

/** Kernel of {@link cometAbsorb} on validated inputs. */
export function cometAbsorbOf(a: CometAccountV, m: CometMarketV): CometAbsorbResult {
  const before = liquidityOf(a, m);
  const reservesBefore = reservesOf(m);
  const base = {
    protocol: 'compound-v3' as const,
    healthFactorBefore: before.healthFactor,
    principalAfter: a.principal,
    totalSupplyBase: m.totalSupplyBase,
    totalBorrowBase: m.totalBorrowBase,
    reservesBefore,
  };
  if (!before.isLiquidatable) {
    return {
      ...base,
      allowed: false,
      reason: 'NotLiquidatable',
      debtRepaid: 0n,
      collateralSeized: [],
      incentiveFactor: 0n,
      badDebt: 0n,
      healthFactorAfter: before.healthFactor,
      basePaidOut: 0n,
      valueOfBasePaidOut: 0n,
      reservesAfter: reservesBefore,
    };
  }
  const oldBalance = presentValue(a.principal, m);
  let deltaValue = 0n;
  let collValue = 0n;
  const seized: SeizedAmount[] = [];
  for (const asset of m.assets) {
    const amount = a.collateral.get(asset.asset) ?? 0n;
    if (amount === 0n) continue;
    const value = mulPrice(amount, asset.price, asset.scale);
    collValue += value;
    deltaValue += mulFactor(value, asset.liquidationFactor);
    seized.push({ asset: asset.asset, amount });
  }
  const deltaBalance = divPrice(deltaValue, m.basePrice, m.baseScale);
  let newBalance = oldBalance + deltaBalance;
  if (newBalance < 0n) newBalance = 0n;
  const principalAfter = principalValue(newBalance, m);
  // repayAndSupplyAmount(old < 0, new ≥ 0): repay −old, supply new
  const repay = -a.principal;
  const supply = principalAfter;
  if (repay > m.totalBorrowBase) {
    return {
      ...base,
      allowed: false,
      reason: 'Underflow',
      debtRepaid: 0n,
      collateralSeized: [],
      incentiveFactor: 0n,
      badDebt: 0n,
      healthFactorAfter: before.healthFactor,
      basePaidOut: 0n,
      valueOfBasePaidOut: 0n,
      reservesAfter: reservesBefore,
    };
  }
  const totalSupplyBase = m.totalSupplyBase + supply;
  const totalBorrowBase = m.totalBorrowBase - repay;
  const basePaidOut = newBalance - oldBalance;
  const shortfall = -(oldBalance + deltaBalance);
  return {
    ...base,
    allowed: true,
    reason: null,
    debtRepaid: -oldBalance,
    collateralSeized: seized,
    incentiveFactor: deltaValue === 0n ? 0n : mulDivDownRaw(collValue, WAD, deltaValue),
    badDebt: shortfall > 0n ? shortfall : 0n,
    healthFactorAfter: null,
    principalAfter,
    basePaidOut,
    valueOfBasePaidOut: mulPrice(basePaidOut, m.basePrice, m.baseScale),
    totalSupplyBase,
    totalBorrowBase,
    reservesAfter: reservesOf({ ...m, totalSupplyBase, totalBorrowBase }),
  };
}
