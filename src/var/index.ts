/**
 * riskcore/var — Value at Risk by method (historical, age-weighted, filtered historical, parametric, delta-normal
 * with Euler allocation, Monte Carlo with standard errors), each with its `xxxTailRisk` giving VaR and ES in one
 * {@link TailRiskResult}; EWMA and GARCH(1,1) volatility; and the VaR backtests (Kupiec, Christoffersen, Basel
 * traffic light, rolling backtest), which live in this folder. The methods themselves are in src/tail.
 * Conventions: P&L is profit (losses negative); VaR is returned as a positive loss.
 */
export { RiskInputError } from '../core/errors.js';
export {
  historicalTailRisk,
  historicalVaR,
  ageWeightedTailRisk,
  ageWeightedVaR,
  filteredHistoricalTailRisk,
  filteredHistoricalVaR,
  parametricTailRisk,
  parametricVaR,
  deltaNormalTailRisk,
  deltaNormalVaR,
  monteCarloTailRisk,
  monteCarloVaR,
  ewmaVolatility,
  fitGarch11,
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
  DeltaNormalOptions,
  DeltaNormalResult,
  DeltaNormalTailOptions,
  FactorModel,
  MonteCarloEstimate,
  MonteCarloEstimateResult,
  MonteCarloOptions,
  MonteCarloTailRiskResult,
  StandardErrorMethod,
  EwmaResult,
  Garch11Fit,
  Garch11Params,
  GarchInitialVariance,
} from '../tail/index.js';
export { kupiecTest } from './kupiec.js';
export type { KupiecResult } from './kupiec.js';
export { christoffersenTest } from './christoffersen.js';
export type { ChristoffersenResult } from './christoffersen.js';
export { baselTrafficLight } from './trafficLight.js';
export type { TrafficLightResult } from './trafficLight.js';
export { rollingBacktest } from './rollingBacktest.js';
export type { RollingBacktestResult, VaRModel } from './rollingBacktest.js';
export { marginBacktest, marginBacktestTable } from './marginBacktest.js';
export type {
  MarginSeries,
  MarginBacktestOptions,
  MarginBacktestResult,
  MarginBacktestTableResult,
} from './marginBacktest.js';
