/**
 * Dynamic risk parameters: a margin fraction (of notional) that follows a volatility forecast over the margin
 * period of risk, with the anti-procyclicality (APC) tools of EMIR RTS 153/2013 art. 28 as options, plus a per-day
 * rate-of-change cap. Each day's result says which tool bound.
 *
 * Base margin on day t (set at its close, for the next day): m_t = z_α · σ_{t+1} · √MPOR, where σ_{t+1} is the EWMA
 * forecast from `riskcore/var`'s `ewmaVolatility` (information up to t only; seeded with the mean square of the
 * first `warmup` returns, and the path starts after them), z_α the normal quantile and MPOR = liquidationDays +
 * oracleLatencyDays in return periods. The tools then apply in this order:
 * 1. `stressedWeight` (art. 28(1)(b)): m = (1 − w)·m + w·m_stressed, w ≥ 0.25, m_stressed from the largest σ seen in
 *    the lookback so far (or a given stressed σ);
 * 2. `floor` (art. 28(1)(c)): m ≥ z_α·sd·√MPOR, sd the standard deviation of the returns of the last `lookback`
 *    periods (10 years = 2,520 trading days);
 * 3. `buffer` (art. 28(1)(a)): in calm times m·(1 + b), b ≥ 0.25; while the margin rises the buffer is released —
 *    the margin holds at the previous buffered level until the unbuffered margin exceeds it — and it is rebuilt as
 *    the margin falls: M_t = max(m_t, min((1 + b)·m_t, M_{t−1}));
 * 4. `maxDailyIncrease`: M_t ≤ M_{t−1}·(1 + cap).
 */
import { RiskInputError } from '../core/errors.js';
import { normalQuantile } from '../core/normal.js';
import type { NumericArray } from '../core/validate.js';
import { checkFiniteArray, checkNumber, checkStrictObject, checkString, knownKeys } from '../core/validate.js';
import { ewmaVolatility } from '../var/index.js';
import type { MarginParams } from './params.js';
import { assetParams, validateMarginParams } from './params.js';
import { setOwn } from './ownRecord.js';

const OPTIONS = knownKeys('lambda', 'confidence', 'liquidationDays', 'oracleLatencyDays', 'warmup', 'apc');
const APC = knownKeys('buffer', 'stressedWeight', 'floor', 'maxDailyIncrease');
const BUFFER = knownKeys('fraction');
const STRESSED = knownKeys('weight', 'stressedVol');
const FLOOR = knownKeys('lookback');

/** APC tools; each is off when absent or `false`. */
export interface ApcOptions {
  /** Margin buffer fraction b (EMIR: ≥ 0.25), released in stress. */
  buffer?: { fraction: number } | false;
  /** Weight w (EMIR: ≥ 0.25) on the stressed margin; `stressedVol` per period, default the largest σ seen in the lookback. */
  stressedWeight?: { weight: number; stressedVol?: number } | false;
  /** Floor from the sample standard deviation of the last `lookback` returns (EMIR: 10 years). */
  floor?: { lookback: number } | false;
  /** Largest relative increase of the margin from one day to the next (0.1 = +10% a day). */
  maxDailyIncrease?: number | false;
}

/** Options of {@link dynamicMarginPath}. */
export interface DynamicMarginOptions {
  /** EWMA decay, default 0.94. */
  lambda?: number;
  /** Coverage, default 0.99. */
  confidence?: number;
  /** Periods to liquidate a defaulted position, default 2. */
  liquidationDays?: number;
  /** Oracle latency in periods, default 0 (e.g. 1/1440 for one minute of a day). */
  oracleLatencyDays?: number;
  /** Returns used to seed the EWMA before the path starts, default 60. */
  warmup?: number;
  apc?: ApcOptions;
}

/** What set a day's margin. */
export type ApcBinding = 'base' | 'stressedWeight' | 'floor' | 'buffer' | 'cap';

