/** Filtered historical simulation (FHS): historical VaR/ES of volatility-rescaled returns. */
import { RiskInputError } from '../core/errors.js';
import {
  checkConfidence,
  checkEnum,
  checkNumber,
  checkStrictObject,
  joinPath,
  knownKeys,
  optionalNumber,
} from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { ewmaVolatility } from './ewma.js';
import { fitGarch11, garchFilter } from './garch.js';
import type { Garch11Params } from './garch.js';
import { historicalTail } from './kernels/historicalTail.js';
import type { TailRiskResult } from './result.js';
import { checkReturns } from './returns.js';
import { requireTail } from './sample.js';

/** Options of filtered historical simulation. */
export interface FilteredHistoricalOptions {
  /** Confidence level α in (0, 1). */
  confidence: number;
  /** Volatility filter: `'ewma'` (default) or `'garch'` (GARCH(1,1), Gaussian QML). */
  model?: 'ewma' | 'garch';
  /** EWMA decay in (0, 1), default 0.94. */
  lambda?: number;
  /** GARCH(1,1) parameters to use; when omitted they are fitted by {@link fitGarch11} on `returns`. */
  garch?: Garch11Params;
  /** Position value the returns apply to (P&L = exposure × return); default 1 (VaR in return units). */
  exposure?: number;
}

const KEYS = knownKeys('confidence', 'model', 'lambda', 'garch', 'exposure');
const GARCH_KEYS = knownKeys('mu', 'omega', 'alpha', 'beta');

/**
 * The FHS scenario P&L (Barone-Adesi, Giannopoulos & Vosper 1999; Hull & White 1998). Internal.
 * EWMA: zₜ = rₜ/σₜ, r*ₜ = zₜ·σₙ₊₁. GARCH: zₜ = (rₜ − μ)/√hₜ, r*ₜ = μ + zₜ·√hₙ₊₁. P&L*ₜ = exposure·r*ₜ.
 */
export function filteredScenarios(returns: unknown, options: unknown): { pnl: Float64Array; alpha: number } {
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  const model = o.model === undefined ? 'ewma' : checkEnum(o.model, 'model', ['ewma', 'garch'] as const);
  const exposure = optionalNumber(o.exposure, 'exposure', 1);
  const r = checkReturns(returns, 'returns', model === 'garch' ? 10 : 2);
  const n = r.length;
  requireTail(n, alpha, 'returns');
  const pnl = new Float64Array(n);
  if (model === 'ewma') {
    const lambda = optionalNumber(o.lambda, 'lambda', 0.94, { gt: 0, lt: 1 });
    const e = ewmaVolatility(r, { lambda });
    for (let t = 0; t < n; t++) pnl[t] = exposure * (r[t] / e.volatility[t]) * e.forecastVolatility;
  } else {
    let fit: ReturnType<typeof fitGarch11>;
    if (o.garch === undefined) fit = fitGarch11(r);
    else {
      const g = checkStrictObject(o.garch, 'garch', GARCH_KEYS);
      const p: Garch11Params = {
        mu: checkNumber(g.mu, joinPath('garch', 'mu')),
        omega: checkNumber(g.omega, joinPath('garch', 'omega'), { gt: 0 }),
        alpha: checkNumber(g.alpha, joinPath('garch', 'alpha'), { ge: 0 }),
        beta: checkNumber(g.beta, joinPath('garch', 'beta'), { ge: 0 }),
      };
      if (!(p.alpha + p.beta < 1))
        throw new RiskInputError(
          'garch.alpha + garch.beta',
          'a persistence < 1 (covariance-stationary GARCH)',
          p.alpha + p.beta,
        );
      fit = garchFilter(r, p);
    }
    const next = Math.sqrt(fit.forecast(1));
    for (let t = 0; t < n; t++) pnl[t] = exposure * (fit.mu + fit.standardizedResiduals[t] * next);
    if (!Number.isFinite(next) || !fit.standardizedResiduals.every(Number.isFinite)) {
      throw new RiskInputError(
        o.garch === undefined ? 'returns' : 'garch',
        'inputs whose GARCH filter stays finite',
        o.garch === undefined ? returns : o.garch,
        'the conditional variance overflowed',
      );
    }
  }
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(pnl[t]))
      throw new RiskInputError(
        'exposure',
        'an exposure small enough that every P&L scenario is finite',
        exposure,
        `scenario ${t} overflowed`,
      );
  }
  return { pnl, alpha };
}

