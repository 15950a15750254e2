/**
 * riskcore/haircuts — collateral haircuts, collateral value and cross-collateral equity, in exact decimals; oracle
 * staleness/deviation checks. The lending model (health factor, Aave v3 markets, borrowing power, liquidation, the
 * bigint fast path) moved to `riskcore/lending`; its names are re-exported here, deprecated, so old imports work.
 */
export { RiskInputError } from '../core/errors.js';
export { fixedHaircut, volatilityHaircut, liquidityHaircut, concentrationAddOn, composeHaircuts } from './haircut.js';
export type { HaircutContext, HaircutModel, PerAsset, VolatilityHaircutParams } from './haircut.js';
export { collateralValue, crossCollateralEquity } from './collateral.js';
export type {
  Holding,
  HaircutSpec,
  CollateralOptions,
  CollateralLine,
  CollateralValuation,
  CrossCollateralEquity,
} from './collateral.js';
export { checkPrice } from './oracle.js';
export type { OraclePolicy, PriceStamp, OracleFlag } from './oracle.js';
// the lending names that moved to riskcore/lending, kept here as deprecated aliases
export * from './deprecatedLending.js';
