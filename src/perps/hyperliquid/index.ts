/**
 * Hyperliquid's clearing rules as its docs publish them (the clearing engine is not open source): tiered margin,
 * cross and isolated accounts, transfer margin, liquidation prices and plans, auto-deleveraging, funding and
 * pre-trade checks. Amounts are exact decimals (`Money`) in USDC.
 */
export { HYPERLIQUID_MARGIN_TABLES } from './presets/marginTables.js';
export { HYPERLIQUID_MAINNET_PARAMS } from './presets/params.js';
export type {
  HyperliquidMarginTier,
  HyperliquidMarginTable,
  HyperliquidAssetMarket,
  HyperliquidMarket,
  HyperliquidPosition,
  HyperliquidAccount,
  HyperliquidParams,
  HyperliquidTierResult,
  HyperliquidPositionMargin,
  HyperliquidAccountMarginResult,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
} from './types.js';
export { prepareHyperliquidAccount, prepareHyperliquidMarket } from './prepared.js';
export { hyperliquidMarginTier } from './tiers.js';
export { hyperliquidAccountMargin } from './margin.js';
export { hyperliquidIsolatedTransfer, type HyperliquidIsolatedTransferResult } from './transfer.js';
export {
  hyperliquidLiquidationPrices,
  type HyperliquidLiquidationPricesResult,
  type HyperliquidPositionLiquidationPrice,
} from './liquidationPrice.js';
export {
  hyperliquidLiquidationPlan,
  type HyperliquidLiquidationOrder,
  type HyperliquidLiquidationPlanOptions,
  type HyperliquidLiquidationPlanResult,
  type HyperliquidLiquidationScope,
} from './liquidationPlan.js';
export {
  hyperliquidAdlRanking,
  type HyperliquidAdlCandidate,
  type HyperliquidAdlContext,
  type HyperliquidAdlRank,
  type HyperliquidAdlRankingResult,
} from './adlRanking.js';
export {
  hyperliquidAutoDeleverage,
  type HyperliquidAdlFill,
  type HyperliquidAdlPosition,
  type HyperliquidAutoDeleverageContext,
  type HyperliquidAutoDeleverageOptions,
  type HyperliquidAutoDeleverageResult,
} from './autoDeleverage.js';
export {
  hyperliquidPremium,
  hyperliquidFundingRate,
  type HyperliquidFundingRateOptions,
  type HyperliquidFundingRateResult,
  type HyperliquidImpactPrices,
} from './funding.js';
export {
  hyperliquidFundingPayments,
  type HyperliquidFundingPayment,
  type HyperliquidFundingPaymentsResult,
  type HyperliquidFundingPosition,
} from './fundingPayments.js';
export {
  hyperliquidPreTradeCheck,
  type HyperliquidOrder,
  type HyperliquidPreTradeContext,
  type HyperliquidPreTradeResult,
} from './preTrade.js';
export {
  hyperliquidMaxOrderSize,
  type HyperliquidMaxOrderSizeOptions,
  type HyperliquidMaxOrderSizeResult,
} from './maxOrderSize.js';
