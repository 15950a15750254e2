/**
 * VaR and ES of a weighted loss sample (importance sampling): with likelihood ratios wᵢ and the tail estimator
 * P̂(L > x) = (1/n)·Σ wᵢ·1{Lᵢ > x}, VaR = the largest loss x (walking down the sorted losses) at which the
 * accumulated weight first exceeds n(1 − α), and ES = (Σ_{Lᵢ > VaR} wᵢLᵢ + (n(1 − α) − Σ_{Lᵢ > VaR} wᵢ)·VaR)/(n(1 − α)).
 * With unit weights these are exactly the Acerbi–Tasche order statistics of `tailVaRES`. Internal.
 */

/**
 * VaR/ES of losses[from … to) with weights w (same indices). `idx` is scratch of length ≥ to − from. When the whole
 * sample's weight never exceeds n(1 − α) (only possible with weights), VaR is the smallest loss.
 */
export function weightedVaRES(
  loss: Float64Array,
  w: Float64Array,
  from: number,
  to: number,
  alpha: number,
  idx: Uint32Array,
): { var: number; es: number } {
  const n = to - from;
  const ix = idx.subarray(0, n);
  for (let i = 0; i < n; i++) ix[i] = from + i;
  ix.sort((i, j) => loss[j] - loss[i]);
  const target = n * (1 - alpha);
  let cum = 0;
  let sum = 0;
  let v = loss[ix[n - 1]];
  for (let r = 0; r < n; r++) {
    const i = ix[r];
    if (cum + w[i] > target) {
      v = loss[i];
      break;
    }
    cum += w[i];
    sum += w[i] * loss[i];
  }
  const es = (sum + (target - cum) * v) / target;
  return { var: v, es: Math.max(es, v) }; // ES ≥ VaR exactly (round-off can cost an ulp)
}

/** Standard error of m batch estimates: the one implementation in core/batchMeans.ts. Internal. */
export { batchMeansSE as batchMeanSE } from '../core/batchMeans.js';
