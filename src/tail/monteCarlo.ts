/** Monte Carlo VaR and ES of a simulated P&L vector, with standard errors (batch means or asymptotic). */
import { batchMeansSE } from '../core/batchMeans.js';
import { RiskInputError } from '../core/errors.js';
import { checkConfidence, checkStrictObject, knownKeys, optionalEnum, optionalNumber } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { historicalTail, hugeScale } from './kernels/historicalTail.js';
import { lossTail } from './kernels/lossTail.js';
import type { TailRiskResult } from './result.js';
import { checkNumericArray, requireTail } from './sample.js';
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

/** A Monte Carlo estimate with its standard error (the result of {@link monteCarloVaR} and {@link monteCarloES}). */
export interface MonteCarloEstimateResult {
  /** The estimate on all n scenarios (order statistic / Acerbi–Tasche), a positive loss. */
  value: number;
  /** Its standard error, in P&L units. */
  standardError: number;
  /** The method used. */
  method: StandardErrorMethod;
  /** Scenarios used. */
  scenarios: number;
}

/** @deprecated use {@link MonteCarloEstimateResult} */
export type MonteCarloEstimate = MonteCarloEstimateResult;

const KEYS = knownKeys('confidence', 'standardError', 'batches');

/** VaR and ES of a simulated P&L vector with the standard errors of both (the result of {@link monteCarloTailRisk}). */
export interface MonteCarloTailRiskResult extends TailRiskResult {
  standardError: { var: number; es: number };
  /** The standard-error method used. */
  method: StandardErrorMethod;
  /** Scenarios used. */
  scenarios: number;
}

/** Which figures' standard errors to compute (each asymptotic SE costs its own passes). */
type Wanted = { var: boolean; es: boolean };

/** Validate and compute the figures in `want` (the others' standard errors are NaN). */
function estimate(pnl: unknown, options: unknown, want: Wanted): MonteCarloTailRiskResult {
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  const method = optionalEnum(o.standardError, 'standardError', ['batch-means', 'asymptotic'] as const, 'batch-means');
  const batches = optionalNumber(o.batches, 'batches', 20, { ge: 2, integer: true });
  const arr = checkNumericArray(pnl, 'pnl');
  const n = arr.length;
  requireTail(n, alpha, 'pnl');
  const huge = hugeScale(arr);
  if (huge > 0) {
    // squares of P&L near 1e308 overflow; estimates and SEs are positively homogeneous, so compute on pnl/huge
    const r = estimate(
      Float64Array.from(arr, (x) => x / huge),
      o,
      want,
    );
    const se = { var: r.standardError.var * huge, es: r.standardError.es * huge };
    if ((want.var && !Number.isFinite(se.var)) || (want.es && !Number.isFinite(se.es))) {
      throw new RiskInputError('pnl', 'scenarios whose standard error is a finite number', pnl, 'it overflows');
    }
    return { ...r, var: r.var * huge, es: r.es * huge, standardError: se };
  }
  const full = historicalTail(arr, alpha, 'order-statistic');
  const se = { var: NaN, es: NaN };
  if (method === 'batch-means') {
    const need = minObservations(alpha) * batches;
    if (n < need) {
      throw new RiskInputError(
        'pnl',
        `at least ${need} scenarios for ${batches} batches at confidence ${alpha} (each batch needs ${minObservations(alpha)})`,
        n,
        `${n} given`,
      );
    }
    const estVar = new Float64Array(batches);
    const estEs = new Float64Array(batches);
    const scratch = arr instanceof Float64Array ? arr : Float64Array.from(arr);
    for (let b = 0; b < batches; b++) {
      const lo = Math.floor((b * n) / batches);
      const hi = Math.floor(((b + 1) * n) / batches);
      const t = historicalTail(scratch.subarray(lo, hi), alpha, 'order-statistic');
      estVar[b] = t.var;
      estEs[b] = t.es;
    }
    se.var = batchMeansSE(estVar);
    se.es = batchMeansSE(estEs);
  } else {
    if (want.var) se.var = Math.sqrt((alpha * (1 - alpha)) / n) / lossDensity(arr, full.var);
    if (want.es) {
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
      se.es = Math.sqrt((tailVar + alpha * (full.es - full.var) ** 2) / (n * (1 - alpha)));
    }
  }
  return { var: full.var, es: full.es, confidence: alpha, standardError: se, method, scenarios: n };
}

