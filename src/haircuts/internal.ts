/**
 * The haircuts module's friend API: what riskcore/lending uses besides the public index (the oracle policy checks
 * that lending's health factor applies to its prices). Not part of the published API.
 */
export { checkOraclePolicy, flagPrice } from './oracle.js';
export type { OracleFlag, OraclePolicy, PriceStamp } from './oracle.js';
