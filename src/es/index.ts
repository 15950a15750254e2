/**
 * riskcore/es — Expected Shortfall: historical (Acerbi–Tasche), age-weighted, filtered, parametric, Monte Carlo
 * with standard errors; ES contributions; the Acerbi–Székely ES backtest.
 * Conventions: P&L is profit (losses negative); ES is returned as a positive loss, ES ≥ VaR.
 */
export { RiskInputError } from '../core/errors.js';
export { historicalES } from './historicalES.js';
export { historicalTailRisk } from './historicalTailRisk.js';
export { parametricES } from './parametricES.js';
export { ageWeightedES } from './ageWeightedES.js';
export { filteredHistoricalES } from './filteredHistoricalES.js';
export { monteCarloES } from './monteCarloES.js';
export { esContributions } from './esContributions.js';
export type { EsContributions } from './esContributions.js';
export { acerbiSzekelyTest } from './acerbiSzekely.js';
export type { AcerbiSzekelyOptions, AcerbiSzekelyResult } from './acerbiSzekely.js';
export type { HistoricalOptions, QuantileMethod } from '../var/historicalTail.js';
export type { ParametricOptions, ParametricDistribution } from '../var/parametric.js';
export type { AgeWeightedOptions } from '../var/ageWeighted.js';
export type { FilteredHistoricalOptions } from '../var/filteredHistorical.js';
export type { MonteCarloEstimate, MonteCarloOptions } from '../var/monteCarlo.js';
