/**
 * The greeks module's friend API: what other riskcore modules (netting, stress, montecarlo) and the benchmarks may
 * use besides the public index. Import these from here, never from the files that define them, so those files can be
 * cut and moved without touching other modules. Not part of the published API.
 */
export { forwardOf, fillEntryPrices, positionGreeks, positionGreeksInto, positionValueUnchecked } from './valuation.js';
export type { PositionGreeks } from './valuation.js';
export { greeksWasm, setBatchKernel } from './kernels/wasmKernel.js';
export { GREEK_NAMES } from './price.js';
