export { RiskInputError } from './errors.js';
export type {
  Settlement,
  OptionType,
  PricingModel,
  MarginMode,
  SpotPosition,
  PerpPosition,
  FuturePosition,
  OptionPosition,
  Position,
  VolSmile,
  AssetMarket,
  CorrelationInput,
  Market,
  Collateral,
  CollateralInput,
} from './model.js';
export { validatePosition, validatePositions, validateMarket, validateBook, validateCollateral } from './model.js';
export { optionVol, perpMark } from './lookup.js';
export { Money, toMoney, toBaseUnits } from './money.js';
export type { MoneyInput } from './money.js';
export { normalPdf, normalCdf, normalQuantile, erfc, erfcx } from './normal.js';
