/**
 * riskcore/netting — the margin engine: accounts with cross and isolated pools, standard / cross / portfolio
 * margin, liquidation prices, capital efficiency, net exposures and dynamic (anti-procyclical) risk parameters.
 */
export { RiskInputError } from '../core/errors.js';
export type {
  Account,
  AccountPosition,
  CollateralHolding,
  SubAccount,
  ValidAccount,
  ValidCollateral,
  ValidPosition,
  MarginUnit,
} from './account.js';
export { validateAccount, validateAccountBook } from './account.js';
export type {
  MarginTier,
  LinearMarginParams,
  OptionMarginParams,
  VolScan,
  PortfolioAssetParams,
  AssetMarginParams,
  GridScenario,
  ScenarioGrid,
  Aggregation,
  MarginParams,
} from './params.js';
export {
  BTC_LINEAR_TIERS,
  ETH_LINEAR_TIERS,
  DEFAULT_LINEAR_TIERS,
  DERIBIT_OPTION_MARGIN,
  DERIBIT_BTC_PORTFOLIO,
  DEFAULT_MARGIN_PARAMS,
  deribitGrid,
  spanGrid,
  marginParams,
  validateMarginParams,
  tieredMargin,
} from './params.js';
export type { MarginContext } from './engine.js';
export { prepareMargin, shockVol } from './engine.js';
export type {
  MarginMethod,
  CollateralPrices,
  CollateralValuer,
  AccountMarginOptions,
  LegacyAccountMarginOptions,
  UnderlyingMargin,
  ScenarioResult,
  UnitMargin,
  AccountMarginResult,
} from './margin.js';
export { accountMargin } from './margin.js';
export type {
  LiquidationPriceResult,
  LiquidationPriceOptions,
  LegacyLiquidationPriceOptions,
  CapitalEfficiencyReport,
  CapitalEfficiencyOptions,
  Exposure,
  NetExposures,
} from './report.js';
export { liquidationPrice, capitalEfficiency, netExposures } from './report.js';
export type {
  ApcOptions,
  DynamicMarginOptions,
  ApcBinding,
  DynamicMarginPath,
  ProcyclicalityStats,
} from './dynamic.js';
export { dynamicMarginPath, procyclicality, withDynamicRange, MAX_DYNAMIC_TIER_RATE } from './dynamic.js';
export { span2Margin } from './span2/span2Margin.js';
export type {
  Span2Context,
  Span2StressScenario,
  Span2Concentration,
  Span2Options,
  Span2Underlying,
  Span2MarginResult,
} from './span2/types.js';
