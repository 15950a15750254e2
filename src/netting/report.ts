/**
 * Reports built on the margin engine, one file each: the liquidation price of one underlying (`liquidation.ts`),
 * the capital-efficiency comparison of margin methods (`efficiency.ts`) and net exposures (`exposures.ts`).
 */
export type { LiquidationPriceResult, LiquidationPriceOptions, LegacyLiquidationPriceOptions } from './liquidation.js';
export { liquidationPrice } from './liquidation.js';
export type { CapitalEfficiencyReport, CapitalEfficiencyOptions } from './efficiency.js';
export { capitalEfficiency } from './efficiency.js';
export type { Exposure, NetExposures } from './exposures.js';
export { netExposures } from './exposures.js';
