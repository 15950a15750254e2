/**
 * Parametric (closed-form) VaR and ES for a P&L or return distribution given by its moments. Shared validation
 * and the formulas; the public entries are `parametricVaR` (riskcore/var) and `parametricES` (riskcore/es).
 */
import { RiskInputError } from '../core/errors.js';
import { phi, PhiInv } from '../core/normal.js';
import { studentTPdf, studentTQuantile } from '../core/studentT.js';
import { checkConfidence, checkEnum, checkNumber, checkObject, optionalNumber } from '../core/validate.js';

/** The distribution family of {@link ParametricOptions}. */
export type ParametricDistribution = 'normal' | 'student-t' | 'cornish-fisher';

/** Inputs of parametric VaR/ES. All moments are of one period's P&L (or return); `horizon` scales them. */
export interface ParametricOptions {
  /** `'normal'`, `'student-t'` (scaled to the given stdev) or `'cornish-fisher'` (modified VaR/ES). */
  distribution: ParametricDistribution;
  /** Mean P&L per period (profit > 0), in P&L units. */
  mean: number;
  /** Standard deviation of the P&L per period (> 0), in P&L units. */
  stdev: number;
  /** Confidence level α in (0, 1). */
  confidence: number;
  /** Student-t degrees of freedom ν > 2 (required for `'student-t'`). */
  dof?: number;
  /** Skewness (Cornish–Fisher only; default 0). */
  skewness?: number;
  /** Excess kurtosis (Cornish–Fisher only; default 0). */
  excessKurtosis?: number;
  /** Number of periods h > 0 (default 1): mean scales by h, stdev by √h (i.i.d. periods). */
  horizon?: number;
}

interface Parsed {
  distribution: ParametricDistribution;
  mu: number;
  sigma: number;
  alpha: number;
  dof: number;
  skew: number;
  exkurt: number;
}

export function parseParametric(options: unknown): Parsed {
  const o = checkObject(options, 'options');
  const distribution = checkEnum(o.distribution, 'distribution', ['normal', 'student-t', 'cornish-fisher'] as const);
  const mean = checkNumber(o.mean, 'mean');
  const stdev = checkNumber(o.stdev, 'stdev', { gt: 0 });
  const alpha = checkConfidence(o.confidence, 'confidence');
  const horizon = optionalNumber(o.horizon, 'horizon', 1, { gt: 0 });
  let dof = NaN;
  if (distribution === 'student-t') {
    if (o.dof === undefined) throw new RiskInputError('dof', "a finite number > 2 for the 'student-t' distribution", o.dof);
    dof = checkNumber(o.dof, 'dof', { gt: 2 });
  }
  const skew = distribution === 'cornish-fisher' ? optionalNumber(o.skewness, 'skewness', 0) : 0;
  const exkurt = distribution === 'cornish-fisher' ? optionalNumber(o.excessKurtosis, 'excessKurtosis', 0, { ge: -2 }) : 0;
  return { distribution, mu: mean * horizon, sigma: stdev * Math.sqrt(horizon), alpha, dof, skew, exkurt };
}

/** Cornish–Fisher adjusted quantile of the standard variable at tail probability p = 1 − α (negative). */
function cornishFisherZ(z: number, s: number, k: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  return z + ((z2 - 1) * s) / 6 + ((z3 - 3 * z) * k) / 24 - ((2 * z3 - 5 * z) * s * s) / 36;
}

/** VaR as a positive loss. */
export function parametricVarOf(p: Parsed): number {
  const { mu, sigma, alpha } = p;
  switch (p.distribution) {
    case 'normal':
      return -mu + sigma * PhiInv(alpha);
    case 'student-t': {
      const scale = sigma * Math.sqrt((p.dof - 2) / p.dof);
      return -mu + scale * studentTQuantile(alpha, p.dof);
    }
    case 'cornish-fisher':
      return -mu - sigma * cornishFisherZ(-PhiInv(alpha), p.skew, p.exkurt); // Φ⁻¹(1 − α) = −Φ⁻¹(α), exact even when 1 − α rounds to 1
  }
}

/** ES as a positive loss. */
export function parametricEsOf(p: Parsed): number {
  const { mu, sigma, alpha } = p;
  const tail = 1 - alpha;
  switch (p.distribution) {
    case 'normal':
      return -mu + (sigma * phi(PhiInv(alpha))) / tail;
    case 'student-t': {
      const nu = p.dof;
      const scale = sigma * Math.sqrt((nu - 2) / nu);
      const t = studentTQuantile(alpha, nu);
      return -mu + (scale * studentTPdf(t, nu) * ((nu + t * t) / (nu - 1))) / tail; // ratio first: ν·pdf overflows at ν ≈ 1e308
    }
    case 'cornish-fisher': {
      const s = p.skew;
      const k = p.exkurt;
      const h = cornishFisherZ(-PhiInv(alpha), s, k);
      const h2 = h * h;
      const h3 = h2 * h;
      const h4 = h2 * h2;
      const h6 = h4 * h2;
      const e = (phi(h) * (1 + (h3 * s) / 6 + ((h6 - 9 * h4 + 9 * h2 + 3) * s * s) / 72 + ((h4 - 2 * h2 - 1) * k) / 24)) / tail;
      // Boudt–Peterson–Croux modified ES, floored at the modified VaR (PerformanceAnalytics' mES: min(−E, h))
      return -mu + sigma * Math.max(e, -h);
    }
  }
}
