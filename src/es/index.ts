/**
 * riskcore/es — Expected Shortfall: historical (Acerbi–Tasche), age-weighted, filtered, parametric, Monte Carlo
 * with standard errors; ES contributions; the Acerbi–Székely ES backtest.
 * Conventions: P&L is profit (losses negative); ES is returned as a positive loss, ES ≥ VaR.
 */
export { RiskInputError } from '../core/errors.js';
export { historicalES } from './historicalES.js';
export { parametricES } from './parametricES.js';
