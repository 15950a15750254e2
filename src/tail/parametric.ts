/**
 * Parametric (closed-form) VaR and ES of a one-period P&L distribution given by its moments: normal, scaled
 * Student-t, and Cornish–Fisher (modified VaR/ES).
 */
import { RiskInputError } from '../core/errors.js';
import { phi, PhiInv } from '../core/normal.js';
import { studentTPdf, studentTQuantile } from '../core/studentT.js';
import {
  checkConfidence,
  checkEnum,
  checkNumber,
  checkStrictObject,
  knownKeys,
  optionalNumber,
} from '../core/validate.js';
import { MAX_HORIZON } from './bounds.js';
import type { TailRiskResult } from './result.js';

/** The distribution family of a {@link ParametricModel}. */
export type ParametricDistribution = 'normal' | 'student-t' | 'cornish-fisher';

/** The subject of parametric VaR/ES: one period's P&L (or return) distribution, by its moments. */
export interface ParametricModel {
  /** `'normal'`, `'student-t'` (scaled to the given stdev) or `'cornish-fisher'` (modified VaR/ES). */
  distribution: ParametricDistribution;
  /** Mean P&L per period (profit > 0), in P&L units. */
  mean: number;
  /** Standard deviation of the P&L per period (> 0), in P&L units. */
  stdev: number;
  /** Student-t degrees of freedom ν > 2 (required for `'student-t'`). */
  dof?: number;
  /** Skewness, |S| ≤ 1e6 (Cornish–Fisher only; default 0). */
  skewness?: number;
  /** Excess kurtosis in [−2, 1e6] (Cornish–Fisher only; default 0). */
  excessKurtosis?: number;
}

/** Options of parametric VaR/ES. */
export interface ParametricTailOptions {
  /** Confidence level α in (0, 1). */
  confidence: number;
  /** Number of periods h in (0, 1e6] (default 1): mean scales by h, stdev by √h (i.i.d. periods). */
  horizon?: number;
}

/** The one-object form of the deprecated `parametricVaR(options)` / `parametricES(options)`. */
export interface ParametricOptions extends ParametricModel, ParametricTailOptions {}

const MODEL_KEYS = knownKeys('distribution', 'mean', 'stdev', 'dof', 'skewness', 'excessKurtosis');
const OPTION_KEYS = knownKeys('confidence', 'horizon');
const LEGACY_KEYS = knownKeys(...MODEL_KEYS, ...OPTION_KEYS);
/** Largest accepted |skewness| and excess kurtosis: beyond them the expansion is meaningless and overflows. */
const MAX_SHAPE = 1e6;

interface Parsed {
  distribution: ParametricDistribution;
  mu: number;
  sigma: number;
  alpha: number;
  dof: number;
  skew: number;
  exkurt: number;
}

/** Validate the model and options; `options` undefined is the deprecated one-object form. */
function parse(model: unknown, options: unknown): Parsed {
  const legacy = options === undefined;
  const m = checkStrictObject(model, legacy ? 'options' : 'model', legacy ? LEGACY_KEYS : MODEL_KEYS);
  const o = legacy ? m : checkStrictObject(options, 'options', OPTION_KEYS);
  const distribution = checkEnum(m.distribution, 'distribution', ['normal', 'student-t', 'cornish-fisher'] as const);
  const mean = checkNumber(m.mean, 'mean');
  const stdev = checkNumber(m.stdev, 'stdev', { gt: 0 });
  const alpha = checkConfidence(o.confidence, 'confidence');
  const horizon = optionalNumber(o.horizon, 'horizon', 1, { gt: 0, le: MAX_HORIZON });
  let dof = NaN;
  if (distribution === 'student-t') {
    if (m.dof === undefined)
      throw new RiskInputError('dof', "a finite number > 2 for the 'student-t' distribution", m.dof);
    dof = checkNumber(m.dof, 'dof', { gt: 2 });
  }
  const cf = distribution === 'cornish-fisher';
  const skew = cf ? optionalNumber(m.skewness, 'skewness', 0, { ge: -MAX_SHAPE, le: MAX_SHAPE }) : 0;
  const exkurt = cf ? optionalNumber(m.excessKurtosis, 'excessKurtosis', 0, { ge: -2, le: MAX_SHAPE }) : 0;
  const mu = mean * horizon;
  if (!Number.isFinite(mu))
    throw new RiskInputError('mean', 'a mean whose horizon-scaled value is finite', mean, `mean × horizon overflows`);
  const sigma = stdev * Math.sqrt(horizon);
  if (!Number.isFinite(sigma))
    throw new RiskInputError(
      'stdev',
      'a stdev whose horizon-scaled value is finite',
      stdev,
      `stdev × √horizon overflows`,
    );
  return { distribution, mu, sigma, alpha, dof, skew, exkurt };
}

