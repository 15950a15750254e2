/**
 * Margin backtests: does a margin model cover the losses it claims to? For each date, the margin held is compared
 * with the loss of the margined position over the margin period of risk (MPOR) that starts that date; a breach is a
 * loss beyond the margin. As CCPs report it (EMIR RTS 153/2013 art. 49: coverage at least the model's confidence
 * level), with the VaR backtests of this folder on the breach indicators.
 */
import { RiskInputError } from '../core/errors.js';
import { checkConfidence, checkNumber, checkStrictObject, knownKeys, ownValue } from '../core/validate.js';
import type { ChristoffersenResult } from './christoffersen.js';
import { christoffersenTest } from './christoffersen.js';
import type { KupiecResult } from './kupiec.js';
import { kupiecOf } from './kupiec.js';
import type { TrafficLightResult } from './trafficLight.js';
import { baselTrafficLight } from './trafficLight.js';

/** One margin series: the margin held at each date and the P&L over the MPOR that starts that date. */
export interface MarginSeries {
  /** Margin held at each date (≥ 0, quote currency). */
  margin: ArrayLike<number>;
  /** P&L of the margined position over the margin period of risk from the same date (profit positive). */
  pnl: ArrayLike<number>;
}

/** Options of {@link marginBacktest}. */
export interface MarginBacktestOptions {
  /** The coverage the model claims (its confidence level), e.g. 0.99. */
  coverage: number;
  /**
   * Margin period of risk in observations (integer ≥ 1, default 1). With MPOR h > 1 the windows of consecutive
   * dates overlap and their breaches cluster by construction: the independence test then runs on every h-th date.
   */
  mpor?: number;
}

/** Result of {@link marginBacktest}. */
export interface MarginBacktestResult {
  observations: number;
  /** Dates whose loss exceeded the margin held. */
  breaches: number;
  /** Indices of those dates. */
  breachDates: number[];
  /** 1 − breaches / observations. */
  achievedCoverage: number;
  /** The claimed coverage. */
  coverage: number;
  /** achievedCoverage ≥ coverage. */
  meetsCoverage: boolean;
  /** Largest shortfall (loss − margin) over the breaches; 0 without breaches. */
  largestShortfall: number;
  /** Mean shortfall over the breaches; 0 without breaches. */
  meanShortfall: number;
  /** Largest shortfall as a fraction of the margin held that date, over the breaches with margin > 0 (else 0; at most the largest double). */
  largestShortfallRatio: number;
  /** Breaches on dates that held no margin (their shortfall ratio is unbounded). */
  unmarginedBreaches: number;
  /** Kupiec's proportion-of-failures test of the breach rate against 1 − coverage. */
  kupiec: KupiecResult;
  /**
   * Christoffersen's independence and conditional-coverage tests (every mpor-th date); null under 2 dates and for
   * a pooled backtest (dates of different series are not one sequence).
   */
  christoffersen: ChristoffersenResult | null;
  /** Basel traffic light of the breach count. */
  trafficLight: TrafficLightResult;
}

const KEYS = knownKeys('coverage', 'mpor');
const SERIES_KEYS = knownKeys('margin', 'pnl');

function column(value: unknown, path: string, n: number | undefined, min?: number): Float64Array {
  const ok = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) throw new RiskInputError(path, 'an array of numbers', value);
  const a = value as ArrayLike<unknown>;
  if (n === undefined ? a.length < 1 : a.length !== n)
    throw new RiskInputError(
      path,
      n === undefined ? 'a non-empty array' : `an array of length ${n} (as margin)`,
      value,
    );
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++)
    out[i] = checkNumber(a[i], `${path}[${i}]`, min === undefined ? { ge: -1e300, le: 1e300 } : { ge: min, le: 1e300 });
  return out;
}

/**
 * Backtest a margin model on one series: breaches (loss over the MPOR beyond the margin held), achieved coverage
 * against the claimed one, the size of the shortfalls, Kupiec's and Christoffersen's tests and the Basel traffic
 * light of the breach count.
 *
 * @param series margin held and P&L over the MPOR, date by date (equal lengths, at least 1).
 * @param options `coverage` claimed (0 < c < 1); `mpor` in observations (default 1).
 * @throws RiskInputError naming `series.margin[i]`, `series.pnl[i]`, `options.coverage` or `options.mpor`.
 * @example
 * ```ts
 * import { marginBacktest } from 'riskcore/var';
 * const margin = Array.from({ length: 250 }, () => 100);
 * const pnl = Array.from({ length: 250 }, (_, i) => (i % 50 === 7 ? -130 : -20)); // 5 losses of 130 > 100
 * const r = marginBacktest({ margin, pnl }, { coverage: 0.99 });
 * console.log(r.breaches); // 5
 * console.log(r.achievedCoverage); // 0.98
 * console.log(r.meetsCoverage); // false
 * console.log(r.largestShortfall); // 30
 * console.log(r.trafficLight.zone); // 'yellow'
 * ```
 */
