import { checkNumber, checkStrictObject, knownKeys, optionalNumber } from '../core/validate.js';
import { checkReturns } from './returns.js';
import type { NumericArray } from '../core/validate.js';

/** Result of {@link ewmaVolatility}. */
export interface EwmaResult {
  /** σ²ₜ for each observation t, using information before t only (length n). */
  variance: Float64Array;
  /** σₜ = √σ²ₜ (length n). */
  volatility: Float64Array;
  /** One step past the sample: σ²ₙ₊₁ = λσ²ₙ + (1 − λ)rₙ². */
  forecastVariance: number;
  /** √forecastVariance. */
  forecastVolatility: number;
}

const KEYS = knownKeys('lambda', 'initialVariance');

/**
 * RiskMetrics exponentially weighted moving-average volatility of zero-mean returns:
 * σ²ₜ₊₁ = λ·σ²ₜ + (1 − λ)·rₜ², seeded with σ²₁ = (1/n)·Σ rₜ² (the sample mean of squares, the same seed as the
 * GARCH fit's). Units: those of the returns per period (fractions, not percent, unless the input is percent).
 *
 * @param returns - per-period returns, oldest first, finite with |r| ≤ 1e100, at least 2.
 * @param options - `lambda` decay in (0, 1), default 0.94 (RiskMetrics daily); `initialVariance` > 0 overrides the seed.
 * @throws RiskInputError naming `returns[i]`, `lambda` or `initialVariance`.
 *
 * @example
 * ```ts
 * import { ewmaVolatility } from 'riskcore/var';
 * const { forecastVolatility } = ewmaVolatility([0.01, -0.02, 0.015, -0.01], { lambda: 0.94 });
 * console.log(forecastVolatility); // 0.0143495
 * ```
 */
export function ewmaVolatility(
  returns: NumericArray,
  options: { lambda?: number; initialVariance?: number } = {},
): EwmaResult {
  const r = checkReturns(returns, 'returns', 2);
  const o = checkStrictObject(options, 'options', KEYS);
  const lambda = optionalNumber(o.lambda, 'lambda', 0.94, { gt: 0, lt: 1 });
  const n = r.length;
  let seed: number;
  if (o.initialVariance !== undefined) seed = checkNumber(o.initialVariance, 'initialVariance', { gt: 0 });
  else {
    seed = 0;
    for (let i = 0; i < n; i++) seed += r[i] * r[i];
    seed /= n;
  }
  const variance = new Float64Array(n);
  const volatility = new Float64Array(n);
  let v = seed;
  for (let t = 0; t < n; t++) {
    variance[t] = v;
    volatility[t] = Math.sqrt(v);
    v = lambda * v + (1 - lambda) * r[t] * r[t];
  }
  return { variance, volatility, forecastVariance: v, forecastVolatility: Math.sqrt(v) };
}
