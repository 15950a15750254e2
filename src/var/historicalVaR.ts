import { historicalTail, validateHistorical } from './historicalTail.js';
import type { HistoricalOptions } from './historicalTail.js';
import type { NumericArray } from '../core/validate.js';

export type { HistoricalOptions, QuantileMethod } from './historicalTail.js';

/**
 * Historical Value at Risk: the α-quantile of the empirical loss distribution, as a positive loss.
 *
 * With losses L = −pnl sorted ascending and n observations, VaR = L₍k₎ with k = ⌈n·α⌉ (`method:
 * 'order-statistic'`, the default; k is computed robustly to float noise: 100 × 0.07 gives k = 7, not 8), or the
 * linearly interpolated quantile at h = (n − 1)·α (`method: 'interpolated'`, numpy/R type 7). Expected O(n): a
 * selection on scratch memory, never a full sort; the input is never mutated.
 *
 * Units: those of `pnl` (profit positive). Can be negative when even the α-quantile is a gain.
 *
 * @param pnl - P&L per scenario or day (profit > 0), a plain array or Float64Array, finite, at least
 *   ⌈1/(1 − α)⌉ long (100 at 99%) so that the tail holds at least one observation.
 * @param options - `confidence` α in (0, 1); `method` as above.
 * @throws RiskInputError naming `pnl[i]` for a non-finite value, `pnl` when too short, `confidence`, `method`.
 *
 * @example
 * ```ts
 * import { historicalVaR } from 'riskcore/var';
 * const pnl = Array.from({ length: 100 }, (_, i) => i - 50); // losses 50, 49, …, −49
 * console.log(historicalVaR(pnl, { confidence: 0.95 })); // 45
 * console.log(historicalVaR(pnl, { confidence: 0.95, method: 'interpolated' })); // 45.05
 * ```
 */
export function historicalVaR(pnl: NumericArray, options: HistoricalOptions): number {
  const v = validateHistorical(pnl, options);
  return historicalTail(v.pnl, v.confidence, v.method).var;
}
