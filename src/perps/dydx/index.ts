/** Clearing rules of dYdX v4, reproduced from `dydxprotocol/v4-chain` in its integer and rational arithmetic. */
export type { DydxRational } from './bigMath.js';
export type {
  DydxLeverageEntry,
  DydxLiquidityTier,
  DydxMarkets,
  DydxPerpetual,
  DydxPerpetualPosition,
  DydxSubaccount,
} from './validate.js';
export type { DydxRisk, DydxUpdateResult } from './risk.js';
export {
  dydxAdjustedInitialMarginPpm,
  dydxInitialMarginQuoteQuantums,
  dydxMaintenanceMarginPpm,
  dydxMaxAbsFundingClampPpm,
  type DydxClampContext,
  type DydxInitialMarginContext,
  type DydxOpenInterestContext,
} from './liquidityTier.js';
export {
  dydxAccountRisk,
  dydxPositionRisk,
  type DydxAccountRiskResult,
  type DydxPositionRiskResult,
} from './accountRisk.js';
export {
  dydxFundingIndexDelta,
  dydxFundingRatePpm,
  dydxFundingSettlement,
  dydxPremiumPpm,
  type DydxFundingIndexContext,
  type DydxFundingPosition,
  type DydxFundingRateContext,
  type DydxFundingSettlementResult,
  type DydxPremiumOptions,
} from './funding.js';
export {
  dydxBankruptcyPriceQuoteQuantums,
  dydxFillablePrice,
  dydxFillablePriceToSubticks,
  dydxLiquidationInsuranceFundDelta,
  type DydxClobPairContext,
  type DydxCloseContext,
  type DydxFillablePriceContext,
  type DydxInsuranceFundContext,
} from './liquidation.js';
export { dydxLiquidatablePositionSizeDelta, type DydxLiquidationLimitsContext } from './liquidationSize.js';
export {
  dydxDeleverage,
  type DydxDeleverageContext,
  type DydxDeleverageResult,
  type DydxDeleveragingFill,
} from './deleveraging.js';
export { dydxMatchOpenInterestDelta, type DydxMatchContext } from './openInterest.js';
export {
  dydxCollateralTransition,
  dydxMaxOrderSize,
  dydxPreTradeCheck,
  type DydxRiskInput,
  type DydxTransitionContext,
  type DydxMaxOrderContext,
  type DydxOrder,
  type DydxPreTradeContext,
  type DydxPreTradeResult,
} from './preTrade.js';
export {
  prepareDydxMarket,
  prepareDydxSubaccount,
  type DydxPreparedMarket,
  type DydxPreparedSubaccount,
} from './prepared.js';
export {
  DYDX_MAINNET_GENESIS_CLEARING_PARAMS,
  DYDX_MAINNET_GENESIS_LIQUIDITY_TIERS,
  DYDX_SAMPLE_PREGENESIS_CLEARING_PARAMS,
  DYDX_SAMPLE_PREGENESIS_LIQUIDITY_TIERS,
  type DydxPresetSource,
} from './presets/genesis.js';
