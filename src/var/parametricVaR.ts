import { parametricVarOf, parseParametric } from './parametric.js';
import type { ParametricOptions } from './parametric.js';

export type { ParametricDistribution, ParametricOptions } from './parametric.js';

/**
 * Parametric VaR (positive loss) from the mean and standard deviation of one period's P&L, at confidence α over
 * `horizon` periods (μ_h = h·μ, σ_h = √h·σ; i.i.d. periods):
 * - `'normal'`: VaR = −μ_h + σ_h·Φ⁻¹(α).
 * - `'student-t'`: a t(ν) scaled to the given stdev, scale s = σ_h·√((ν − 2)/ν): VaR = −μ_h + s·t_ν⁻¹(α). (Over
 *   h > 1 periods the sum of t variables is not t; this is the usual scaled-t approximation.)
 * - `'cornish-fisher'`: PerformanceAnalytics' "modified" VaR: VaR = −μ_h − σ_h·z_cf with z = Φ⁻¹(1 − α) and
 *   z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36 (S skewness, K excess kurtosis).
 *
 * @param options - see {@link ParametricOptions}; `stdev` > 0, `dof` > 2 for student-t, `horizon` > 0.
 * @throws RiskInputError naming `distribution`, `mean`, `stdev`, `confidence`, `dof`, `skewness`,
 *   `excessKurtosis` or `horizon`.
 *
 * @example
 * ```ts
 * import { parametricVaR } from 'riskcore/var';
 * console.log(parametricVaR({ distribution: 'normal', mean: 0, stdev: 1000, confidence: 0.99 })); // 2326.3478740
 * console.log(parametricVaR({ distribution: 'normal', mean: 0, stdev: 1000, confidence: 0.99, horizon: 10 })); // 7356.5579119
 * console.log(parametricVaR({ distribution: 'student-t', mean: 0, stdev: 1000, confidence: 0.99, dof: 4 })); // 2649.4919
 * ```
 */
export function parametricVaR(options: ParametricOptions): number {
  return parametricVarOf(parseParametric(options));
}
