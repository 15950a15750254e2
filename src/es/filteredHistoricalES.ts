import { filteredTail } from '../var/filteredHistorical.js';
import type { FilteredHistoricalOptions } from '../var/filteredHistorical.js';
import type { NumericArray } from '../core/validate.js';

/**
 * Filtered historical simulation ES (positive loss): the Acerbi–Tasche historical ES of the FHS scenarios
 * P&L*ₜ = exposure·(μ + zₜ·σₙ₊₁) described at `filteredHistoricalVaR` (EWMA or GARCH(1,1) filter).
 *
 * @throws RiskInputError naming the offending input.
 *
 * @example
 * ```ts
 * import { filteredHistoricalES } from 'riskcore/es';
 * const r = Array.from({ length: 250 }, (_, t) => 0.01 * Math.sin(t * 2.1) * (t > 200 ? 3 : 1));
 * console.log(filteredHistoricalES(r, { confidence: 0.99, exposure: 1e6 }) > 0); // true
 * ```
 */
export function filteredHistoricalES(returns: NumericArray, options: FilteredHistoricalOptions): number {
  return filteredTail(returns, options).es;
}
