/**
 * Historical VaR and ES from one pass over the P&L (shared by riskcore/var and riskcore/es). Internal: the public
 * functions validate and call {@link historicalTail}.
 */
import { RiskInputError } from '../core/errors.js';
import { checkConfidence, checkFiniteArray, checkObject, optionalEnum } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { lossTail } from './lossTail.js';
import { minObservations, tailRank } from './tailIndex.js';

/** How the α-quantile of the losses is read off the sample. */
export type QuantileMethod = 'order-statistic' | 'interpolated';
export const QUANTILE_METHODS = ['order-statistic', 'interpolated'] as const;

/** Options of historical VaR/ES. */
export interface HistoricalOptions {
  /** Confidence level α in (0, 1), e.g. 0.99. */
  confidence: number;
  /**
   * `'order-statistic'` (default): VaR = L₍⌈nα⌉₎ and Acerbi–Tasche ES. `'interpolated'`: VaR is the linearly
   * interpolated quantile (numpy's default, R type 7) and ES the average of that piecewise-linear quantile
   * function over (α, 1).
   */
  method?: QuantileMethod;
}

export interface ValidatedHistorical {
  pnl: NumericArray;
  confidence: number;
  method: QuantileMethod;
}

/** Validate P&L and options; checks that the sample has at least ⌈1/(1 − α)⌉ observations. */
export function validateHistorical(pnl: unknown, options: unknown): ValidatedHistorical {
  const o = checkObject(options, 'options');
  const confidence = checkConfidence(o.confidence, 'confidence');
  const method = optionalEnum(o.method, 'method', QUANTILE_METHODS, 'order-statistic');
  const arr = checkNumericArray(pnl, 'pnl');
  requireTail(arr.length, confidence, 'pnl');
  return { pnl: arr, confidence, method };
}

/**
 * A plain array or Float64Array with at least one element; its values are checked for finiteness by
 * {@link lossTail} in the same pass that reads them.
 */
export function checkNumericArray(value: unknown, path: string): NumericArray {
  if (value instanceof Float64Array) {
    if (value.length === 0) throw new RiskInputError(path, 'a non-empty array with at least 1 element', value);
    return value;
  }
  return checkFiniteArray(value, path, 1);
}

/** Throw unless n ≥ ⌈1/(1 − α)⌉ (at least one observation in the tail). */
export function requireTail(n: number, confidence: number, path: string): void {
  const need = minObservations(confidence);
  if (n < need) {
    throw new RiskInputError(path, `at least ${need} observations for confidence ${confidence} (the ${+((1 - confidence) * 100).toPrecision(6)}% tail must hold one)`, n, `${n} given`);
  }
}

/** VaR and ES (positive losses) of validated P&L. */
export function historicalTail(pnl: NumericArray, alpha: number, method: QuantileMethod): { var: number; es: number } {
  const m = hugeScale(pnl);
  if (m > 0) {
    // sums of losses near 1e308 overflow; VaR and ES are positively homogeneous, so compute on pnl/m
    const r = historicalTail(Float64Array.from(pnl, (x) => x / m), alpha, method);
    return { var: r.var * m, es: r.es * m };
  }
  const n = pnl.length;
  if (method === 'order-statistic') {
    const k = tailRank(n, alpha);
    const { kth, above } = lossTail(pnl, k);
    let sum = 0;
    for (let i = 0; i < above.length; i++) sum += above[i];
    const es = (sum / n + (k / n - alpha) * kth) / (1 - alpha);
    return { var: kth, es: Math.max(es, kth) };
  }
  // interpolated: Q(u) linear through (i/(n−1), L₍ᵢ₊₁₎), h = (n−1)α = j + frac
  if (n === 1) {
    const l = -pnl[0];
    return { var: l, es: l };
  }
  const h = (n - 1) * alpha;
  // same rounding rule as tailRank: an h within 1e-12·h of an integer is that integer
  const r = Math.round(h);
  const snap = Math.abs(h - r) <= 1e-12 * h;
  let j = snap ? r : Math.floor(h);
  let frac = snap ? 0 : h - j;
  if (j > n - 2) {
    j = n - 2; // h snapped to n − 1: Q(α) = L₍ₙ₎
    frac = 1;
  }
  const { kth, above } = lossTail(pnl, j + 1);
  let next = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < above.length; i++) {
    const x = above[i];
    sum += x;
    if (x < next) next = x;
    if (x > max) max = x;
  }
  const v = kth + frac * (next - kth);
  // ∫_α^1 Q(u) du = w·[(1 − frac)(Q(α) + L₍ⱼ₊₂₎)/2 + Σ_{m ≥ j+2} L₍ₘ₎ − (L₍ⱼ₊₂₎ + L₍ₙ₎)/2], w = 1/(n − 1)
  const integral = ((1 - frac) * (v + next) * 0.5 + sum - 0.5 * (next + max)) / (n - 1);
  const es = integral / (1 - alpha);
  return { var: v, es: Math.max(es, v) };
}

/** Magnitude above which sums and squares of P&L may overflow. */
const HUGE = 1e150;

/** max |x| when it exceeds 1e150 (the series must then be rescaled before sums and squares), else 0. Internal. */
export function hugeScale(x: NumericArray): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m) m = a;
  }
  return m > HUGE ? m : 0;
}
