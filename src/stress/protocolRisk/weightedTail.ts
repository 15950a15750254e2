/**
 * Internal: estimators of a weighted loss sample for {@link simulateProtocolRisk} under importance sampling
 * (src/stress/protocolRisk/importanceSampling.ts). Path i carries its likelihood ratio wᵢ; a figure's expectation is
 * estimated by (1/n)·Σ wᵢ·xᵢ (unbiased), and the distribution of the loss by the weighted survival function
 * S(x) = (1/n)·Σ_{Lᵢ > x} wᵢ, summed from the top of the sample (the tail the tilted paths populate; Glynn 1996).
 * The paths are ranked by (loss, index); the VaR at α is the loss of the lowest rank r with n − Σ_{ranks > r} w ≥ nα,
 * and the Acerbi–Tasche ES adds to the paths above it the share (1 − α) − S(VaR) of the VaR path. With every weight 1
 * the ranks, sums and rounding are those of ./lossTail.ts, so the figures equal the unweighted ones bit for bit.
 */
import { batchMeansSE } from '../../core/batchMeans.js';
import type { ProtocolRiskEstimate } from './types.js';

/** Path indices ranked by (x, index), ascending. */
export function rankPaths(x: Float64Array): Uint32Array {
  const idx = new Uint32Array(x.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((i, j) => x[i] - x[j] || i - j);
}

/**
 * The VaR rank at α of ranked paths: the lowest rank k (1-based) with n − Σ_{ranks > k} w ≥ n·α, and that tail sum
 * (at least rank 1).
 */
function varRank(idx: Uint32Array, w: Float64Array, alpha: number): { k: number; above: number } {
  const n = idx.length;
  const level = n * alpha;
  let above = 0;
  let k = n;
  while (k > 1) {
    const next = above + w[idx[k - 1]];
    if (!(n - next >= level)) break;
    above = next;
    k--;
  }
  return { k, above };
}

/** The weighted α-quantile of `x` (ranked by `idx`): the loss at {@link varRank}. */
export function weightedQuantile(x: Float64Array, w: Float64Array, idx: Uint32Array, q: number): number {
  return x[idx[varRank(idx, w, q).k - 1]];
}

/** Weighted Acerbi–Tasche VaR and ES at α of `x` with weights `w` (paths ranked by `idx`). */
export function weightedVarEs(
  x: Float64Array,
  w: Float64Array,
  idx: Uint32Array,
  alpha: number,
): { var: number; es: number } {
  const n = idx.length;
  const { k, above } = varRank(idx, w, alpha);
  const v = x[idx[k - 1]];
  const top = x[idx[n - 1]];
  const scale = Math.max(Math.abs(top), Math.abs(v)) || 1;
  let sum = 0;
  for (let j = k; j < n; j++) sum += w[idx[j]] * (x[idx[j]] / scale);
  const es = ((sum / n + ((n - above) / n - alpha) * (v / scale)) / (1 - alpha)) * scale;
  return { var: v, es: Math.min(Math.max(es, v), top) };
}

/** Contiguous batch b of B over n items: [from, to). */
function batchRange(n: number, B: number, b: number): [number, number] {
  return [Math.floor((b * n) / B), Math.floor(((b + 1) * n) / B)];
}

/**
 * Weighted VaR and ES at α with batch-means standard errors over B contiguous batches (null when a batch has fewer
 * than 1/(1 − α) paths, as unweighted).
 */
export function weightedTailEstimate(
  x: Float64Array,
  w: Float64Array,
  alpha: number,
  B: number,
): { var: ProtocolRiskEstimate; es: ProtocolRiskEstimate } {
  const all = weightedVarEs(x, w, rankPaths(x), alpha);
  const n = x.length;
  if (Math.floor(n / B) < Math.ceil(1 / (1 - alpha) - 1e-9)) {
    return { var: { value: all.var, stdError: null }, es: { value: all.es, stdError: null } };
  }
  const vs = new Float64Array(B);
  const es = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const [from, to] = batchRange(n, B, b);
    const xb = x.subarray(from, to);
    const r = weightedVarEs(xb, w.subarray(from, to), rankPaths(xb), alpha);
    vs[b] = r.var;
    es[b] = r.es;
  }
  return { var: { value: all.var, stdError: batchMeansSE(vs) }, es: { value: all.es, stdError: batchMeansSE(es) } };
}

/** The paths' products wᵢ·xᵢ. */
export function weighted(x: Float64Array, w: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = w[i] * x[i];
  return y;
}

/**
 * A probability from 0/1 path indicators x: p = (1/n)·Σ wᵢxᵢ (at most 1: the unbiased sum can pass 1 for a common
 * event under a strong tilt) with standard error √(p·(q/p − p)/n), q = (1/n)·Σ wᵢ²xᵢ (the variance of wx; with every
 * weight 1, q = p and this is the binomial √(p(1 − p)/n)).
 */
export function weightedProportion(x: Float64Array, w: Float64Array): ProtocolRiskEstimate {
  const n = x.length;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] === 0) continue;
    s += w[i] * x[i];
    s2 += w[i] * w[i] * x[i];
  }
  const p = s / n;
  if (!(p > 0)) return { value: p, stdError: 0 };
  const q = s2 / n;
  return { value: Math.min(1, p), stdError: Math.sqrt((p * Math.max(0, q / p - p)) / n) };
}

/**
 * The weight of each path in the weighted ES at α (ES = Σᵢ eᵢ·Lᵢ): wᵢ/(n(1 − α)) above the VaR rank, and
 * (n − Σ_{above} w − nα)/(n(1 − α)) for the VaR path.
 */
export function weightedEsWeights(x: Float64Array, w: Float64Array, alpha: number): Float64Array {
  const n = x.length;
  const idx = rankPaths(x);
  const { k, above } = varRank(idx, w, alpha);
  const e = new Float64Array(n);
  const unit = 1 / (n * (1 - alpha));
  for (let r = k; r < n; r++) e[idx[r]] = w[idx[r]] * unit;
  e[idx[k - 1]] = (n - above - n * alpha) * unit;
  return e;
}
