import { parametricEsOf, parseParametric } from '../var/parametric.js';
import type { ParametricOptions } from '../var/parametric.js';

/**
 * Parametric Expected Shortfall (positive loss), with the same inputs and horizon scaling as `parametricVaR`
 * (μ_h = h·μ, σ_h = √h·σ, α the confidence, z_α = Φ⁻¹(α)):
 * - `'normal'`: ES = −μ_h + σ_h·φ(z_α)/(1 − α).
 * - `'student-t'`: scale s = σ_h·√((ν − 2)/ν), t = t_ν⁻¹(α): ES = −μ_h + s·f_ν(t)·(ν + t²)/((ν − 1)(1 − α)),
 *   f_ν the t(ν) density. Needs ν > 2.
 * - `'cornish-fisher'`: the modified ES of Boudt, Peterson & Croux (2008) as in PerformanceAnalytics: with
 *   p = 1 − α, h = z_cf(Φ⁻¹(p)) (see parametricVaR),
 *   E = φ(h)·[1 + h³S/6 + (h⁶ − 9h⁴ + 9h² + 3)S²/72 + (h⁴ − 2h² − 1)K/24] / p and ES = −μ_h + σ_h·max(E, −h),
 *   i.e. floored at the modified VaR (the expansion can undershoot it for large |S|, K).
 *
 * @throws RiskInputError naming the offending option.
 *
 * @example
 * ```ts
 * import { parametricES } from 'riskcore/es';
 * console.log(parametricES({ distribution: 'normal', mean: 0, stdev: 1000, confidence: 0.975 })); // 2337.8028
 * ```
 */
export function parametricES(options: ParametricOptions): number {
  return parametricEsOf(parseParametric(options));
}
