import { historicalTail, validateHistorical } from '../var/historicalTail.js';
import type { HistoricalOptions } from '../var/historicalTail.js';
import type { NumericArray } from '../core/validate.js';

/**
 * Historical VaR and Expected Shortfall together, from one selection pass over the P&L: exactly
 * `{ var: historicalVaR(pnl, options), es: historicalES(pnl, options) }` at half the cost. Same definitions,
 * options, validation and errors as those two.
 *
 * @example
 * ```ts
 * import { historicalTailRisk } from 'riskcore/es';
 * const pnl = Array.from({ length: 100 }, (_, i) => i - 50); // losses 50, 49, …, −49
 * const r = historicalTailRisk(pnl, { confidence: 0.95 });
 * console.log(r.var); // 45
 * console.log(r.es); // 48
 * ```
 */
export function historicalTailRisk(pnl: NumericArray, options: HistoricalOptions): { var: number; es: number } {
  const v = validateHistorical(pnl, options);
  return historicalTail(v.pnl, v.confidence, v.method);
}
