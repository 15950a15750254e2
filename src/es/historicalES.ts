import { historicalTail, validateHistorical } from '../var/historicalTail.js';
import type { HistoricalOptions } from '../var/historicalTail.js';
import type { NumericArray } from '../core/validate.js';

/**
 * Historical Expected Shortfall (Acerbi–Tasche), as a positive loss: the average loss in the worst (1 − α) of
 * the empirical distribution, counting the VaR observation fractionally so that ES is coherent for any n.
 *
 * With losses L = −pnl sorted ascending, k = ⌈n·α⌉ (robust rounding, see historicalVaR):
 * ES = ( Σ_{i>k} L₍ᵢ₎ / n + (k/n − α)·L₍k₎ ) / (1 − α). With `method: 'interpolated'`, ES = (1/(1 − α))·∫_α^1 Q(u) du
 * for the piecewise-linear (type 7) quantile function Q. Always ES ≥ VaR. Expected O(n), input never mutated.
 *
 * @param pnl - P&L per scenario (profit > 0), plain array or Float64Array, finite, at least ⌈1/(1 − α)⌉ long.
 * @param options - `confidence` α in (0, 1); `method` `'order-statistic'` (default) or `'interpolated'`.
 * @throws RiskInputError naming `pnl[i]`, `pnl` (too short), `confidence` or `method`.
 *
 * @example
 * ```ts
 * import { historicalES } from 'riskcore/es';
 * const pnl = Array.from({ length: 100 }, (_, i) => i - 50); // losses 50, 49, …, −49
 * console.log(historicalES(pnl, { confidence: 0.95 })); // 48
 * ```
 */
export function historicalES(pnl: NumericArray, options: HistoricalOptions): number {
  const v = validateHistorical(pnl, options);
  return historicalTail(v.pnl, v.confidence, v.method).es;
}
