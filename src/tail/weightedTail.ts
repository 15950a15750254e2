/**
 * VaR and ES of a weighted empirical loss distribution (age-weighted historical simulation). Internal.
 *
 * Losses sorted ascending with weights wᵢ (Σw = 1) and cumulative weights Wᵢ: VaR = L₍ⱼ₎ for the first j with
 * Wⱼ ≥ α (a Wⱼ within 1e-12 of α counts as reaching it); ES = (Σ_{i>j} wᵢL₍ᵢ₎ + (Wⱼ − α)·L₍ⱼ₎)/(1 − α), the
 * Acerbi–Tasche formula with weights (equal weights 1/n give historical VaR/ES exactly).
 */
export function weightedTail(losses: Float64Array, weights: Float64Array, alpha: number): { var: number; es: number } {
  const n = losses.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => losses[a] - losses[b] || a - b);
  let cum = 0;
  let j = n - 1;
  for (let i = 0; i < n; i++) {
    cum += weights[order[i]];
    if (cum >= alpha - 1e-12) {
      j = i;
      break;
    }
  }
  const v = losses[order[j]];
  let tail = 0;
  for (let i = j + 1; i < n; i++) tail += weights[order[i]] * losses[order[i]];
  const es = (tail + (cum - alpha) * v) / (1 - alpha);
  return { var: v, es: Math.max(es, v) };
}
