import { checkConfidence, checkFiniteArray, checkObject, optionalNumber } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { requireTail } from './historicalTail.js';
import { weightedTail } from './weightedTail.js';

/** Options of age-weighted (BRW) historical VaR/ES. */
export interface AgeWeightedOptions {
  /** Confidence level α in (0, 1). */
  confidence: number;
  /** Decay λ in (0, 1]; weight of the observation i days old ∝ λⁱ. Default 0.98; λ = 1 is plain historical. */
  lambda?: number;
}

/** Validate and compute both figures. Internal. */
export function ageWeightedTail(pnl: unknown, options: unknown): { var: number; es: number } {
  const o = checkObject(options, 'options');
  const alpha = checkConfidence(o.confidence, 'confidence');
  const lambda = optionalNumber(o.lambda, 'lambda', 0.98, { gt: 0, le: 1 });
  const arr = checkFiniteArray(pnl, 'pnl', 1);
  const n = arr.length;
  requireTail(n, alpha, 'pnl');
  const losses = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    losses[i] = -arr[i];
  }
  // wᵢ = λ^{n−1−i}·(1 − λ)/(1 − λⁿ), the newest (last) observation weighs most; equal weights when λ = 1.
  let w = 1;
  let total = 0;
  for (let i = n - 1; i >= 0; i--) {
    weights[i] = w;
    total += w;
    w *= lambda;
  }
  for (let i = 0; i < n; i++) weights[i] /= total;
  return weightedTail(losses, weights, alpha);
}

/**
 * Age-weighted historical VaR (Boudoukh, Richardson & Whitelaw 1998, "BRW"), as a positive loss. The observation
 * i periods old (the last element is the newest, age 0) gets weight λⁱ·(1 − λ)/(1 − λⁿ); losses L = −pnl are
 * sorted with their weights and VaR is the first loss whose cumulative weight reaches α. λ = 1 gives
 * historicalVaR exactly.
 *
 * @param pnl - P&L series, oldest first (profit > 0), finite, at least ⌈1/(1 − α)⌉ long.
 * @param options - `confidence` α; `lambda` in (0, 1], default 0.98.
 * @throws RiskInputError naming `pnl[i]`, `pnl`, `confidence` or `lambda`.
 *
 * @example
 * ```ts
 * import { ageWeightedVaR } from 'riskcore/var';
 * const pnl = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? -10 - i : 1));
 * console.log(ageWeightedVaR(pnl, { confidence: 0.95, lambda: 0.97 })); // 80
 * ```
 */
export function ageWeightedVaR(pnl: NumericArray, options: AgeWeightedOptions): number {
  return ageWeightedTail(pnl, options).var;
}
