/**
 * riskcore/haircuts — collateral haircuts, collateral value and cross-collateral equity, lending health factor,
 * borrowing power and Aave v3.3 liquidation amounts, in exact decimals; oracle staleness/deviation checks; an
 * exact fixed-point bigint fast path for batches.
 */
export { RiskInputError } from '../core/errors.js';
export { fixedHaircut, volatilityHaircut, liquidityHaircut, concentrationAddOn, composeHaircuts } from './haircut.js';
export type { HaircutContext, HaircutModel, PerAsset } from './haircut.js';
export { collateralValue, crossCollateralEquity } from './collateral.js';
export type { Holding, HaircutSpec, CollateralOptions, CollateralLine, CollateralValuation, CrossCollateralEquity } from './collateral.js';
export { checkPrice } from './oracle.js';
export type { OraclePolicy, PriceStamp, OracleFlag } from './oracle.js';
export { healthFactor, HF_DECIMALS } from './health.js';
export type { HealthCollateral, HealthDebt, HealthInput, HealthResult, HealthOptions } from './health.js';
export { lendingMarket, accountHealth, capRoom, maxBorrow, liquidationAmounts } from './lending.js';
export type {
  Reserve, EMode, LendingMarket, LendingBalance, LendingAccount, LendingPrices, AccountHealth, ReserveTotals, LiquidationOptions,
  LiquidationResult,
} from './lending.js';
export { AAVE_V3_ETHEREUM, AAVE_V33_LIQUIDATION } from './params.js';
export type { ReserveParams, EModeCategory, LiquidationConstants, LendingMarketParams } from './params.js';
export { fastMarket, fastHealthFactor, fastAccountData, fastLiquidation, LIQUIDATION_REASONS } from './fast.js';
export type { FastMarket, FastLiquidation } from './fast.js';
