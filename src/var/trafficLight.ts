import { regularizedBeta } from '../core/beta.js';
import { RiskInputError } from '../core/errors.js';
import { checkConfidence, checkNumber, checkStrictObject, knownKeys } from '../core/validate.js';

const KEYS = knownKeys('confidence');

/** Result of {@link baselTrafficLight}. */
export interface TrafficLightResult {
  zone: 'green' | 'yellow' | 'red';
  /** Plus factor added to the capital multiplier (3 + plus factor). */
  plusFactor: number;
  /** P(X ≤ exceedances) for X ~ Binomial(observations, 1 − α). */
  cumulativeProbability: number;
  exceedances: number;
  observations: number;
}

/** Basel (1996) plus factors for 250 observations at 99%, by number of exceptions 0..9 (10 or more: 1). */
const PLUS_FACTOR_250 = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85];

/** P(X ≤ x), X ~ Binomial(n, p), via the regularized incomplete beta: I_{1−p}(n − x, x + 1). Internal. */
export function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  return regularizedBeta(1 - p, n - x, x + 1);
}

/**
 * Basel traffic-light zone and plus factor of a VaR model from its number of exceptions. Zones by the binomial
 * cumulative probability F(x) = P(X ≤ x), X ~ Bin(T, 1 − α): green F < 95%, yellow 95% ≤ F < 99.99%, red
 * F ≥ 99.99% — for T = 250 at 99% exactly the Basel table (green 0–4, yellow 5–9, red ≥ 10). Plus factor: Basel's
 * table for 250 observations (5 → 0.40, 6 → 0.50, 7 → 0.65, 8 → 0.75, 9 → 0.85, red 1.00); for other T, the
 * yellow-zone factor of the smallest 250-observation count x′ whose F₂₅₀(x′) ≥ F_T(x) (same cumulative
 * probability), clamped to the yellow range.
 *
 * @param exceedances - number of exceptions, integer 0..observations.
 * @param observations - number of backtest days, integer in [1, 2^53 − 1].
 * @param options - `confidence` α of the VaR, default 0.99.
 * @throws RiskInputError naming `exceedances`, `observations` or `confidence`.
 *
 * @example
 * ```ts
 * import { baselTrafficLight } from 'riskcore/var';
 * console.log(baselTrafficLight(6, 250).zone); // 'yellow'
 * console.log(baselTrafficLight(6, 250).plusFactor); // 0.5
 * console.log(baselTrafficLight(10, 250).zone); // 'red'
 * ```
 */
export function baselTrafficLight(
  exceedances: number,
  observations: number,
  options: { confidence?: number } = {},
): TrafficLightResult {
  // counts are exact integers only up to 2^53 − 1; beyond, the binomial CDF is NaN
  const t = checkNumber(observations, 'observations', { ge: 1, le: Number.MAX_SAFE_INTEGER, integer: true });
  const x = checkNumber(exceedances, 'exceedances', { ge: 0, integer: true });
  if (x > t) throw new RiskInputError('exceedances', `an integer in [0, ${t}] (at most the number of observations)`, x);
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = o.confidence === undefined ? 0.99 : checkConfidence(o.confidence, 'confidence');
  const p = 1 - alpha;
  const f = binomialCdf(x, t, p);
  const zone = f < 0.95 ? 'green' : f < 0.9999 ? 'yellow' : 'red';
  let plusFactor = 0;
  if (zone === 'red') plusFactor = 1;
  else if (zone === 'yellow') {
    if (t === 250 && alpha === 0.99) plusFactor = PLUS_FACTOR_250[x];
    else {
      let x250 = 5;
      while (x250 < 9 && binomialCdf(x250, 250, 0.01) < f) x250++;
      plusFactor = PLUS_FACTOR_250[x250];
    }
  }
  return { zone, plusFactor, cumulativeProbability: f, exceedances: x, observations: t };
}