/** Cornish–Fisher adjusted quantile of the standard variable at tail probability p = 1 − α (negative). */
function cornishFisherZ(z: number, s: number, k: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  return z + ((z2 - 1) * s) / 6 + ((z3 - 3 * z) * k) / 24 - ((2 * z3 - 5 * z) * s * s) / 36;
}

/** VaR of the standardised distribution (mean 0, stdev 1), a positive loss. */
function standardVaR(p: Parsed): number {
  switch (p.distribution) {
    case 'normal':
      return PhiInv(p.alpha);
    case 'student-t':
      return Math.sqrt((p.dof - 2) / p.dof) * studentTQuantile(p.alpha, p.dof);
    case 'cornish-fisher':
      return -cornishFisherZ(-PhiInv(p.alpha), p.skew, p.exkurt); // Φ⁻¹(1 − α) = −Φ⁻¹(α), exact even when 1 − α rounds to 1
  }
}

/** ES of the standardised distribution (mean 0, stdev 1), a positive loss. */
function standardES(p: Parsed): number {
  const tail = 1 - p.alpha;
  switch (p.distribution) {
    case 'normal':
      return phi(PhiInv(p.alpha)) / tail;
    case 'student-t': {
      const nu = p.dof;
      const t = studentTQuantile(p.alpha, nu);
      return (Math.sqrt((nu - 2) / nu) * studentTPdf(t, nu) * ((nu + t * t) / (nu - 1))) / tail; // ratio first: ν·pdf overflows at ν ≈ 1e308
    }
    case 'cornish-fisher': {
      const s = p.skew;
      const k = p.exkurt;
      const h = cornishFisherZ(-PhiInv(p.alpha), s, k);
      const density = phi(h);
      // φ(h)·polynomial(h) → 0 as |h| → ∞; a density that underflowed to 0 must not meet an overflowed h⁶
      if (density === 0) return Math.max(0, -h);
      const h2 = h * h;
      const h4 = h2 * h2;
      const e =
        (density *
          (1 + (h2 * h * s) / 6 + ((h4 * h2 - 9 * h4 + 9 * h2 + 3) * s * s) / 72 + ((h4 - 2 * h2 - 1) * k) / 24)) /
        tail;
      // Boudt–Peterson–Croux modified ES, floored at the modified VaR (PerformanceAnalytics' mES: min(−E, h))
      return Math.max(e, -h);
    }
  }
}

/** −μ_h + σ_h·q, or a RiskInputError naming the input that makes it overflow. */
function scaled(p: Parsed, q: number): number {
  const x = p.sigma * q;
  if (!Number.isFinite(x))
    throw new RiskInputError(
      'stdev',
      'a stdev small enough that VaR and ES are finite',
      p.sigma,
      `stdev × ${q} overflows`,
    );
  const r = x - p.mu;
  if (!Number.isFinite(r))
    throw new RiskInputError(
      'mean',
      'a mean small enough that VaR and ES are finite',
      p.mu,
      'stdev × quantile − mean overflows',
    );
  return r;
}