/**
 * Monte Carlo VaR and ES with the standard errors of both, from a simulated P&L vector (e.g. `simulatePnL` of
 * riskcore/montecarlo). Values: the order-statistic VaR L₍⌈nα⌉₎ and the Acerbi–Tasche ES of all n scenarios.
 * Standard errors:
 * - `'batch-means'` (default): split the scenarios in `batches` contiguous batches (sizes differ by ≤ 1), VaR and
 *   ES of each, SE = sd(batch estimates)/√batches. Needs n ≥ batches·⌈1/(1 − α)⌉. Valid for i.i.d. or stratified
 *   batches.
 * - `'asymptotic'`: VaR: the order-statistic SE √(α(1 − α)/n)/f(VaR) with f a Gaussian kernel density estimate
 *   of the losses (Silverman bandwidth 0.9·min(s, IQR/1.34)·n^(−1/5)). ES: √([Var(L | L ≥ VaR) + α·(ES − VaR)²]
 *   /(n(1 − α))), the variance of the tail average plus the effect of the estimated VaR threshold (Manistre &
 *   Hancock 2005), Var(L | L ≥ VaR) the sample variance (n − 1) of the n − ⌈nα⌉ + 1 largest losses.
 *
 * @param pnl - simulated P&L per scenario (profit > 0), plain array or Float64Array, finite.
 * @param options - `confidence` α; `standardError` method; `batches` (integer ≥ 2, default 20).
 * @returns `{ var, es, confidence, standardError: { var, es }, method, scenarios }`.
 * @throws RiskInputError naming `pnl[i]`, `pnl` (too few scenarios, saying how many), `confidence`,
 *   `standardError`, `batches` or an unknown option.
 *
 * @example
 * ```ts
 * import { monteCarloTailRisk } from 'riskcore/var';
 * const pnl = Float64Array.from({ length: 10000 }, (_, i) => 1000 * Math.tan(Math.PI * ((i * 0.6180339887) % 1 - 0.5)) / 50);
 * const r = monteCarloTailRisk(pnl, { confidence: 0.99 });
 * console.log(r.es >= r.var && r.standardError.var > 0 && r.standardError.es > 0); // true
 * ```
 */
export function monteCarloTailRisk(pnl: NumericArray, options: MonteCarloOptions): MonteCarloTailRiskResult {
  return estimate(pnl, options, { var: true, es: true });
}

/** One figure of {@link estimate} as a {@link MonteCarloEstimateResult}. */
function single(pnl: unknown, options: unknown, which: 'var' | 'es'): MonteCarloEstimateResult {
  const r = estimate(pnl, options, { var: which === 'var', es: which === 'es' });
  return { value: r[which], standardError: r.standardError[which], method: r.method, scenarios: r.scenarios };
}

/**
 * Gaussian kernel density of the losses at x, Silverman's bandwidth b = 0.9·min(s, IQR/1.34)·n^(−1/5) (s the
 * sample stdev with n − 1, IQR = L₍⌈0.75n⌉₎ − L₍⌈0.25n⌉₎; falls back to s when IQR = 0).
 */
function lossDensity(pnl: NumericArray, x: number): number {
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
  const b = 0.9 * spread * n ** -0.2;
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
export function monteCarloVaR(pnl: NumericArray, options: MonteCarloOptions): MonteCarloEstimateResult {
  return single(pnl, options, 'var');
}

/**
 * Monte Carlo Expected Shortfall with its standard error, from a simulated P&L vector: the `es` figures of
 * {@link monteCarloTailRisk} (Acerbi–Tasche ES of all scenarios; batch-means or asymptotic SE).
 *
 * @throws RiskInputError naming `pnl[i]`, `pnl` (too few scenarios), `confidence`, `standardError` or `batches`.
 *
 * @example
 * ```ts
 * import { monteCarloES } from 'riskcore/es';
 * const pnl = Float64Array.from({ length: 10000 }, (_, i) => 1000 * Math.tan(Math.PI * ((i * 0.6180339887) % 1 - 0.5)) / 50);
 * console.log(monteCarloES(pnl, { confidence: 0.99, standardError: 'asymptotic' }).standardError > 0); // true
 * ```
 */
export function monteCarloES(pnl: NumericArray, options: MonteCarloOptions): MonteCarloEstimateResult {
  return single(pnl, options, 'es');
}
