import { chiSquareSurvival } from '../core/chiSquare.js';
import { checkConfidence, checkStrictObject, knownKeys } from '../core/validate.js';
import { checkHits, xlogy } from './hits.js';
import { kupiecOf } from './kupiec.js';

const KEYS = knownKeys('confidence');

/** Result of {@link christoffersenTest}. */
export interface ChristoffersenResult {
  /** LR_ind (χ²(1) under independence). */
  independence: number;
  independencePValue: number;
  /** LR_cc = LR_POF + LR_ind (χ²(2) under correct conditional coverage). */
  conditionalCoverage: number;
  conditionalCoveragePValue: number;
  /** Kupiec's LR_POF on the same hits. */
  unconditionalCoverage: number;
  unconditionalCoveragePValue: number;
  /** Transition counts n_ij = #{hitₜ₋₁ = i, hitₜ = j}. */
  transitions: { n00: number; n01: number; n10: number; n11: number };
}

/**
 * Christoffersen's (1998) independence and conditional-coverage tests. From the T − 1 transitions of the hit
 * sequence: π₀₁ = n₀₁/(n₀₀ + n₀₁), π₁₁ = n₁₁/(n₁₀ + n₁₁), π = (n₀₁ + n₁₁)/(T − 1);
 * LR_ind = −2·ln[(1 − π)^(n₀₀+n₁₀)·π^(n₀₁+n₁₁)] + 2·ln[(1 − π₀₁)^n₀₀·π₀₁^n₀₁·(1 − π₁₁)^n₁₀·π₁₁^n₁₁] ~ χ²(1);
 * LR_cc = LR_POF (Kupiec, on all T hits) + LR_ind ~ χ²(2). 0·ln 0 = 0.
 *
 * @param hits - exception indicators (true/1 = exception), at least 2.
 * @param options - `confidence` α of the tested VaR.
 * @throws RiskInputError naming `hits[i]`, `hits` or `confidence`.
 *
 * @example
 * ```ts
 * import { christoffersenTest } from 'riskcore/var';
 * const hits = Array.from({ length: 250 }, (_, i) => i >= 100 && i < 104); // 4 exceptions in a cluster
 * const r = christoffersenTest(hits, { confidence: 0.99 });
 * console.log(r.independencePValue < 0.01); // true
 * ```
 */
export function christoffersenTest(
  hits: ArrayLike<boolean | number>,
  options: { confidence: number },
): ChristoffersenResult {
  const h = checkHits(hits, 'hits', 2);
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  let n00 = 0,
    n01 = 0,
    n10 = 0,
    n11 = 0,
    x = 0;
  for (let t = 0; t < h.length; t++) {
    x += h[t];
    if (t === 0) continue;
    const a = h[t - 1];
    const b = h[t];
    if (a === 0) {
      if (b === 0) n00++;
      else n01++;
    } else if (b === 0) n10++;
    else n11++;
  }
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const ind = Math.max(0, -2 * (l0 - l1));
  const pof = kupiecOf(x, h.length, alpha);
  const cc = pof.statistic + ind;
  return {
    independence: ind,
    independencePValue: chiSquareSurvival(ind, 1),
    conditionalCoverage: cc,
    conditionalCoveragePValue: chiSquareSurvival(cc, 2),
    unconditionalCoverage: pof.statistic,
    unconditionalCoveragePValue: pof.pValue,
    transitions: { n00, n01, n10, n11 },
  };
}