/**
 * Filtered historical simulation VaR and ES together (positive losses): the order-statistic historical VaR and
 * Acerbi–Tasche ES of the FHS scenarios. Recipe: (1) filter the returns with EWMA (σₜ) or GARCH(1,1) (μ, hₜ; fitted
 * unless `garch` is given); (2) standardise, zₜ = (rₜ − μ)/σₜ (μ = 0 for EWMA); (3) rescale every standardised
 * shock to tomorrow's volatility, r*ₜ = μ + zₜ·σₙ₊₁; (4) P&L*ₜ = exposure·r*ₜ.
 *
 * @param returns - returns oldest first (fractions), finite, at least ⌈1/(1 − α)⌉ (and 10 for GARCH).
 * @param options - see {@link FilteredHistoricalOptions}.
 * @throws RiskInputError naming `returns[i]`, `returns`, `confidence`, `model`, `lambda`, `garch.*`, `exposure` or
 *   an unknown option.
 *
 * @example
 * ```ts
 * import { filteredHistoricalTailRisk } from 'riskcore/var';
 * const r = Array.from({ length: 250 }, (_, t) => 0.01 * Math.sin(t * 2.1) * (t > 200 ? 3 : 1));
 * const t = filteredHistoricalTailRisk(r, { confidence: 0.99, exposure: 1e6 });
 * console.log(t.es >= t.var && t.var > 0); // true
 * ```
 */
export function filteredHistoricalTailRisk(returns: NumericArray, options: FilteredHistoricalOptions): TailRiskResult {
  const { pnl, alpha } = filteredScenarios(returns, options);
  const t = historicalTail(pnl, alpha, 'order-statistic');
  return { var: t.var, es: t.es, confidence: alpha };
}

/**
 * Filtered historical simulation VaR, as a positive loss: `filteredHistoricalTailRisk(returns, options).var`
 * (order statistic ⌈nα⌉ of the n FHS scenarios; see there for the recipe).
 *
 * @param returns - returns oldest first (fractions), finite, at least ⌈1/(1 − α)⌉ (and 10 for GARCH).
 * @param options - see {@link FilteredHistoricalOptions}.
 * @throws RiskInputError naming `returns[i]`, `returns`, `confidence`, `model`, `lambda`, `garch.*` or `exposure`.
 *
 * @example
 * ```ts
 * import { filteredHistoricalVaR } from 'riskcore/var';
 * const r = Array.from({ length: 250 }, (_, t) => 0.01 * Math.sin(t * 2.1) * (t > 200 ? 3 : 1));
 * const v = filteredHistoricalVaR(r, { confidence: 0.99, model: 'ewma', exposure: 1e6 });
 * console.log(v > 0); // true
 * ```
 */
export function filteredHistoricalVaR(returns: NumericArray, options: FilteredHistoricalOptions): number {
  return filteredHistoricalTailRisk(returns, options).var;
}

/**
 * Filtered historical simulation ES (positive loss): the Acerbi–Tasche historical ES of the FHS scenarios
 * P&L*ₜ = exposure·(μ + zₜ·σₙ₊₁) described at {@link filteredHistoricalTailRisk} (EWMA or GARCH(1,1) filter).
 *
 * @throws RiskInputError naming the offending input.
 *
 * @example
 * ```ts
 * import { filteredHistoricalES } from 'riskcore/es';
 * const r = Array.from({ length: 250 }, (_, t) => 0.01 * Math.sin(t * 2.1) * (t > 200 ? 3 : 1));
 * console.log(filteredHistoricalES(r, { confidence: 0.99, exposure: 1e6 }) > 0); // true
 * ```
 */
export function filteredHistoricalES(returns: NumericArray, options: FilteredHistoricalOptions): number {
  return filteredHistoricalTailRisk(returns, options).es;
}
