/**
 * riskcore/perps — perpetual-futures clearing as the venues run it: margin, funding, liquidation, insurance fund,
 * auto-deleveraging, oracle guards and pre-trade checks of dYdX v4, Drift v2 and Hyperliquid. Each venue's rules
 * live in their own folder, reproduced from the venue's code at a named commit; published parameter sets are data
 * files with their source.
 */
export { RiskInputError } from '../core/errors.js';
export * from './dydx/index.js';
export * from './drift/index.js';
export * from './hyperliquid/index.js';
