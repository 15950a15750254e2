/**
 * Historical simulation: VaR and ES of the empirical loss distribution, from one selection pass (the
 * kernels/historicalTail kernel).
 */
import { checkConfidence, checkStrictObject, knownKeys, optionalEnum } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { historicalTail } from './kernels/historicalTail.js';
import type { TailRiskResult } from './result.js';
import { checkNumericArray, QUANTILE_METHODS, requireTail } from './sample.js';
import type { QuantileMethod } from './sample.js';

export type { QuantileMethod } from './sample.js';

/** Options of historical VaR/ES. */
export interface HistoricalOptions {
  /** Confidence level α in (0, 1), e.g. 0.99. */
  confidence: number;
  /**
   * `'order-statistic'` (default): VaR = L₍⌈nα⌉₎ and Acerbi–Tasche ES. `'interpolated'`: VaR is the linearly
   * interpolated quantile (numpy's default, R type 7) and ES the average of that piecewise-linear quantile
   * function over (α, 1).
   */
  method?: QuantileMethod;
}

const KEYS = knownKeys('confidence', 'method');

/** Validated P&L and options of a historical computation. */
export interface ValidatedHistorical {
  pnl: NumericArray;
  confidence: number;
  method: QuantileMethod;
}

/** Validate P&L and options (unknown keys refused); checks that the sample has at least ⌈1/(1 − α)⌉ observations. */
export function validateHistorical(pnl: unknown, options: unknown): ValidatedHistorical {
  const o = checkStrictObject(options, 'options', KEYS);
  const confidence = checkConfidence(o.confidence, 'confidence');
  const method = optionalEnum(o.method, 'method', QUANTILE_METHODS, 'order-statistic');
  const arr = checkNumericArray(pnl, 'pnl');
  requireTail(arr.length, confidence, 'pnl');
  return { pnl: arr, confidence, method };
}

/**
 * Historical VaR and Expected Shortfall together, from one selection pass over the P&L: exactly
 * `{ var: historicalVaR(pnl, options), es: historicalES(pnl, options) }` at half the cost. Same definitions,
 * options, validation and errors as those two.
 *
 * @param pnl - P&L per scenario (profit > 0), plain array or Float64Array, finite, at least ⌈1/(1 − α)⌉ long.
 * @param options - `confidence` α in (0, 1); `method` `'order-statistic'` (default) or `'interpolated'`.
 * @returns `{ var, es, confidence }`, positive losses in the units of `pnl`.
 * @throws RiskInputError naming `pnl[i]`, `pnl` (too short), `confidence`, `method` or an unknown option.
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
export function historicalTailRisk(pnl: NumericArray, options: HistoricalOptions): TailRiskResult {
  const v = validateHistorical(pnl, options);
  const t = historicalTail(v.pnl, v.confidence, v.method);
  return { var: t.var, es: t.es, confidence: v.confidence };
}

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
