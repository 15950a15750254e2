import { ageWeightedTail } from '../var/ageWeighted.js';
import type { AgeWeightedOptions } from '../var/ageWeighted.js';
import type { NumericArray } from '../core/validate.js';

/**
 * Age-weighted (BRW) historical Expected Shortfall, as a positive loss: the Acerbi–Tasche formula with weights.
 * Losses sorted ascending with weights wᵢ = λ^{age}·(1 − λ)/(1 − λⁿ) and cumulative weights Wᵢ; j the first
 * index with Wⱼ ≥ α: ES = (Σ_{i>j} wᵢ·L₍ᵢ₎ + (Wⱼ − α)·L₍ⱼ₎)/(1 − α). λ = 1 gives historicalES exactly.
 *
 * @param pnl - P&L series, oldest first, finite, at least ⌈1/(1 − α)⌉ long.
 * @param options - `confidence` α; `lambda` in (0, 1], default 0.98.
 * @throws RiskInputError naming `pnl[i]`, `pnl`, `confidence` or `lambda`.
 *
 * @example
 * ```ts
 * import { ageWeightedES } from 'riskcore/es';
 * const pnl = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? -10 - i : 1));
 * console.log(ageWeightedES(pnl, { confidence: 0.95, lambda: 1 })); // 80
 * ```
 */
export function ageWeightedES(pnl: NumericArray, options: AgeWeightedOptions): number {
  return ageWeightedTail(pnl, options).es;
}
