/**
 * Margin parameters: the types (`paramsTypes.ts`), the published venue parameter sets (`presets/`), scenario grids
 * (`grids.ts`), validation (`validateParams.ts`) and tier arithmetic (`tiers.ts`). This module gathers them for
 * the imports that name `netting/params`.
 */
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
} from './paramsTypes.js';
export { BTC_LINEAR_TIERS } from './presets/binanceBtcLinear.js';
export { ETH_LINEAR_TIERS, DEFAULT_LINEAR_TIERS } from './presets/hyperliquidLinear.js';
export { DERIBIT_OPTION_MARGIN } from './presets/deribitOptionMargin.js';
export { DERIBIT_BTC_PORTFOLIO } from './presets/deribitBtcPortfolio.js';
export { DEFAULT_MARGIN_PARAMS } from './presets/defaults.js';
export { deribitGrid, spanGrid } from './grids.js';
export { assetParams, marginParams, validateMarginParams, validateTiers, validateVolScan } from './validateParams.js';
export { tieredMargin, tierFigures } from './tiers.js';
