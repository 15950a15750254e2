/**
 * Tail risk by method: each method file gives `xxxTailRisk(subject, context?, options?)` returning one
 * {@link TailRiskResult} (`{ var, es, confidence }`, plus `standardError` where the method estimates one), and its
 * `xxxVaR` / `xxxES`. Methods: historical, age-weighted (BRW), filtered historical (EWMA / GARCH(1,1) filter),
 * parametric (normal, Student-t, Cornish–Fisher), delta-normal (with Euler allocation), Monte Carlo (with standard
 * errors). The volatility filters (EWMA, GARCH(1,1)) live here beside the method that uses them.
 *
 * Layout: `kernels/` holds the speed code of the historical path (selection, tail filter, scratch buffers), each
 * file naming the bench workload that guards it; `internal.ts` is the friend API of riskcore/var and riskcore/es.
 * This folder is not a public entry point: `riskcore/var` and `riskcore/es` re-export it. Backtests (Kupiec,
 * Christoffersen, Basel traffic light, rolling backtest) stay in src/var, the Acerbi–Székely ES backtest and ES
 * contributions in src/es.
 */
export type { TailRiskResult } from './result.js';
export type { QuantileMethod } from './sample.js';
export { historicalTailRisk, historicalVaR, historicalES } from './historical.js';
export type { HistoricalOptions } from './historical.js';
export { ageWeightedTailRisk, ageWeightedVaR, ageWeightedES } from './ageWeighted.js';
export type { AgeWeightedOptions } from './ageWeighted.js';
export { filteredHistoricalTailRisk, filteredHistoricalVaR, filteredHistoricalES } from './filteredHistorical.js';
export type { FilteredHistoricalOptions } from './filteredHistorical.js';
export { parametricTailRisk, parametricVaR, parametricES } from './parametric.js';
export type {
  ParametricDistribution,
  ParametricModel,
  ParametricOptions,
  ParametricTailOptions,
} from './parametric.js';
export { deltaNormalTailRisk, deltaNormalVaR, deltaNormalES } from './deltaNormal.js';
export type { DeltaNormalOptions, DeltaNormalResult, DeltaNormalTailOptions, FactorModel } from './deltaNormal.js';
export { monteCarloTailRisk, monteCarloVaR, monteCarloES } from './monteCarlo.js';
export type {
  MonteCarloEstimate,
  MonteCarloEstimateResult,
  MonteCarloOptions,
  MonteCarloTailRiskResult,
  StandardErrorMethod,
} from './monteCarlo.js';
export { ewmaVolatility } from './ewma.js';
export type { EwmaResult } from './ewma.js';
export { fitGarch11 } from './garch.js';
export type { Garch11Fit, Garch11Params, GarchInitialVariance } from './garch.js';
