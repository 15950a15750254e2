/** Age-weighted historical simulation (Boudoukh, Richardson & Whitelaw 1998, "BRW"): VaR and ES. */
import { checkConfidence, checkFiniteArray, checkStrictObject, knownKeys, optionalNumber } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import type { TailRiskResult } from './result.js';
import { requireTail } from './sample.js';
import { weightedTail } from './weightedTail.js';

/** Options of age-weighted (BRW) historical VaR/ES. */
export interface AgeWeightedOptions {
  /** Confidence level α in (0, 1). */
  confidence: number;
  /** Decay λ in (0, 1]; weight of the observation i days old ∝ λⁱ. Default 0.98; λ = 1 is plain historical. */
  lambda?: number;
}

const KEYS = knownKeys('confidence', 'lambda');

/**
 * Age-weighted (BRW) historical VaR and ES together, positive losses. The observation i periods old (the last
 * element is the newest, age 0) gets weight wᵢ = λⁱ·(1 − λ)/(1 − λⁿ); losses L = −pnl are sorted ascending with
 * their weights and cumulative weights Wᵢ. VaR = L₍ⱼ₎ for the first j with Wⱼ ≥ α; ES is the Acerbi–Tasche formula
 * with weights, (Σ_{i>j} wᵢ·L₍ᵢ₎ + (Wⱼ − α)·L₍ⱼ₎)/(1 − α). λ = 1 gives historical VaR/ES exactly.
 *
 * @param pnl - P&L series, oldest first (profit > 0), finite, at least ⌈1/(1 − α)⌉ long.
 * @param options - `confidence` α; `lambda` in (0, 1], default 0.98.
 * @throws RiskInputError naming `pnl[i]`, `pnl`, `confidence`, `lambda` or an unknown option.
 *
 * @example
 * ```ts
 * import { ageWeightedTailRisk } from 'riskcore/var';
 * const pnl = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? -10 - i : 1));
 * const r = ageWeightedTailRisk(pnl, { confidence: 0.95, lambda: 1 });
 * console.log(r.var); // 50
 * console.log(r.es); // 80
 * ```
 */
export function ageWeightedTailRisk(pnl: NumericArray, options: AgeWeightedOptions): TailRiskResult {
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  const lambda = optionalNumber(o.lambda, 'lambda', 0.98, { gt: 0, le: 1 });
  const arr = checkFiniteArray(pnl, 'pnl', 1);
  const n = arr.length;
  requireTail(n, alpha, 'pnl');
  const losses = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) losses[i] = -arr[i];
  // wᵢ = λ^{n−1−i}·(1 − λ)/(1 − λⁿ), the newest (last) observation weighs most; equal weights when λ = 1.
  let w = 1;
  let total = 0;
  for (let i = n - 1; i >= 0; i--) {
    weights[i] = w;
    total += w;
    w *= lambda;
  }
  for (let i = 0; i < n; i++) weights[i] /= total;
  const t = weightedTail(losses, weights, alpha);
  return { var: t.var, es: t.es, confidence: alpha };
}

/**
 * Age-weighted historical VaR (BRW), as a positive loss: `ageWeightedTailRisk(pnl, options).var`.
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
  return ageWeightedTailRisk(pnl, options).var;
}

/**
 * Age-weighted historical Expected Shortfall (BRW), as a positive loss: `ageWeightedTailRisk(pnl, options).es`.
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
  return ageWeightedTailRisk(pnl, options).es;
}
