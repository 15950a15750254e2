import { RiskInputError } from '../core/errors.js';
import { checkArray, checkConfidence, checkStrictObject, knownKeys } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { checkNumericArray, lossTail, requireTail, tailRank } from '../tail/internal.js';

const KEYS = knownKeys('confidence');

/** Result of {@link esContributions}. */
export interface EsContributionsResult {
  /** Portfolio historical VaR L₍k₎ (positive loss). */
  var: number;
  /** Portfolio Acerbi–Tasche ES (positive loss). */
  es: number;
  /** Per-position ES contributions (positive = adds to the loss); they sum to `es`. */
  contributions: Float64Array;
}

/** @deprecated use EsContributionsResult. */
export type EsContributions = EsContributionsResult;

/**
 * Euler ES contributions from simulated or historical P&L by position and scenario. The portfolio P&L of
 * scenario s is Σᵢ pnl[i][s]; its losses give VaR = L₍k₎ and the Acerbi–Tasche ES with k = ⌈nα⌉. Each scenario gets
 * the weight it has in that ES: 1/(n(1 − α)) for every scenario with loss > VaR, and the remaining tail mass
 * ((n − k − g)/n + (k/n − α))/(1 − α), g = #{loss > VaR}, shared equally by the scenarios whose loss equals VaR.
 * Contributionᵢ = −Σ_s weight_s·pnl[i][s], so the contributions sum to ES exactly (to rounding), for any ties.
 *
 * @param pnlByPosition - one P&L vector per position (plain arrays or Float64Array), all the same length n, finite.
 * @param options - `confidence` α in (0, 1); n must be ≥ ⌈1/(1 − α)⌉.
 * @throws RiskInputError naming `pnlByPosition[i][s]`, `pnlByPosition[i]` (length), `pnlByPosition` or `confidence`.
 *
 * @example
 * ```ts
 * import { esContributions } from 'riskcore/es';
 * const a = Array.from({ length: 100 }, (_, s) => Math.sin(s) * 100);
 * const b = Array.from({ length: 100 }, (_, s) => Math.cos(s * 3) * 50);
 * const r = esContributions([a, b], { confidence: 0.95 });
 * console.log(Math.abs(r.contributions[0] + r.contributions[1] - r.es) < 1e-9); // true
 * ```
 */
export function esContributions(pnlByPosition: NumericArray[], options: { confidence: number }): EsContributionsResult {
  const rows = checkArray(pnlByPosition, 'pnlByPosition', 1);
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  const m = rows.length;
  const mats: NumericArray[] = [];
  for (let i = 0; i < m; i++) {
    const row = checkNumericArray(rows[i], `pnlByPosition[${i}]`);
    if (row instanceof Float64Array) {
      for (let s = 0; s < row.length; s++) {
        if (!Number.isFinite(row[s])) throw new RiskInputError(`pnlByPosition[${i}][${s}]`, 'a finite number', row[s]);
      }
    }
    if (i > 0 && row.length !== mats[0].length) {
      throw new RiskInputError(
        `pnlByPosition[${i}]`,
        `an array of length ${mats[0].length} (one value per scenario, like pnlByPosition[0])`,
        row,
      );
    }
    mats.push(row);
  }
  const n = mats[0].length;
  requireTail(n, alpha, 'pnlByPosition[0]');
  const total = new Float64Array(n);
  for (const row of mats) for (let s = 0; s < n; s++) total[s] += row[s];
  const k = tailRank(n, alpha);
  const v = lossTail(total, k).kth;
  let g = 0;
  let eq = 0;
  for (let s = 0; s < n; s++) {
    const l = -total[s];
    if (l > v) g++;
    else if (l === v) eq++;
  }
  const wAbove = 1 / (n * (1 - alpha));
  const wTie = ((n - k - g) / n + (k / n - alpha)) / (1 - alpha) / eq;
  const contributions = new Float64Array(m);
  let es = 0;
  for (let s = 0; s < n; s++) {
    const l = -total[s];
    const w = l > v ? wAbove : l === v ? wTie : 0;
    if (w === 0) continue;
    es += w * l;
    for (let i = 0; i < m; i++) contributions[i] -= w * mats[i][s];
  }
  return { var: v, es, contributions };
}