/** Result of {@link dynamicMarginPath}; arrays are aligned with `returns` from index `start`. */
export interface DynamicMarginPath {
  /** First index of `returns` whose close the path starts at (= warmup − 1). */
  start: number;
  /** Margin of the period of risk in periods (liquidation + oracle latency). */
  mpor: number;
  z: number;
  /** σ forecast for the next period, per period. */
  volatility: Float64Array;
  /** Margin fraction without APC tools. */
  base: Float64Array;
  /** Margin fraction after the tools. */
  margin: Float64Array;
  /** The tool that set each day's margin (`'base'` when none changed it). */
  binding: ApcBinding[];
}

/**
 * Margin fractions following an EWMA vol forecast, with optional anti-procyclicality tools (module doc above).
 *
 * @example
 * ```ts
 * import { dynamicMarginPath } from 'riskcore/netting';
 * const calm = Array.from({ length: 300 }, (_, i) => (i % 2 ? 0.01 : -0.01));
 * const r = calm.concat([-0.08, 0.06, -0.07], calm.slice(0, 20));
 * const raw = dynamicMarginPath(r);
 * const capped = dynamicMarginPath(r, { apc: { maxDailyIncrease: 0.1 } });
 * const up = (p: Float64Array) => Math.max(...Array.from(p).slice(1).map((x, i) => x / p[i] - 1));
 * console.log(up(raw.margin) > 0.1, up(capped.margin) <= 0.1 + 1e-12); // 'true true'
 * ```
 */
