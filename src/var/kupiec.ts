import { chiSquareSurvival } from '../core/chiSquare.js';
import { checkConfidence, checkStrictObject, knownKeys } from '../core/validate.js';
import { checkHits, xlogy } from './hits.js';

const KEYS = knownKeys('confidence');

/** Result of {@link kupiecTest}. */
export interface KupiecResult {
  /** Likelihood-ratio statistic LR_POF (χ²(1) under H₀). */
  statistic: number;
  /** P(χ²(1) > statistic). */
  pValue: number;
  /** Number of exceptions x. */
  exceedances: number;
  /** Number of observations T. */
  observations: number;
  /** Expected exceptions T·(1 − α). */
  expected: number;
}

/**
 * Kupiec's (1995) proportion-of-failures test of VaR coverage. With T observations, x exceptions and p = 1 − α:
 * LR_POF = −2·ln[(1 − p)^(T−x)·p^x] + 2·ln[(1 − x/T)^(T−x)·(x/T)^x] (0·ln 0 = 0), p-value from χ²(1) (regularized
 * incomplete gamma, exact to ~1e-13).
 *
 * @param hits - exception indicators, true/1 when the loss exceeded VaR, at least 1.
 * @param options - `confidence` α of the VaR that was tested.
 * @throws RiskInputError naming `hits[i]`, `hits` or `confidence`.
 *
 * @example
 * ```ts
 * import { kupiecTest } from 'riskcore/var';
 * const hits = Array.from({ length: 250 }, (_, i) => i % 50 === 0); // 5 exceptions
 * const r = kupiecTest(hits, { confidence: 0.99 });
 * console.log(r.statistic); // 1.9568
 * console.log(r.pValue); // 0.161855
 * ```
 */
export function kupiecTest(hits: ArrayLike<boolean | number>, options: { confidence: number }): KupiecResult {
  const h = checkHits(hits, 'hits');
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  let x = 0;
  for (let i = 0; i < h.length; i++) x += h[i];
  return kupiecOf(x, h.length, alpha);
}

/** LR_POF from counts. Internal. */
export function kupiecOf(x: number, t: number, alpha: number): KupiecResult {
  const p = 1 - alpha;
  const phat = x / t;
  // ln(1 − p) as ln(alpha): 1 − (1 − alpha) rounds to 0 for alpha below 1.1e-16 and the statistic became Infinity
  const lr = -2 * (xlogy(t - x, alpha) + xlogy(x, p)) + 2 * (xlogy(t - x, 1 - phat) + xlogy(x, phat));
  const statistic = Math.max(0, lr);
  return { statistic, pValue: chiSquareSurvival(statistic, 1), exceedances: x, observations: t, expected: t * p };
}
