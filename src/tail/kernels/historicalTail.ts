/**
 * Historical VaR and ES from one selection pass over validated P&L: the kernel behind every empirical method.
 * Guarded by the bench workload `bench/workloads/histvar.ts` (raced against numpy's np.partition and C running the
 * same algorithm): keep it free of validation and allocation. The selection is {@link guardedLossTail} (one pass,
 * overflow guard folded in, reused scratch); the rare inputs its guard flags take the exact route: the finiteness
 * check, a rescale of series beyond 1e150, and the same selection without the overflow guard.
 * `historicalTailPlain` (kernels/historicalTailPlain.ts) is its test reference.
 */
import { checkFiniteArray } from '../../core/validate.js';
import type { NumericArray } from '../../core/validate.js';
import type { QuantileMethod } from '../sample.js';
import { guardedLossTail } from './guardedTail.js';
import type { LossTail } from './lossTail.js';
import { tailRank } from '../tailIndex.js';

/**
 * VaR and ES (positive losses) of P&L. Plain arrays must be validated by the caller; a Float64Array is checked here.
 * Other arrays are copied to a Float64Array first (exact: finite doubles), so that the kernel only ever reads one
 * element type: a pass compiled after calls on plain arrays as well ran at half the speed on Float64Arrays.
 */
export function historicalTail(pnl: NumericArray, alpha: number, method: QuantileMethod): { var: number; es: number } {
  const x = pnl instanceof Float64Array ? pnl : new Float64Array(pnl);
  const fast = tailFigures(x, alpha, method, guardedLossTail);
  if (fast !== undefined) return fast;
  // a non-finite value (throws here) or some |x| ≥ 8.2e149: the exact route
  checkFiniteArray(x, 'pnl', 1);
  const m = hugeScale(x);
  if (m > 0) {
    // sums of losses near 1e308 overflow; VaR and ES are positively homogeneous, so compute on pnl/m
    const r = historicalTail(
      x.map((v) => v / m),
      alpha,
      method,
    );
    return { var: r.var * m, es: r.es * m };
  }
  // finite values below 1e150 that the overflow guard flagged: the same selection without the guard
  return tailFigures(x, alpha, method, (p, k) => guardedLossTail(p, k, 0)) as { var: number; es: number };
}

/**
 * VaR and ES from the selection `select` returns, or undefined when it declines (or a lone value is not finite).
 * Internal to the historical kernels.
 */
export function tailFigures<T extends NumericArray>(
  pnl: T,
  alpha: number,
  method: QuantileMethod,
  select: (pnl: T, k: number) => LossTail | undefined,
): { var: number; es: number } | undefined {
  const n = pnl.length;
  let k: number;
  let frac = 0;
  if (method === 'order-statistic') k = tailRank(n, alpha);
  else {
    // interpolated: Q(u) linear through (i/(n−1), L₍ᵢ₊₁₎), h = (n−1)α = j + frac, VaR between L₍ⱼ₊₁₎ and L₍ⱼ₊₂₎
    if (n === 1) {
      const l = -pnl[0];
      return l - l === 0 ? { var: l, es: l } : undefined;
    }
    const h = (n - 1) * alpha;
    // same rounding rule as tailRank: an h within 1e-12·h of an integer is that integer
    const r = Math.round(h);
    const snap = Math.abs(h - r) <= 1e-12 * h;
    k = snap ? r : Math.floor(h);
    frac = snap ? 0 : h - k;
    if (k > n - 2) {
      k = n - 2; // h snapped to n − 1: Q(α) = L₍ₙ₎
      frac = 1;
    }
    k++;
  }
  const t = select(pnl, k);
  if (t === undefined) return undefined;
  const { kth, above } = t;
  let next = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < above.length; i++) {
    const x = above[i];
    sum += x;
    if (x < next) next = x;
    if (x > max) max = x;
  }
  if (method === 'order-statistic') {
    const es = (sum / n + (k / n - alpha) * kth) / (1 - alpha);
    return { var: kth, es: Math.max(es, kth) };
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
