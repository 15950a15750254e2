/** Delta-normal (variance–covariance) VaR and ES of a linear portfolio, with Euler allocation. */
import { RiskInputError } from '../core/errors.js';
import { phi, PhiInv } from '../core/normal.js';
import {
  checkConfidence,
  checkFiniteArray,
  checkSquareMatrix,
  checkStrictObject,
  knownKeys,
  optionalNumber,
} from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { MAX_HORIZON } from './bounds.js';
import type { TailRiskResult } from './result.js';

/** The context of delta-normal VaR/ES: the joint normal model of the factor returns per period. */
export interface FactorModel {
  /** Covariance matrix of the factor returns per period (symmetric, positive semi-definite). */
  covariance: number[][];
  /** Expected factor returns per period (default all 0). */
  mean?: NumericArray;
}

/** Options of delta-normal VaR/ES. */
export interface DeltaNormalTailOptions {
  /** Confidence α in (0, 1). */
  confidence: number;
  /** Periods h in (0, 1e6] (default 1): mean × h, covariance × h. */
  horizon?: number;
}

/** The one-object input of the deprecated `deltaNormalVaR(options)`. */
export interface DeltaNormalOptions extends FactorModel, DeltaNormalTailOptions {
  /** Exposure (value, in P&L units) to each risk factor: P&L = Σ exposuresᵢ·rᵢ. */
  exposures: NumericArray;
}

const FACTOR_KEYS = knownKeys('covariance', 'mean');
const OPTION_KEYS = knownKeys('confidence', 'horizon');
const LEGACY_KEYS = knownKeys('exposures', ...FACTOR_KEYS, ...OPTION_KEYS);

/**
 * Delta-normal VaR and ES with the Euler allocation. All figures are positive losses in P&L units; `var` is
 * z_α·σ_p − μ_p and `es` is σ_p·φ(z_α)/(1 − α) − μ_p.
 */
export interface DeltaNormalResult extends TailRiskResult {
  /** σ_p = √(eᵀΣe·h). */
  stdev: number;
  /** ∂VaR/∂eᵢ = z_α·(Σe)ᵢ·h/σ_p − μᵢ·h. */
  marginal: Float64Array;
  /** eᵢ·marginalᵢ; sums to `var` (Euler). */
  component: Float64Array;
  /** VaR(portfolio) − VaR(portfolio without factor i), recomputed exactly. */
  incremental: Float64Array;
  /** eᵢ·∂ES/∂eᵢ; sums to `es`. */
  componentES: Float64Array;
}

/**
 * Delta-normal (variance–covariance) VaR and ES of a linear portfolio with marginal, component and incremental VaR
 * and component ES.
 * P&L = Σ eᵢ·rᵢ with r ~ N(hμ, hΣ): σ_p = √(h·eᵀΣe), μ_p = h·eᵀμ, VaR = z_α·σ_p − μ_p (z_α = Φ⁻¹(α)).
 * Marginal VaRᵢ = ∂VaR/∂eᵢ = z_α·h(Σe)ᵢ/σ_p − hμᵢ; component VaRᵢ = eᵢ·marginalᵢ, and by Euler's theorem for the
 * homogeneous VaR the components sum to VaR (to rounding). Incremental VaRᵢ drops factor i and recomputes.
 * Degenerate σ_p = 0 (no exposure, or exposures in the null space of Σ): VaR = −μ_p and the volatility part of
 * the marginals is 0.
 *
 * Bounds (so every output is finite): |exposure| ≤ 1e100, |covariance entry| and |mean| ≤ 1e50, horizon ≤ 1e6.
 * @param exposures - value exposed to each factor, in P&L units.
 * @param factors - `covariance` (n × n) and optional `mean` (length n) of the factor returns per period.
 * @param options - `confidence` α; `horizon` in (0, 1e6], default 1.
 * @throws RiskInputError naming an unknown key, `exposures[i]`, `covariance[i][j]` (shape, asymmetry, or not PSD along the
 *   exposures), `mean[i]`, `confidence` or `horizon`.
 *
 * @example
 * ```ts
 * import { deltaNormalTailRisk } from 'riskcore/var';
 * const r = deltaNormalTailRisk([1e6, -5e5], { covariance: [[0.0004, 0.0001], [0.0001, 0.0009]] }, { confidence: 0.99 });
 * console.log(r.var); // 53303.3
 * console.log(r.component[0] + r.component[1]); // 53303.3
 * ```
 */
export function deltaNormalTailRisk(
  exposures: NumericArray,
  factors: FactorModel,
  options: DeltaNormalTailOptions,
): DeltaNormalResult {
  const f = checkStrictObject(factors, 'factors', FACTOR_KEYS);
  const o = checkStrictObject(options, 'options', OPTION_KEYS);
  return compute(exposures, f, o);
}

