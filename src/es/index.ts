/**
 * riskcore/es — Expected Shortfall by method (historical Acerbi–Tasche, age-weighted, filtered historical,
 * parametric, delta-normal, Monte Carlo with standard errors), each with its `xxxTailRisk` giving VaR and ES in one
 * {@link TailRiskResult}; ES contributions; the Acerbi–Székely ES backtest. The methods themselves are in src/tail.
 * Conventions: P&L is profit (losses negative); ES is returned as a positive loss, ES ≥ VaR.
 */
export { RiskInputError } from '../core/errors.js';
export {
  historicalTailRisk,
  historicalES,
  ageWeightedTailRisk,
  ageWeightedES,
  filteredHistoricalTailRisk,
  filteredHistoricalES,
  parametricTailRisk,
  parametricES,
  deltaNormalTailRisk,
  deltaNormalES,
  monteCarloTailRisk,
  monteCarloES,
} from '../tail/index.js';
export type {
  TailRiskResult,
  HistoricalOptions,
  QuantileMethod,
  AgeWeightedOptions,
  FilteredHistoricalOptions,
  ParametricDistribution,
  ParametricModel,
  ParametricOptions,
  ParametricTailOptions,
  DeltaNormalResult,
  DeltaNormalTailOptions,
  FactorModel,
  MonteCarloEstimate,
  MonteCarloEstimateResult,
  MonteCarloOptions,
  MonteCarloTailRiskResult,
} from '../tail/index.js';
export { esContributions } from './esContributions.js';
export type { EsContributions, EsContributionsResult } from './esContributions.js';
export { acerbiSzekelyTest } from './acerbiSzekely.js';
export type { AcerbiSzekelyOptions, AcerbiSzekelyResult, TailForecasts } from './acerbiSzekely.js';
