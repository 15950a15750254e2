/**
 * riskcore/var — Value at Risk: historical (plain, age-weighted, filtered), parametric, delta-normal with Euler
 * allocation, Monte Carlo with standard errors; EWMA and GARCH(1,1) volatility; VaR backtests.
 * Conventions: P&L is profit (losses negative); VaR is returned as a positive loss.
 */
export { RiskInputError } from '../core/errors.js';
export { historicalVaR } from './historicalVaR.js';
export type { HistoricalOptions, QuantileMethod } from './historicalVaR.js';
export { parametricVaR } from './parametricVaR.js';
export type { ParametricDistribution, ParametricOptions } from './parametricVaR.js';
export { ewmaVolatility } from './ewma.js';
export type { EwmaResult } from './ewma.js';
export { fitGarch11 } from './garch.js';
export type { Garch11Fit, Garch11Params, GarchInitialVariance } from './garch.js';
export { ageWeightedVaR } from './ageWeighted.js';
export type { AgeWeightedOptions } from './ageWeighted.js';
export { filteredHistoricalVaR } from './filteredHistorical.js';
export type { FilteredHistoricalOptions } from './filteredHistorical.js';
export { deltaNormalVaR } from './deltaNormal.js';
export type { DeltaNormalOptions, DeltaNormalResult } from './deltaNormal.js';
export { monteCarloVaR } from './monteCarlo.js';
export type { MonteCarloEstimate, MonteCarloOptions, StandardErrorMethod } from './monteCarlo.js';
export { kupiecTest } from './kupiec.js';
export type { KupiecResult } from './kupiec.js';
export { christoffersenTest } from './christoffersen.js';
export type { ChristoffersenResult } from './christoffersen.js';
export { baselTrafficLight } from './trafficLight.js';
export type { TrafficLightResult } from './trafficLight.js';
export { rollingBacktest } from './rollingBacktest.js';
export type { RollingBacktestResult, VaRModel } from './rollingBacktest.js';