/** Validate and compute; `f` holds covariance and mean, `o` confidence and horizon (checked objects). */
function compute(exposures: unknown, f: Record<string, unknown>, o: Record<string, unknown>): DeltaNormalResult {
  const e = checkFiniteArray(exposures, 'exposures', 1);
  const n = e.length;
  checkSquareMatrix(f.covariance, 'covariance', n);
  const cov = f.covariance as number[][];
  // magnitude bounds keep eᵀΣe·h (≤ n²·1e256) and every output finite
  checkMagnitudes(e, 'exposures', MAX_EXPOSURE);
  for (let i = 0; i < n; i++) checkMagnitudes(cov[i], `covariance[${i}]`, MAX_MOMENT);
  for (let i = 0; i < n; i++) {
    if (cov[i][i] < 0) throw new RiskInputError(`covariance[${i}][${i}]`, 'a variance >= 0', cov[i][i]);
    for (let j = 0; j < i; j++) {
      if (Math.abs(cov[i][j] - cov[j][i]) > 1e-12 * Math.max(1e-300, Math.sqrt(cov[i][i] * cov[j][j]))) {
        throw new RiskInputError(
          `covariance[${i}][${j}]`,
          `equal to covariance[${j}][${i}] = ${cov[j][i]} (symmetric)`,
          cov[i][j],
        );
      }
    }
  }
  const mu = f.mean === undefined ? new Float64Array(n) : checkFiniteArray(f.mean, 'mean', n);
  if (mu.length !== n) throw new RiskInputError('mean', `an array of length ${n} (one per exposure)`, f.mean);
  checkMagnitudes(mu, 'mean', MAX_MOMENT);
  const alpha = checkConfidence(o.confidence, 'confidence');
  const h = optionalNumber(o.horizon, 'horizon', 1, { gt: 0, le: MAX_HORIZON });
  const z = PhiInv(alpha);
  const esFactor = phi(z) / (1 - alpha);

  const portfolio = (skip: number) => {
    let v = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (i === skip) continue;
      m += e[i] * mu[i];
      for (let j = 0; j < n; j++) if (j !== skip) v += e[i] * cov[i][j] * e[j];
    }
    return { v: v * h, m: m * h };
  };
  const full = portfolio(-1);
  if (full.v < -1e-12 * scaleOf(e, cov)) {
    throw new RiskInputError(
      'covariance',
      'a positive semi-definite matrix',
      cov,
      `eᵀΣe = ${full.v / h} < 0 for these exposures`,
    );
  }
  const sd = Math.sqrt(Math.max(0, full.v));
  const marginal = new Float64Array(n);
  const component = new Float64Array(n);
  const componentES = new Float64Array(n);
  const incremental = new Float64Array(n);
  const total = z * sd - full.m;
  for (let i = 0; i < n; i++) {
    let se = 0;
    for (let j = 0; j < n; j++) se += cov[i][j] * e[j];
    const dsd = sd > 0 ? (se * h) / sd : 0;
    marginal[i] = z * dsd - mu[i] * h;
    component[i] = e[i] * marginal[i];
    componentES[i] = e[i] * (esFactor * dsd - mu[i] * h);
    const without = portfolio(i);
    incremental[i] = total - (z * Math.sqrt(Math.max(0, without.v)) - without.m);
  }
  return {
    var: total,
    es: esFactor * sd - full.m,
    confidence: alpha,
    stdev: sd,
    marginal,
    component,
    incremental,
    componentES,
  };
}

/**
 * Delta-normal VaR, a positive loss: `deltaNormalTailRisk(exposures, factors, options).var`.
 *
 * @throws RiskInputError naming the offending field (see {@link deltaNormalTailRisk}).
 *
 * @example
 * ```ts
 * import { deltaNormalVaR } from 'riskcore/var';
 * const cov = [[0.0004, 0.0001], [0.0001, 0.0009]];
 * console.log(deltaNormalVaR([1e6, -5e5], { covariance: cov }, { confidence: 0.99 })); // 53303.3
 * console.log(deltaNormalVaR({ exposures: [1e6, -5e5], covariance: cov, confidence: 0.99 }).var); // 53303.3
 * ```
 */
export function deltaNormalVaR(exposures: NumericArray, factors: FactorModel, options: DeltaNormalTailOptions): number;
/** @deprecated use `deltaNormalTailRisk(exposures, { covariance, mean }, { confidence, horizon })`. */
export function deltaNormalVaR(options: DeltaNormalOptions): DeltaNormalResult;
export function deltaNormalVaR(
  first: NumericArray | DeltaNormalOptions,
  factors?: FactorModel,
  options?: DeltaNormalTailOptions,
): number | DeltaNormalResult {
  if (factors === undefined && options === undefined) {
    const o = checkStrictObject(first, 'options', LEGACY_KEYS);
    return compute(o.exposures, o, o);
  }
  return deltaNormalTailRisk(first as NumericArray, factors as FactorModel, options as DeltaNormalTailOptions).var;
}

/**
 * Delta-normal Expected Shortfall, a positive loss: `deltaNormalTailRisk(exposures, factors, options).es`,
 * σ_p·φ(z_α)/(1 − α) − μ_p.
 *
 * @throws RiskInputError naming the offending field (see {@link deltaNormalTailRisk}).
 *
 * @example
 * ```ts
 * import { deltaNormalES } from 'riskcore/es';
 * console.log(deltaNormalES([1e6], { covariance: [[0.0001]] }, { confidence: 0.975 })); // 23378.028
 * ```
 */
export function deltaNormalES(exposures: NumericArray, factors: FactorModel, options: DeltaNormalTailOptions): number {
  return deltaNormalTailRisk(exposures, factors, options).es;
}

/** Largest accepted |exposure| and |covariance entry| / |mean|. */
const MAX_EXPOSURE = 1e100;
const MAX_MOMENT = 1e50;

function checkMagnitudes(a: NumericArray, path: string, max: number): void {
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]) > max) throw new RiskInputError(`${path}[${i}]`, `a finite number with |x| <= ${max}`, a[i]);
  }
}

function scaleOf(e: NumericArray, cov: number[][]): number {
  let s = 0;
  for (let i = 0; i < e.length; i++) s += Math.abs(e[i]) * Math.sqrt(Math.abs(cov[i][i]));
  return s * s;
}
