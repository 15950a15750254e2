import { RiskInputError } from '../core/errors.js';
import { checkConfidence, checkObject, optionalEnum, optionalNumber } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { checkNumericArray, historicalTail, hugeScale, requireTail } from './historicalTail.js';
import { lossTail } from './lossTail.js';
import { minObservations, tailRank } from './tailIndex.js';

/** How the standard error of a Monte Carlo VaR/ES estimate is computed. */
export type StandardErrorMethod = 'batch-means' | 'asymptotic';

/** Options of Monte Carlo VaR/ES. */
export interface MonteCarloOptions {
  /** Confidence α in (0, 1). */
  confidence: number;
  /** `'batch-means'` (default) or `'asymptotic'`. */
  standardError?: StandardErrorMethod;
  /** Number of batches for batch means (integer ≥ 2, default 20). */
  batches?: number;
}

/** A Monte Carlo estimate with its standard error. */
export interface MonteCarloEstimate {
  /** The estimate on all n scenarios (order statistic / Acerbi–Tasche), a positive loss. */
  value: number;
  /** Its standard error, in P&L units. */
  standardError: number;
  /** The method used. */
  method: StandardErrorMethod;
  /** Scenarios used. */
  scenarios: number;
}

/** Validate and compute. Internal; `which` picks VaR or ES. */
export function monteCarloEstimate(pnl: unknown, options: unknown, which: 'var' | 'es'): MonteCarloEstimate {
  const o = checkObject(options, 'options');
  const alpha = checkConfidence(o.confidence, 'confidence');
  const method = optionalEnum(o.standardError, 'standardError', ['batch-means', 'asymptotic'] as const, 'batch-means');
  const batches = optionalNumber(o.batches, 'batches', 20, { ge: 2, integer: true });
  const arr = checkNumericArray(pnl, 'pnl');
  const n = arr.length;
  requireTail(n, alpha, 'pnl');
  const huge = hugeScale(arr);
  if (huge > 0) {
    // squares of P&L near 1e308 overflow; estimate and SE are positively homogeneous, so compute on pnl/huge
    const r = monteCarloEstimate(Float64Array.from(arr, (x) => x / huge), o, which);
    const standardError = r.standardError * huge;
    if (!Number.isFinite(standardError)) throw new RiskInputError('pnl', 'scenarios whose standard error is a finite number', pnl, 'it overflows');
    return { ...r, value: r.value * huge, standardError };
  }
  const full = historicalTail(arr, alpha, 'order-statistic');
  const value = full[which];
  let se: number;
  if (method === 'batch-means') {
    const need = minObservations(alpha) * batches;
    if (n < need) {
      throw new RiskInputError('pnl', `at least ${need} scenarios for ${batches} batches at confidence ${alpha} (each batch needs ${minObservations(alpha)})`, n, `${n} given`);
    }
    const est = new Float64Array(batches);
    const scratch = arr instanceof Float64Array ? arr : Float64Array.from(arr);
    for (let b = 0; b < batches; b++) {
      const lo = Math.floor((b * n) / batches);
      const hi = Math.floor(((b + 1) * n) / batches);
      est[b] = historicalTail(scratch.subarray(lo, hi), alpha, 'order-statistic')[which];
    }
    let mean = 0;
    for (let b = 0; b < batches; b++) mean += est[b];
    mean /= batches;
    let ss = 0;
    for (let b = 0; b < batches; b++) ss += (est[b] - mean) ** 2;
    se = Math.sqrt(ss / (batches - 1) / batches);
  } else if (which === 'var') {
    se = Math.sqrt((alpha * (1 - alpha)) / n) / lossDensity(arr, full.var);
  } else {
    // Var(ES estimator) ≈ [Var(L | L ≥ VaR) + α·(ES − VaR)²] / (n(1 − α))
    const k = tailRank(n, alpha);
    const { kth, above } = lossTail(arr, k);
    const m = above.length + 1;
    let mean = kth;
    for (let i = 0; i < above.length; i++) mean += above[i];
    mean /= m;
    let ss = (kth - mean) ** 2;
    for (let i = 0; i < above.length; i++) ss += (above[i] - mean) ** 2;
    const tailVar = m > 1 ? ss / (m - 1) : 0;
    se = Math.sqrt((tailVar + alpha * (full.es - full.var) ** 2) / (n * (1 - alpha)));
  }
  return { value, standardError: se, method, scenarios: n };
}

/**
 * Gaussian kernel density of the losses at x, Silverman's bandwidth b = 0.9·min(s, IQR/1.34)·n^(−1/5) (s the
 * sample stdev with n − 1, IQR = L₍⌈0.75n⌉₎ − L₍⌈0.25n⌉₎; falls back to s when IQR = 0).
 */
export function lossDensity(pnl: NumericArray, x: number): number {
  const n = pnl.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += pnl[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (pnl[i] - mean) ** 2;
  const s = Math.sqrt(ss / (n - 1));
  const q75 = lossTail(pnl, tailRank(n, 0.75)).kth;
  const q25 = lossTail(pnl, tailRank(n, 0.25)).kth;
  const iqr = q75 - q25;
  const spread = iqr > 0 ? Math.min(s, iqr / 1.34) : s;
  const b = 0.9 * spread * Math.pow(n, -0.2);
  if (!(b > 0)) return Infinity; // all scenarios equal: the quantile is known exactly, SE 0
  let f = 0;
  for (let i = 0; i < n; i++) {
    const u = (-pnl[i] - x) / b;
    f += Math.exp(-0.5 * u * u);
  }
  return f / (n * b * Math.sqrt(2 * Math.PI));
}

/**
 * Monte Carlo VaR with its standard error, from a simulated P&L vector (e.g. `simulatePnL` of
 * riskcore/montecarlo). Value: the order-statistic VaR L₍⌈nα⌉₎ of all n scenarios. Standard error:
 * - `'batch-means'` (default): split the scenarios in `batches` contiguous batches (sizes differ by ≤ 1), VaR of
 *   each, SE = sd(batch VaRs)/√batches. Needs n ≥ batches·⌈1/(1 − α)⌉. Valid for i.i.d. or stratified batches.
 * - `'asymptotic'`: the order-statistic SE √(α(1 − α)/n)/f(VaR) with f a Gaussian kernel density estimate of
 *   the losses (Silverman bandwidth 0.9·min(s, IQR/1.34)·n^(−1/5)).
 *
 * @throws RiskInputError naming `pnl[i]`, `pnl` (too few scenarios, saying how many), `confidence`,
 *   `standardError` or `batches`.
 *
 * @example
 * ```ts
 * import { monteCarloVaR } from 'riskcore/var';
 * const pnl = Float64Array.from({ length: 10000 }, (_, i) => 1000 * Math.tan(Math.PI * ((i * 0.6180339887) % 1 - 0.5)) / 50);
 * const r = monteCarloVaR(pnl, { confidence: 0.99 });
 * console.log(r.standardError > 0 && r.standardError < r.value); // true
 * ```
 */
export function monteCarloVaR(pnl: NumericArray, options: MonteCarloOptions): MonteCarloEstimate {
  return monteCarloEstimate(pnl, options, 'var');
}
