/**
 * riskcore/stress — scenarios, historical crises, reverse stress tests, liquidation cascades, liquidity (ALM)
 * stress and hedging.
 */
export { RiskInputError } from '../core/errors.js';
export type { AssetMap, Scenario } from './scenario.js';
export { validateScenario, validateScenarios, applyScenario } from './scenario.js';
export type { PriceVolGridOptions, SpanOptions } from './builders.js';
export { priceVolGrid, spanScenarios, stablecoinDepeg, lstDepeg, oracleStale, oracleJump } from './builders.js';
export type { HistoricalEvent } from './historical.js';
export { HISTORICAL_EVENTS, historicalScenarios } from './historical.js';
export type {
  CascadeAccount,
  CascadeOracle,
  CascadeParams,
  CascadeRound,
  CascadeResult,
  CascadeTotals,
  CascadePerp,
  MultiAssetCascadeAccount,
  CascadeAssetMarket,
  MultiAssetCascadeParams,
  CascadeAssetTotals,
  MultiAssetCascadeTotals,
  CascadeAssetRound,
  MultiAssetCascadeRound,
  MultiAssetCascadeResult,
  CascadeMoneyTotals,
  CascadeRoundMoney,
} from './cascadeTypes.js';
export { simulateLiquidationCascade } from './cascade.js';
export type {
  LiquidityBucket,
  LiquidityAsset,
  LiquidityLiability,
  BalanceSheet,
  WithdrawalRun,
  LiquidityBucketResult,
  LiquidityResult,
  CashFlow,
  FixedIncomeRisk,
} from './alm.js';
export { liquidityStress, fixedIncomeRisk, fixedRateCashflows } from './alm.js';
export type { LendingBook, StressOptions } from './stressSetup.js';
export type { ScenarioOutcome, StressResult } from './stressTest.js';
export { stressTest } from './stressTest.js';
export type { StressContext } from './prepareStress.js';
export { prepareStress } from './prepareStress.js';
export type { ReverseStressOptions, ReverseStressResult } from './reverse.js';
export { reverseStressTest, reverseStressPerAsset } from './reverse.js';
export type {
  HedgeGreek,
  HedgeOptions,
  HedgeResult,
  HedgeEffectSide,
  HedgeEffectOptions,
  HedgeEffectResult,
} from './hedge.js';
export { hedge, hedgeEffect } from './hedge.js';
// pool rate and liquidity risk (asset-liability view of a lending pool)
export { poolRateRisk, poolRunSchedule, poolShockedPrices } from './poolRisk/index.js';
export type {
  PoolRunContext,
  PoolRunScheduleResult,
  PoolShockedPricesOptions,
  PoolShockedPricesResult,
  PoolBorrower,
  LendingPool,
  PoolRepayment,
  PoolStep,
  PoolScenario,
  PoolRateRiskOptions,
  PoolLiquidation,
  PoolBorrowerPoint,
  PoolRiskPoint,
  PoolWithdrawalLot,
  PoolLockout,
  PoolRateRiskResult,
} from './poolRisk/index.js';
export type {
  Protocol,
  ProtocolAssetMarket,
  ProtocolSingleParams,
  ProtocolMultiParams,
  ProtocolAssetDynamics,
  ProtocolMarket,
  ProtocolRiskOptions,
  ProtocolRiskEstimate,
  ProtocolLossTail,
  ProtocolPathDetail,
  ProtocolRiskResult,
  ProtocolImportanceSampling,
  ProtocolImportanceSamplingResult,
} from './protocolRisk/types.js';
export { simulateProtocolRisk } from './protocolRisk/simulate.js';
export type { LendingProtocol, LendingRiskContext } from './protocolRisk/lendingRisk.js';
export type {
  ProtocolRiskShardJob,
  ProtocolRiskShardResult,
  ProtocolPathDetailJSON,
} from './protocolRisk/shardTypes.js';
export {
  planProtocolRiskShards,
  runProtocolRiskShard,
  combineProtocolRiskShards,
} from './protocolRisk/shard.js';
export type { RecommendCapOptions, RecommendCapResult } from './protocolRisk/recommendCap.js';
export { recommendCap } from './protocolRisk/recommendCap.js';
export type {
  ParameterPoint,
  RecommendedParameter,
  RecommendParameterOptions,
  RecommendParameterResult,
} from './protocolRisk/recommendParameter.js';
export { recommendParameter } from './protocolRisk/recommendParameter.js';
// lending cascades on the protocols' own liquidation rules
export { simulateLendingCascade } from './lendingCascade/index.js';
export type {
  LendingCascadeProtocol,
  AaveCascadePosition,
  CometCascadePosition,
  MorphoCascadePosition,
  EulerCascadePosition,
  LendingCascadePosition,
  LendingLiquidators,
  LendingCascadeCommon,
  AaveCascadeContext,
  CometCascadeContext,
  MorphoCascadeContext,
  EulerCascadeContext,
  LendingCascadeContext,
  LendingCascadeEvent,
  LendingCascadeRound,
  LendingCascadeTotals,
  LendingCascadeResult,
} from './lendingCascade/index.js';
// liquidation cascades on the venues' rules (riskcore/perps)
export * from './venueCascade/index.js';
export type { VenueProtocol } from './protocolRisk/venueRisk.js';
