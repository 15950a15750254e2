import { monteCarloEstimate } from '../var/monteCarlo.js';
import type { MonteCarloEstimate, MonteCarloOptions } from '../var/monteCarlo.js';
import type { NumericArray } from '../core/validate.js';

/**
 * Monte Carlo Expected Shortfall with its standard error, from a simulated P&L vector. Value: Acerbi–Tasche ES of
 * all scenarios. Standard error: `'batch-means'` (default; sd of the batch ES values/√batches) or `'asymptotic'`:
 * √([Var(L | L ≥ VaR) + α·(ES − VaR)²]/(n(1 − α))), the variance of the tail average plus the effect of the
 * estimated VaR threshold (Manistre & Hancock 2005), Var(L | L ≥ VaR) the sample variance (n − 1) of the
 * n − ⌈nα⌉ + 1 largest losses.
 *
 * @throws RiskInputError naming `pnl[i]`, `pnl` (too few scenarios), `confidence`, `standardError` or `batches`.
 *
 * @example
 * ```ts
 * import { monteCarloES } from 'riskcore/es';
 * const pnl = Float64Array.from({ length: 10000 }, (_, i) => 1000 * Math.tan(Math.PI * ((i * 0.6180339887) % 1 - 0.5)) / 50);
 * console.log(monteCarloES(pnl, { confidence: 0.99, standardError: 'asymptotic' }).standardError > 0); // true
 * ```
 */
export function monteCarloES(pnl: NumericArray, options: MonteCarloOptions): MonteCarloEstimate {
  return monteCarloEstimate(pnl, options, 'es');
}