/**
 * Parametric VaR and ES together (positive losses) from the moments of one period's P&L, at confidence α over
 * `horizon` periods (μ_h = h·μ, σ_h = √h·σ; i.i.d. periods), z_α = Φ⁻¹(α):
 * - `'normal'`: VaR = −μ_h + σ_h·z_α; ES = −μ_h + σ_h·φ(z_α)/(1 − α).
 * - `'student-t'`: a t(ν) scaled to the given stdev, s = σ_h·√((ν − 2)/ν), t = t_ν⁻¹(α): VaR = −μ_h + s·t;
 *   ES = −μ_h + s·f_ν(t)·(ν + t²)/((ν − 1)(1 − α)), f_ν the t(ν) density. (Over h > 1 periods the sum of t
 *   variables is not t; this is the usual scaled-t approximation.)
 * - `'cornish-fisher'`: PerformanceAnalytics' "modified" VaR: VaR = −μ_h − σ_h·z_cf with z = Φ⁻¹(1 − α) and
 *   z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36 (S skewness, K excess kurtosis); the modified ES of
 *   Boudt, Peterson & Croux (2008): with p = 1 − α, h = z_cf,
 *   E = φ(h)·[1 + h³S/6 + (h⁶ − 9h⁴ + 9h² + 3)S²/72 + (h⁴ − 2h² − 1)K/24] / p and ES = −μ_h + σ_h·max(E, −h).
 *
 * @param model - the distribution, see {@link ParametricModel}; `stdev` > 0, `dof` > 2 for student-t.
 * @param options - `confidence` α; `horizon` in (0, 1e6], default 1.
 * @returns `{ var, es, confidence }`, finite.
 * @throws RiskInputError naming `distribution`, `mean`, `stdev`, `dof`, `skewness`, `excessKurtosis`,
 *   `confidence`, `horizon` or an unknown key; `stdev` or `mean` when the figure would overflow.
 *
 * @example
 * ```ts
 * import { parametricTailRisk } from 'riskcore/var';
 * const r = parametricTailRisk({ distribution: 'normal', mean: 0, stdev: 1000 }, { confidence: 0.975 });
 * console.log(r.var); // 1959.96398
 * console.log(r.es); // 2337.8028
 * ```
 */
export function parametricTailRisk(model: ParametricModel, options: ParametricTailOptions): TailRiskResult {
  const p = parse(model, options ?? {});
  return { var: scaled(p, standardVaR(p)), es: scaled(p, standardES(p)), confidence: p.alpha };
}

/**
 * Parametric VaR (positive loss): `parametricTailRisk(model, options).var`; see there for the formulas.
 *
 * @throws RiskInputError naming the offending field (see {@link parametricTailRisk}).
 *
 * @example
 * ```ts
 * import { parametricVaR } from 'riskcore/var';
 * console.log(parametricVaR({ distribution: 'normal', mean: 0, stdev: 1000 }, { confidence: 0.99 })); // 2326.3478740
 * console.log(parametricVaR({ distribution: 'normal', mean: 0, stdev: 1000, confidence: 0.99, horizon: 10 })); // 7356.5579119
 * console.log(parametricVaR({ distribution: 'student-t', mean: 0, stdev: 1000, confidence: 0.99, dof: 4 })); // 2649.4919
 * ```
 */
export function parametricVaR(model: ParametricModel, options: ParametricTailOptions): number;
/** @deprecated use `parametricVaR(model, { confidence, horizon })` (model first, options second). */
export function parametricVaR(options: ParametricOptions): number;
export function parametricVaR(model: ParametricModel | ParametricOptions, options?: ParametricTailOptions): number {
  const p = parse(model, options);
  return scaled(p, standardVaR(p));
}

/**
 * Parametric Expected Shortfall (positive loss): `parametricTailRisk(model, options).es`; see there for the
 * formulas.
 *
 * @throws RiskInputError naming the offending field (see {@link parametricTailRisk}).
 *
 * @example
 * ```ts
 * import { parametricES } from 'riskcore/es';
 * console.log(parametricES({ distribution: 'normal', mean: 0, stdev: 1000 }, { confidence: 0.975 })); // 2337.8028
 * console.log(parametricES({ distribution: 'normal', mean: 0, stdev: 1000, confidence: 0.975 })); // 2337.8028
 * ```
 */
export function parametricES(model: ParametricModel, options: ParametricTailOptions): number;
/** @deprecated use `parametricES(model, { confidence, horizon })` (model first, options second). */
export function parametricES(options: ParametricOptions): number;
export function parametricES(model: ParametricModel | ParametricOptions, options?: ParametricTailOptions): number {
  const p = parse(model, options);
  return scaled(p, standardES(p));
}
