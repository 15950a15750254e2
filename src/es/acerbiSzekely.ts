import { RiskInputError } from '../core/errors.js';
import { phi, PhiInv } from '../core/normal.js';
import { checkConfidence, checkFiniteArray, checkStrictObject, knownKeys, optionalNumber } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { RandomStream } from '../montecarlo/internal.js';

const KEYS = knownKeys('confidence', 'simulations', 'seed', 'quantile');

const FORECAST_KEYS = knownKeys('var', 'es');

/** Largest accepted number of simulations. */
const MAX_SIMULATIONS = 10_000_000;

/** The context of {@link acerbiSzekelyTest}: one VaR and one ES forecast per period, positive losses. */
export interface TailForecasts {
  /** VaRₜ forecasts, one per P&L value. */
  var: NumericArray;
  /** ESₜ forecasts (> 0), one per P&L value. */
  es: NumericArray;
}

/** Options of {@link acerbiSzekelyTest}. */
export interface AcerbiSzekelyOptions {
  /** Confidence α of the VaR/ES forecasts, e.g. 0.975. */
  confidence: number;
  /** Simulations for the p-value (integer in [100, 1e7], default 10,000). */
  simulations?: number;
  /** Seed of the simulation (integer, default 1). Same seed, same p-value. */
  seed?: number;
  /**
   * Predictive quantile function of period t's P&L, u ∈ (0, 1) → P&L. Default: the normal distribution whose
   * VaR and ES at α equal the forecasts, σₜ = (ESₜ − VaRₜ)/(φ(z)/(1 − α) − z), μₜ = σₜ·z − VaRₜ, z = Φ⁻¹(α).
   */
  quantile?: (t: number, u: number) => number;
}

/** Result of {@link acerbiSzekelyTest}. */
export interface AcerbiSzekelyResult {
  /** Z₂; 0 expected under a correct model, negative when ES is underestimated. */
  statistic: number;
  /** P(Z₂ ≤ observed) under the model, by simulation (one-sided; small values reject). */
  pValue: number;
  exceedances: number;
  observations: number;
  simulations: number;
}

/**
 * Acerbi & Székely's (2014) second ES backtest, Z₂ = Σₜ Xₜ·Iₜ / (T·(1 − α)·ESₜ) + 1, with Xₜ the realised P&L
 * (profit > 0), Iₜ = 1 when the loss −Xₜ exceeds VaRₜ, and VaRₜ, ESₜ the positive-loss forecasts for period t.
 * The p-value is P(Z₂ ≤ observed) with Xₜ simulated `simulations` times from the predictive distributions
 * (seeded xoroshiro128+, the Monte Carlo core's stream; by default the normal matching each (VaRₜ, ESₜ) pair).
 *
 * @param pnl - realised P&L per period.
 * @param forecasts - `var` and `es` forecasts for the same periods (ES > 0, and ES > VaR for the default normal
 *   predictive).
 * @param options - see {@link AcerbiSzekelyOptions}.
 * @throws RiskInputError naming `pnl[i]`, `forecasts.var[i]`, `forecasts.es[i]`, a length mismatch, `confidence`,
 *   `simulations`, `seed`, `quantile` or `quantile(t, u)` when it returns a non-finite value.
 *
 * @example
 * ```ts
 * import { acerbiSzekelyTest } from 'riskcore/es';
 * const pnl = Array.from({ length: 250 }, (_, t) => 10 * Math.sin(t * 2.3));
 * const v = new Array(250).fill(19.6);
 * const e = new Array(250).fill(23.4);
 * const r = acerbiSzekelyTest(pnl, { var: v, es: e }, { confidence: 0.975, seed: 7 });
 * console.log(r.exceedances); // 0
 * console.log(acerbiSzekelyTest(pnl, v, e, { confidence: 0.975, seed: 7 }).pValue === r.pValue); // true
 * ```
 */
