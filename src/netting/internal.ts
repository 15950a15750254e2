/**
 * The netting module's friend API: what other riskcore modules (stress) may use besides the public index. Import
 * these from here, never from the files that define them. Not part of the published API.
 */
export { prepareValidated } from './engine.js';
export { mapValidPositions } from './account.js';
export { deltaOneUnits } from './engine.js';
export type { MarginContext } from './engine.js';
export { tierFigures } from './tiers.js';
export { FloatSum, floatSumMagnitude } from './exactSum.js';
export { assetParams, validateMarginParams } from './validateParams.js';
export { poolCollateral } from './collateral.js';
export { DEFAULT_MARGIN_PARAMS } from './presets/defaults.js';
export { instrumentEntry, scenarioMove } from './engine.js';
export { instrumentHash } from './instrumentHash.js';
export { exactSum } from './exactSum.js';
