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
