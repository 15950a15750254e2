import { RiskInputError } from '../core/errors.js';
import { PhiInv } from '../core/normal.js';
import { checkConfidence, checkFiniteArray, checkNumber, checkStrictObject, knownKeys } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { christoffersenTest } from './christoffersen.js';
import type { ChristoffersenResult } from './christoffersen.js';
import { ewmaVolatility } from '../tail/index.js';
import { historicalTail, MAX_RETURN, requireTail } from '../tail/internal.js';
import { kupiecOf } from './kupiec.js';
import type { KupiecResult } from './kupiec.js';
import { baselTrafficLight } from './trafficLight.js';
import type { TrafficLightResult } from './trafficLight.js';

const KEYS = knownKeys('window', 'confidence');

/**
 * A VaR model for the rolling backtest: a built-in name or a function of the trailing window (oldest first)
 * returning the next period's VaR as a positive loss.
 * - `'historical'`: order-statistic historical VaR of the window.
 * - `'normal'`: −mean + stdev·Φ⁻¹(α) with the window's sample mean and stdev (n − 1).
 * - `'ewma'`: zero-mean normal with the RiskMetrics EWMA (λ = 0.94) forecast volatility of the window.
 */
export type VaRModel = 'historical' | 'normal' | 'ewma' | ((window: Float64Array, confidence: number) => number);

/** Result of {@link rollingBacktest}. */
export interface RollingBacktestResult {
  /** 1 where the loss exceeded the VaR forecast (−pnlₜ > VaRₜ), for t = window..n−1. */
  hits: Uint8Array;
  /** VaRₜ forecasts made from pnl[t − window, t), aligned with `hits`. */
  var: Float64Array;
  exceedances: number;
  observations: number;
  kupiec: KupiecResult;
  christoffersen: ChristoffersenResult;
  trafficLight: TrafficLightResult;
}

/**
 * Rolling out-of-sample VaR backtest: for each t ≥ window, forecast VaRₜ from the `window` P&L values before t,
 * record an exception when the realised loss −pnlₜ exceeds it, then run Kupiec, Christoffersen and the Basel
 * traffic light on the hit sequence.
 *
 * @param pnl - realised P&L per period, oldest first, finite; at least window + 2 long.
 * @param model - see {@link VaRModel}; a custom model must return a finite number.
 * @param options - `window` (integer ≥ 2; ≥ ⌈1/(1 − α)⌉ for 'historical'), `confidence` α.
 * @throws RiskInputError naming `pnl[i]`, `pnl`, `model`, `window`, `confidence`, or `model(window ending t)`
 *   when a custom model returns a non-finite value.
 *
 * @example
 * ```ts
 * import { rollingBacktest } from 'riskcore/var';
 * const pnl = Array.from({ length: 600 }, (_, t) => 100 * Math.sin(t * 1.3) * (1 + (t % 7) / 7));
 * const r = rollingBacktest(pnl, 'historical', { window: 250, confidence: 0.99 });
 * console.log(r.observations); // 350
 * ```
 */
export function rollingBacktest(
  pnl: NumericArray,
  model: VaRModel,
  options: { window: number; confidence: number },
): RollingBacktestResult {
  const x = Float64Array.from(checkFiniteArray(pnl, 'pnl', 1));
  const o = checkStrictObject(options, 'options', KEYS);
  const alpha = checkConfidence(o.confidence, 'confidence');
  const window = checkNumber(o.window, 'window', { ge: 2, integer: true });
  if (typeof model !== 'function' && model !== 'historical' && model !== 'normal' && model !== 'ewma') {
    throw new RiskInputError(
      'model',
      "'historical', 'normal', 'ewma' or a function (window, confidence) => VaR",
      model,
    );
  }
  if (model === 'historical') requireTail(window, alpha, 'window');
  if (model === 'normal' || model === 'ewma') {
    // the window's sum of squares must stay finite
    for (let i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) > MAX_RETURN)
        throw new RiskInputError(
          `pnl[${i}]`,
          `a finite number with |x| <= ${MAX_RETURN} for the '${model}' model`,
          x[i],
        );
    }
  }
  if (x.length < window + 2)
    throw new RiskInputError('pnl', `at least window + 2 = ${window + 2} values`, x.length, `${x.length} given`);
  const m = x.length - window;
  const hits = new Uint8Array(m);
  const v = new Float64Array(m);
  const z = PhiInv(alpha);
  let count = 0;
  for (let i = 0; i < m; i++) {
    const w = x.subarray(i, i + window);
    let f: number;
    if (model === 'historical') f = historicalTail(w, alpha, 'order-statistic').var;
    else if (model === 'normal') {
      let mean = 0;
      for (let j = 0; j < window; j++) mean += w[j];
      mean /= window;
      let ss = 0;
      for (let j = 0; j < window; j++) ss += (w[j] - mean) ** 2;
      f = -mean + Math.sqrt(ss / (window - 1)) * z;
    } else if (model === 'ewma') {
      let any = false;
      for (let j = 0; j < window && !any; j++) any = w[j] !== 0;
      f = any ? ewmaVolatility(w, { lambda: 0.94 }).forecastVolatility * z : 0;
    } else {
      f = model(Float64Array.from(w), alpha);
      if (typeof f !== 'number' || !Number.isFinite(f)) {
        throw new RiskInputError(`model(window ending ${i + window - 1})`, 'a finite VaR', f);
      }
    }
    v[i] = f;
    if (-x[i + window] > f) {
      hits[i] = 1;
      count++;
    }
  }
  return {
    hits,
    var: v,
    exceedances: count,
    observations: m,
    kupiec: kupiecOf(count, m, alpha),
    christoffersen: christoffersenTest(hits, { confidence: alpha }),
    trafficLight: baselTrafficLight(count, m, { confidence: alpha }),
  };
}
