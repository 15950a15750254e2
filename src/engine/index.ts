/**
 * riskcore/engine — the stateful margin engine for services: accounts held in columnar storage, re-margined
 * incrementally on every event (fills, deposits, price ticks, funding), with the pure functions of riskcore/netting
 * as its reference.
 */
export { RiskInputError } from '../core/errors.js';
