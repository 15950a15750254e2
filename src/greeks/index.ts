export { RiskInputError } from '../core/errors.js';
export { optionPrice, optionGreeks } from './price.js';
export type { OptionInput, OptionGreeks } from './price.js';
export { forwardPrice, positionValue, positionGreeks, withEntryPrices, revaluePnL } from './valuation.js';
export type { PositionGreeks } from './valuation.js';
export { impliedVol, impliedVolBatch } from './impliedVol.js';
export type { ImpliedVolInput, ImpliedVolColumns } from './impliedVol.js';
export { optionPriceBatch, optionGreeksBatch } from './batch.js';
export type { OptionColumns, GreeksColumns, Column } from './batch.js';