export function marginBacktest(series: MarginSeries, options: MarginBacktestOptions): MarginBacktestResult {
  const s = checkStrictObject(series, 'series', SERIES_KEYS);
  const margin = column(s.margin, 'series.margin', undefined, 0);
  const pnl = column(s.pnl, 'series.pnl', margin.length);
  const o = checkStrictObject(options, 'options', KEYS);
  const coverage = checkConfidence(o.coverage, 'options.coverage');
  const mpor = o.mpor === undefined ? 1 : checkNumber(o.mpor, 'options.mpor', { ge: 1, le: 1e6, integer: true });
  return backtestOf(margin, pnl, coverage, mpor);
}

/** {@link marginBacktest} on validated columns. Internal. */
function backtestOf(
  margin: Float64Array,
  pnl: Float64Array,
  coverage: number,
  mpor: number,
  sequence = true,
): MarginBacktestResult {
  const n = margin.length;
  const hits = new Uint8Array(n);
  const breachDates: number[] = [];
  let largest = 0;
  let ratio = 0;
  let unmargined = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const shortfall = -pnl[i] - margin[i];
    if (shortfall > 0) {
      hits[i] = 1;
      breachDates.push(i);
      total += shortfall;
      if (shortfall > largest) largest = shortfall;
      // a margin so small that the ratio overflows saturates at the largest double
      if (margin[i] > 0) ratio = Math.max(ratio, Math.min(shortfall / margin[i], Number.MAX_VALUE));
      else unmargined++;
    }
  }
  const x = breachDates.length;
  const sampled = mpor === 1 ? hits : hits.filter((_, i) => i % mpor === 0);
  return {
    observations: n,
    breaches: x,
    breachDates,
    achievedCoverage: 1 - x / n,
    coverage,
    meetsCoverage: 1 - x / n >= coverage,
    largestShortfall: largest,
    meanShortfall: x === 0 ? 0 : total / x,
    largestShortfallRatio: ratio,
    unmarginedBreaches: unmargined,
    kupiec: kupiecOf(x, n, coverage),
    christoffersen: sequence && sampled.length >= 2 ? christoffersenTest(sampled, { confidence: coverage }) : null,
    trafficLight: baselTrafficLight(x, n, { confidence: coverage }),
  };
}

/** Result of {@link marginBacktestTable}: one backtest per named series and one over all of them pooled. */
export interface MarginBacktestTableResult {
  /** By series name (accounts, products), in the order given. */
  rows: { name: string; result: MarginBacktestResult }[];
  /** Every date of every series pooled (the breach count against all observations; no independence test). */
  pooled: MarginBacktestResult;
}

/**
 * Backtest a margin model per account or per product, and pooled over all of them, as a CCP reports coverage.
 *
 * @param seriesByName margin series keyed by account or product name (at least one).
 * @param options as in {@link marginBacktest}.
 * @example
 * ```ts
 * import { marginBacktestTable } from 'riskcore/var';
 * const t = marginBacktestTable(
 *   { BTC: { margin: [10, 10, 10, 10], pnl: [-12, 1, -3, 2] }, ETH: { margin: [5, 5, 5, 5], pnl: [1, -2, 3, -1] } },
 *   { coverage: 0.9 },
 * );
 * console.log(t.rows.map((r) => r.result.breaches)); // [1, 0]
 * console.log(t.pooled.achievedCoverage); // 0.875
 * ```
 */
export function marginBacktestTable(
  seriesByName: Record<string, MarginSeries>,
  options: MarginBacktestOptions,
): MarginBacktestTableResult {
  if (typeof seriesByName !== 'object' || seriesByName === null || Array.isArray(seriesByName))
    throw new RiskInputError('seriesByName', 'an object of margin series by name', seriesByName);
  const names = Object.keys(seriesByName);
  if (names.length === 0) throw new RiskInputError('seriesByName', 'at least one margin series', seriesByName);
  const o = checkStrictObject(options, 'options', KEYS);
  const coverage = checkConfidence(o.coverage, 'options.coverage');
  const mpor = o.mpor === undefined ? 1 : checkNumber(o.mpor, 'options.mpor', { ge: 1, le: 1e6, integer: true });
  const cols = names.map((name) => {
    const s = checkStrictObject(ownValue(seriesByName, name), `seriesByName.${name}`, SERIES_KEYS);
    const margin = column(s.margin, `seriesByName.${name}.margin`, undefined, 0);
    return { name, margin, pnl: column(s.pnl, `seriesByName.${name}.pnl`, margin.length) };
  });
  const total = cols.reduce((a, c) => a + c.margin.length, 0);
  const allMargin = new Float64Array(total);
  const allPnl = new Float64Array(total);
  let at = 0;
  for (const c of cols) {
    allMargin.set(c.margin, at);
    allPnl.set(c.pnl, at);
    at += c.margin.length;
  }
  return {
    rows: cols.map((c) => ({ name: c.name, result: backtestOf(c.margin, c.pnl, coverage, mpor) })),
    pooled: backtestOf(allMargin, allPnl, coverage, mpor, false),
  };
}