export function dynamicMarginPath(returns: NumericArray, opts: DynamicMarginOptions = {}): DynamicMarginPath {
  const r = checkFiniteArray(returns, 'returns', 2);
  const o = checkStrictObject(opts, 'options', OPTIONS);
  const lambda = checkNumber(o.lambda ?? 0.94, 'options.lambda', { gt: 0, lt: 1 });
  const confidence = checkNumber(o.confidence ?? 0.99, 'options.confidence', { gt: 0.5, lt: 1 });
  const liq = checkNumber(o.liquidationDays ?? 2, 'options.liquidationDays', { gt: 0 });
  const lat = checkNumber(o.oracleLatencyDays ?? 0, 'options.oracleLatencyDays', { ge: 0 });
  const warmup = checkNumber(o.warmup ?? 60, 'options.warmup', { ge: 2, integer: true });
  const n = r.length;
  if (n <= warmup) throw new RiskInputError('returns', `more than warmup = ${warmup} returns`, returns);
  const apc = checkStrictObject(o.apc ?? {}, 'options.apc', APC) as ApcOptions;
  const tool = (v: unknown, path: string, known: ReadonlySet<string>) =>
    v === undefined || v === false ? null : checkStrictObject(v, path, known);
  const bufferIn = tool(apc.buffer, 'options.apc.buffer', BUFFER);
  const swIn = tool(apc.stressedWeight, 'options.apc.stressedWeight', STRESSED);
  const floorIn = tool(apc.floor, 'options.apc.floor', FLOOR);
  const buffer = bufferIn ? checkNumber(bufferIn.fraction, 'options.apc.buffer.fraction', { ge: 0 }) : null;
  const sw = swIn ? checkNumber(swIn.weight, 'options.apc.stressedWeight.weight', { ge: 0, le: 1 }) : null;
  const stressedVolGiven =
    swIn && swIn.stressedVol !== undefined
      ? checkNumber(swIn.stressedVol, 'options.apc.stressedWeight.stressedVol', { gt: 0, le: 10 })
      : null;
  const lookback = floorIn
    ? checkNumber(floorIn.lookback, 'options.apc.floor.lookback', { ge: 2, integer: true })
    : null;
  const cap =
    apc.maxDailyIncrease === undefined || apc.maxDailyIncrease === false
      ? null
      : checkNumber(apc.maxDailyIncrease, 'options.apc.maxDailyIncrease', { ge: 0 });

  let seed = 0;
  for (let i = 0; i < warmup; i++) seed += r[i] * r[i];
  seed /= warmup;
  if (!(seed > 0)) throw new RiskInputError('returns', 'warmup returns that are not all zero', returns);
  const ew = ewmaVolatility(r, { lambda, initialVariance: seed });
  const z = normalQuantile(confidence);
  const mpor = liq + lat;
  const k = z * Math.sqrt(mpor);
  const start = warmup - 1;
  const len = n - start;
  const volatility = new Float64Array(len);
  const base = new Float64Array(len);
  const margin = new Float64Array(len);
  const binding: ApcBinding[] = new Array(len);
  // running sums for the floor's rolling standard deviation
  let s1 = 0,
    s2 = 0;
  for (let i = 0; i <= start; i++) {
    s1 += r[i];
    s2 += r[i] * r[i];
  }
  let maxVol = 0;
  let prev = NaN;
  for (let j = 0; j < len; j++) {
    const t = start + j; // close of day t; forecast for t + 1
    if (j > 0) {
      s1 += r[t];
      s2 += r[t] * r[t];
    }
    if (lookback !== null && t + 1 > lookback) {
      const old = r[t - lookback];
      s1 -= old;
      s2 -= old * old;
    }
    const sigma = t + 1 < n ? ew.volatility[t + 1] : ew.forecastVolatility;
    volatility[j] = sigma;
    const b = k * sigma;
    base[j] = b;
    let m = b;
    let bind: ApcBinding = 'base';
    if (sw !== null) {
      maxVol = Math.max(maxVol, sigma);
      const stressed = k * (stressedVolGiven ?? maxVol);
      const blended = (1 - sw) * m + sw * stressed;
      if (blended > m) bind = 'stressedWeight';
      m = blended;
    }
    if (lookback !== null) {
      const cnt = Math.min(t + 1, lookback);
      const mean = s1 / cnt;
      const sd = Math.sqrt(Math.max(s2 / cnt - mean * mean, 0) * (cnt / Math.max(cnt - 1, 1)));
      if (k * sd > m) {
        m = k * sd;
        bind = 'floor';
      }
    }
    if (buffer !== null) {
      const full = (1 + buffer) * m;
      const held = j === 0 ? full : Math.max(m, Math.min(full, prev));
      if (held < full) bind = 'buffer';
      m = held;
    }
    if (cap !== null && j > 0 && m > prev * (1 + cap)) {
      m = prev * (1 + cap);
      bind = 'cap';
    }
    margin[j] = m;
    binding[j] = bind;
    prev = m;
  }
  return { start, mpor, z, volatility, base, margin, binding };
}

/** Procyclicality figures of a margin path over [from, to) (indices into the path). */
export interface ProcyclicalityStats {
  peak: number;
  trough: number;
  /** peak / trough (ESMA's peak-to-trough ratio), and peak/trough − 1. */
  peakToTrough: number;
  peakToTroughChange: number;
  /** Largest one-day and 30-day relative increases. */
  maxDailyIncrease: number;
  max30DayIncrease: number;
}

/**
 * Peak-to-trough ratio and largest increases of a margin path (ESMA Guidelines on EMIR APC margin measures).
 *
 * @example
 * ```ts
 * import { procyclicality } from 'riskcore/netting';
 * const s = procyclicality(Float64Array.from([0.1, 0.12, 0.2, 0.15]));
 * console.log(s.peakToTrough); // 2
 * console.log(s.maxDailyIncrease); // 0.6667
 * ```
 */
