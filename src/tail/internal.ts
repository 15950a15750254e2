/**
 * The friend API of src/tail for the other tail-risk modules (riskcore/var backtests, riskcore/es contributions):
 * validation of P&L samples and return series, the tail rank, and the historical VaR/ES kernels. Not public.
 */
export { checkNumericArray, requireTail } from './sample.js';
export { checkReturns, MAX_RETURN } from './returns.js';
export { ceilRobust, minObservations, tailRank } from './tailIndex.js';
export { historicalTail } from './kernels/historicalTail.js';
export { lossTail } from './kernels/lossTail.js';