export function acerbiSzekelyTest(
  pnl: NumericArray,
  forecasts: TailForecasts,
  options: AcerbiSzekelyOptions,
): AcerbiSzekelyResult;
/** @deprecated use `acerbiSzekelyTest(pnl, { var: varForecasts, es: esForecasts }, options)`. */
export function acerbiSzekelyTest(
  pnl: NumericArray,
  varForecasts: NumericArray,
  esForecasts: NumericArray,
  options: AcerbiSzekelyOptions,
): AcerbiSzekelyResult;
export function acerbiSzekelyTest(pnl: NumericArray, ...rest: unknown[]): AcerbiSzekelyResult {
  if (rest.length >= 3) return run(pnl, rest[0], rest[1], rest[2], 'varForecasts', 'esForecasts');
  const f = checkStrictObject(rest[0], 'forecasts', FORECAST_KEYS);
  return run(pnl, f.var, f.es, rest[1], 'forecasts.var', 'forecasts.es');
}

/** Validate and run; `vp`, `ep` name the VaR and ES forecast series in errors. */
function run(
  pnl: unknown,
  varForecasts: unknown,
  esForecasts: unknown,
  options: unknown,
  vp: string,
  ep: string,
): AcerbiSzekelyResult {
  const x = checkFiniteArray(pnl, 'pnl', 1);
  const T = x.length;
  const v = checkFiniteArray(varForecasts, vp, 1);
  const es = checkFiniteArray(esForecasts, ep, 1);
  if (v.length !== T) throw new RiskInputError(vp, `an array of length ${T} (one per pnl value)`, varForecasts);
  if (es.length !== T) throw new RiskInputError(ep, `an array of length ${T} (one per pnl value)`, esForecasts);
  for (let t = 0; t < T; t++) if (!(es[t] > 0)) throw new RiskInputError(`${ep}[${t}]`, 'a positive loss > 0', es[t]);
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  // bounded: the work is simulations × observations draws (1e308 ran forever)
  const sims = optionalNumber(o.simulations, 'simulations', 10_000, { ge: 100, le: MAX_SIMULATIONS, integer: true });
  const seed = optionalNumber(o.seed, 'seed', 1, { integer: true });
  if (o.quantile !== undefined && typeof o.quantile !== 'function')
    throw new RiskInputError('quantile', 'a function (t, u) => P&L', o.quantile);
  const p = 1 - alpha;
  const z2 = (xs: (t: number) => number): [number, number] => {
    let s = 0;
    let hits = 0;
    for (let t = 0; t < T; t++) {
      const xt = xs(t);
      if (-xt > v[t]) {
        s += xt / es[t];
        hits++;
      }
    }
    return [s / (T * p) + 1, hits];
  };
  const [statistic, exceedances] = z2((t) => x[t]);

  let quantile: (t: number, u: number) => number;
  if (o.quantile !== undefined) {
    const q = o.quantile as (t: number, u: number) => number;
    quantile = (t, u) => {
      const r = q(t, u);
      if (typeof r !== 'number' || !Number.isFinite(r))
        throw new RiskInputError('quantile(t, u)', 'a finite P&L', r, `t = ${t}, u = ${u}`);
      return r;
    };
  } else {
    const z = PhiInv(alpha);
    const k = phi(z) / p - z;
    const mu = new Float64Array(T);
    const sd = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      if (!(es[t] > v[t]))
        throw new RiskInputError(
          `${ep}[${t}]`,
          `> ${vp}[${t}] = ${v[t]} (the default normal predictive needs ES > VaR)`,
          es[t],
        );
      sd[t] = (es[t] - v[t]) / k;
      mu[t] = sd[t] * z - v[t];
    }
    quantile = (t, u) => mu[t] + sd[t] * PhiInv(u);
  }
  const stream = RandomStream.fromSeed(seed);
  const rand = () => stream.nextOpen();
  let below = 0;
  for (let m = 0; m < sims; m++) {
    const [zs] = z2((t) => quantile(t, rand()));
    if (zs <= statistic) below++;
  }
  return { statistic, pValue: below / sims, exceedances, observations: T, simulations: sims };
}
