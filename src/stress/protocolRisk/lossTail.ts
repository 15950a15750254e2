/**
 * Internal: order statistics of a loss sample for {@link simulateProtocolRisk}: quantiles, Acerbi–Tasche VaR and
 * ES (the convention of `tailVaRES` in src/montecarlo/tailBuffer.ts), batch-means standard errors
 * (src/core/batchMeans.ts) and the ES weights of each path.
 */
import { batchMeansSE } from '../../core/batchMeans.js';
import type { ProtocolRiskEstimate } from './types.js';

/** The ⌈n·q⌉-th smallest of an ascending sample (q in (0, 1]). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  return sorted[Math.min(n, Math.max(1, Math.ceil(n * q))) - 1];
}

/** Acerbi–Tasche VaR and ES at α of an ascending sample: VaR = the ⌈nα⌉-th smallest. */
export function varEsSorted(sorted: Float64Array, alpha: number): { var: number; es: number } {
  const n = sorted.length;
  const k = Math.min(n, Math.max(1, Math.ceil(n * alpha)));
  const v = sorted[k - 1];
  const top = sorted[n - 1];
  const scale = Math.max(Math.abs(top), Math.abs(v)) || 1;
  let sum = 0;
  for (let j = k; j < n; j++) sum += sorted[j] / scale;
  const es = ((sum / n + (k / n - alpha) * (v / scale)) / (1 - alpha)) * scale;
  return { var: v, es: Math.min(Math.max(es, v), top) };
}

const ascending = (x: Float64Array) => Float64Array.from(x).sort();

/** Smallest batch that can carry a VaR at α (at least 1/(1 − α) observations). */
function minBatch(alpha: number): number {
  return Math.ceil(1 / (1 - alpha) - 1e-9);
}

/** Contiguous batch b of B over n items: [from, to). */
function batchRange(n: number, B: number, b: number): [number, number] {
  return [Math.floor((b * n) / B), Math.floor(((b + 1) * n) / B)];
}

/** VaR and ES at α of `loss` with batch-means standard errors (null when a batch has fewer than 1/(1 − α) paths). */
export function tailEstimate(
  loss: Float64Array,
  alpha: number,
  B: number,
): { var: ProtocolRiskEstimate; es: ProtocolRiskEstimate } {
  const all = varEsSorted(ascending(loss), alpha);
  const n = loss.length;
  if (Math.floor(n / B) < minBatch(alpha)) {
    return { var: { value: all.var, stdError: null }, es: { value: all.es, stdError: null } };
  }
  const vs = new Float64Array(B);
  const es = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const [from, to] = batchRange(n, B, b);
    const r = varEsSorted(ascending(loss.subarray(from, to)), alpha);
    vs[b] = r.var;
    es[b] = r.es;
  }
  return { var: { value: all.var, stdError: batchMeansSE(vs) }, es: { value: all.es, stdError: batchMeansSE(es) } };
}

/** Mean with its standard error √(s²/n) (null for one path). */
export function meanEstimate(x: Float64Array): ProtocolRiskEstimate {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  if (n < 2) return { value: m, stdError: null };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  return { value: m, stdError: Math.sqrt(ss / (n - 1) / n) };
}

/**
 * The weight of each path in ES at α: ES = Σᵢ wᵢ·Lᵢ with wᵢ = 1/(n(1 − α)) for the paths above the ⌈nα⌉-th
 * smallest and (⌈nα⌉ − nα)/(n(1 − α)) for it (ties broken by path index, so the weights are deterministic).
 */
export function esWeights(loss: Float64Array, alpha: number): Float64Array {
  const n = loss.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((i, j) => loss[i] - loss[j] || i - j);
  const k = Math.min(n, Math.max(1, Math.ceil(n * alpha)));
  const w = new Float64Array(n);
  const unit = 1 / (n * (1 - alpha));
  for (let r = k; r < n; r++) w[idx[r]] = unit;
  w[idx[k - 1]] = (k - n * alpha) * unit;
  return w;
}