export function procyclicality(path: NumericArray, from = 0, to = path.length): ProcyclicalityStats {
  const p = checkFiniteArray(path, 'path', 2);
  checkNumber(from, 'from', { ge: 0, integer: true });
  checkNumber(to, 'to', { gt: from + 1, le: p.length, integer: true });
  let peak = -Infinity,
    trough = Infinity,
    d1 = -Infinity,
    d30 = -Infinity;
  for (let i = from; i < to; i++) {
    peak = Math.max(peak, p[i]);
    trough = Math.min(trough, p[i]);
    if (i > from) d1 = Math.max(d1, p[i] / p[i - 1] - 1);
    if (i >= from + 30) d30 = Math.max(d30, p[i] / p[i - 30] - 1);
  }
  if (!(trough > 0)) throw new RiskInputError('path', 'positive margins', path);
  // ratios of a margin near 1e308 to one near 1e-308 exceed a double: reported as the largest double
  const big = (x: number) => Math.min(x, Number.MAX_VALUE);
  return {
    peak,
    trough,
    peakToTrough: big(peak / trough),
    peakToTroughChange: big(peak / trough - 1),
    maxDailyIncrease: big(d1),
    max30DayIncrease: big(d30 === -Infinity ? d1 : d30),
  };
}

/**
 * Largest tier rate {@link withDynamicRange} sets: 1, margin equal to the full notional (the top tier of Binance's
 * BTCUSDT table). Scaled rates above it are capped at it.
 */
export const MAX_DYNAMIC_TIER_RATE = 1;

/**
 * Parameters whose scan range and delta-one rates follow a dynamic margin fraction `fraction` (0 < fraction < 1) for
 * `underlying`: the portfolio price range becomes `fraction`, and the tier table is scaled so its first initial
 * rate equals it (the tiers keep their shape), every scaled initial and maintenance rate capped at
 * {@link MAX_DYNAMIC_TIER_RATE} (1: margin never above the notional). The result is valid parameters for every
 * fraction accepted (the margin functions take it as they take any params); the input is not changed.
 *
 * @example
 * ```ts
 * import { accountMargin, withDynamicRange, DEFAULT_MARGIN_PARAMS } from 'riskcore/netting';
 * const p = withDynamicRange(DEFAULT_MARGIN_PARAMS, 'BTC', 0.2);
 * console.log(p.assets.BTC.portfolio.priceRange, p.assets.BTC.linear.tiers[0].initialRate); // '0.2 0.2'
 * // Binance's tiers × 25: 0.8% → 20%, 1% → 25%, 2% → 50%, 5% → 125% capped at 100%
 * console.log(p.assets.BTC.linear.tiers.map((t) => t.initialRate).join(' ')); // '0.2 0.25 0.5 1 1 1 1 1 1 1'
 * const market = { assets: { BTC: { price: 60000 } } };
 * const perp = { positions: [{ kind: 'perp' as const, underlying: 'BTC', quantity: 2 }] };
 * // 120,000 notional in the 50k–250k tier: 25%
 * console.log(accountMargin(perp, market, { params: p }).initialMargin.toNumber()); // 30000
 * ```
 */
export function withDynamicRange(params: MarginParams, underlying: string, fraction: number): MarginParams {
  params = validateMarginParams(params, 'params');
  checkString(underlying, 'underlying');
  const f = checkNumber(fraction, 'fraction', { gt: 0, lt: 1 });
  const ap = assetParams(params, underlying);
  const scale = f / ap.linear.tiers[0].initialRate;
  const rate = (r: number) => Math.min(r * scale, MAX_DYNAMIC_TIER_RATE);
  const assets = { ...params.assets };
  setOwn(assets, underlying, {
    ...ap,
    linear: {
      ...ap.linear,
      // capping keeps the order the validation asks for: rates non-decreasing, maintenance ≤ initial
      tiers: ap.linear.tiers.map((t) => ({
        upTo: t.upTo,
        initialRate: rate(t.initialRate),
        maintenanceRate: rate(t.maintenanceRate),
      })),
      source: `${ap.linear.source}; scaled to a dynamic initial rate of ${f}, rates capped at ${MAX_DYNAMIC_TIER_RATE}`,
    },
    portfolio: { ...ap.portfolio, priceRange: f },
  });
  return validateMarginParams({ ...params, assets }, 'params');
}
