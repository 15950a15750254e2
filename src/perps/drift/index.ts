/**
 * Clearing rules of Drift v2 (drift-labs/protocol-v2 at 0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62), in Drift's own
 * integer arithmetic on bigints: margin with size premiums and weighted unrealized P&L, funding, liquidation and
 * bankruptcy, oracle guards and pre-trade checks.
 */
export { DRIFT_PRECISION } from './constants.js';
export type { DriftInt } from './int.js';
export { DRIFT_CONTRACT_TIERS, DRIFT_MARGIN_TYPES } from './market.js';
export type { DriftContractTier, DriftMarginType, DriftPerpMarketInput, DriftSpotMarketInput } from './market.js';
export { DRIFT_ORACLE_GUARD_RAILS } from './presets/oracleGuardRails.js';
export { DRIFT_CONTRACT_TIER_GUARDS } from './presets/contractTiers.js';
export {
  driftSizePremiumLiabilityWeight,
  driftSizeDiscountAssetWeight,
  driftHighLeverageInitialMarginRatio,
} from './sizeWeights.js';
export type { DriftSizePremiumOptions } from './sizeWeights.js';
export {
  driftPerpMarginRatio,
  driftUnrealizedAssetWeight,
  driftSpotAssetWeight,
  driftSpotLiabilityWeight,
} from './ratios.js';
export type { DriftMarginMode, DriftMarginOptions } from './ratios.js';
export { driftPerpPositionMargin } from './position.js';
export type { DriftPerpPositionInput, DriftPerpPositionMarginResult, DriftPositionMarginOptions } from './position.js';
export { driftAccountMargin } from './account.js';
export type {
  DriftAccountInput,
  DriftAccountMarginOptions,
  DriftAccountMarginResult,
  DriftMarginContextInput,
  DriftSpotMarginLine,
  DriftSpotPositionInput,
} from './account.js';
export { driftFundingRate, driftFundingRateLongShort, driftFundingPayment } from './funding.js';
export type { DriftFundingAmmInput, DriftFundingRateLongShortResult, DriftFundingRateResult } from './funding.js';
export {
  driftBaseAssetAmountToCoverMarginShortage,
  driftLiabilityTransferToCoverMarginShortage,
  driftLiabilityTransferImpliedByAssetAmount,
  driftAssetTransferForLiabilityTransfer,
} from './liquidationTransfers.js';
export type { DriftShortageCoverResult, DriftTransferContext } from './liquidationTransfers.js';
export {
  driftLiquidationFee,
  driftMaxLiquidationFee,
  driftPerpIfFee,
  driftSpotIfFee,
  driftMaxPctToLiquidate,
} from './liquidationFees.js';
export { driftBankruptcyFundingDelta, driftResolvePerpBankruptcy } from './bankruptcy.js';
export type { DriftBankruptcyMarketInput, DriftPerpBankruptcyResult } from './bankruptcy.js';
export { driftPerpLiquidation } from './liquidate.js';
export type { DriftPerpLiquidationOptions, DriftPerpLiquidationResult } from './liquidate.js';
export { driftOracleValidity, driftMarkOracleDivergence, driftPriceBand } from './oracle.js';
export type {
  DriftMarkOracleDivergenceResult,
  DriftOracleValidity,
  DriftOracleValidityResult,
  DriftPriceBandResult,
} from './oracle.js';
export { driftOrderMarginCheck, driftMaxOrderSize, driftMaxWithdrawable } from './preTrade.js';
export { prepareDriftMarket, prepareDriftAccount } from './prepared.js';
export type { DriftPreparedAccount, DriftPreparedMarket } from './prepared.js';
export type {
  DriftMaxOrderSizeResult,
  DriftMaxWithdrawableResult,
  DriftOrderContextInput,
  DriftOrderInput,
  DriftOrderMarginResult,
  DriftOrderReason,
} from './preTrade.js';
