/**
 * VaR and ES three ways, all as positive losses over the report horizon:
 * - historical: today's book fully revalued (riskcore/greeks `revaluePnL`) under each overlapping h-day relative
 *   move of the book's price history (vols unchanged, no time decay), then `historicalVaR` / `historicalES`;
 * - parametric: delta-normal (`deltaNormalVaR`) — P&L ≈ Σ cashDeltaᵢ·rᵢ, daily covariance σᵢσⱼρᵢⱼ/365 from the ATM
 *   vols and the market's correlation (0 where it says nothing), scaled to h days; with the Euler components;
 * - Monte Carlo: `simulatePnL` (riskcore/montecarlo, full revaluation), then `monteCarloVaR` / `monteCarloES` with
 *   batch-means standard errors.
 */
import { RiskInputError } from 'riskcore';
import type { Market, Position } from 'riskcore';
import { historicalES, monteCarloES } from 'riskcore/es';
import { positionValue, withEntryPrices } from 'riskcore/greeks';
import { simulatePnL } from 'riskcore/montecarlo';
import { deltaNormalVaR, historicalVaR, monteCarloVaR } from 'riskcore/var';
import type { Book } from '../book.js';
import { attributionSection } from './attribution.js';
import { backtestSection } from './backtest.js';
import type { GreeksRow, RiskSection, Section } from '../results.js';

/** Run `f`; a RiskInputError (e.g. too few scenarios for the confidence) makes the figure unavailable with its message. */
function attempt<T extends object>(f: () => T): Section<T> {
  try {
    return { available: true, ...f() };
  } catch (e) {
    if (e instanceof RiskInputError) return { available: false, reason: e.message };
    throw e;
  }
}

/** Shocked market: every asset in `moves` has price and mark multiplied by its relative move. */
function shockMarket(market: Market, moves: Record<string, number>): Market {
  const assets: Market['assets'] = {};
  for (const [name, a] of Object.entries(market.assets)) {
    const m = moves[name];
    assets[name] =
      m === undefined ? a : { ...a, price: a.price * m, ...(a.mark !== undefined ? { mark: a.mark * m } : {}) };
  }
  return { ...market, assets };
}

/**
 * The key of a position's instrument (every field but the quantity and the id) when its value is the quantity times
 * the value of one unit, q·v computed as one product (`riskcore/greeks` positionValue): every position except
 * inverse black76 / bachelier options, whose value is (q/c)·P. Null for those: they are priced one by one.
 */
function unitKey(p: Position): string | null {
  if (p.kind === 'option' && p.settlement === 'inverse' && (p.model ?? 'bsm') !== 'bsm') return null;
  const { quantity: _q, id: _id, ...rest } = p as Position & { id?: string };
  return JSON.stringify(rest);
}

/**
 * P&L of each position under each historical h-day move (`[position][scenario]`), or why there is none. Entry
 * prices are filled once at today's market (as `revaluePnL` does); a position's P&L depends on its own underlying
 * only, so the rows sum to the book's P&L per scenario. Each distinct instrument is priced once per move and its
 * positions take quantity × unit value, the same double `positionValue` gives for each position.
 */
export function historicalPnLByPosition(
  book: Book,
  positions: Position[],
  horizonDays: number,
): Float64Array[] | string {
  if (!book.history) return 'the book has no price history (history.prices)';
  const needed = [...new Set(positions.map((p) => p.underlying))];
  const missing = needed.filter((u) => !(u in book.history!.prices));
  if (missing.length) return `no price history for ${missing.join(', ')}`;
  const exact = horizonDays / (book.history.interval * 365);
  const step = Math.round(exact);
  if (step < 1 || Math.abs(exact - step) > 1e-9 * Math.max(1, exact)) {
    const d = +(book.history.interval * 365).toPrecision(12);
    return `the ${horizonDays}-day horizon is not a whole number of history intervals (${d} day${d === 1 ? '' : 's'} each)`;
  }
  const n = book.history.prices[needed[0]]?.length ?? 0;
  if (n <= step) return `the history has ${n} observations, not enough for a ${horizonDays}-day move`;
  const fixed = withEntryPrices(positions, book.market);
  // Positions on one instrument (all but the quantity equal) share a per-unit value: priced once per scenario.
  const unit = new Map<string, { position: Position; value: number }>();
  const keys = fixed.map((p) => {
    const k = unitKey(p);
    if (k !== null && !unit.has(k)) unit.set(k, { position: { ...p, quantity: 1 }, value: 0 });
    return k;
  });
  const valueIn = (i: number, market: Market): number => {
    const k = keys[i];
    return k === null
      ? positionValue(fixed[i], market)
      : fixed[i].quantity * (unit.get(k) as { value: number }).value + 0;
  };
  const price = (market: Market) => {
    for (const u of unit.values()) u.value = positionValue(u.position, market);
  };
  price(book.market);
  const base = fixed.map((_, i) => valueIn(i, book.market));
  const out = fixed.map(() => new Float64Array(n - step));
  for (let s = 0; s + step < n; s++) {
    const moves: Record<string, number> = {};
    for (const u of needed) moves[u] = book.history.prices[u][s + step] / book.history.prices[u][s];
    const shocked = shockMarket(book.market, moves);
    price(shocked);
    for (let i = 0; i < fixed.length; i++) {
      const d = valueIn(i, shocked) - base[i];
      if (!Number.isFinite(d))
        throw new RiskInputError(`positions[${i}]`, 'a position whose value is a finite double', undefined);
      out[i][s] = d;
    }
  }
  return out;
}

/** Σ over positions of {@link historicalPnLByPosition}: the book's P&L per scenario. */
export function sumRows(rows: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  for (const r of rows) for (let s = 0; s < n; s++) out[s] += r[s];
  return out;
}

/** P&L of the book under each historical h-day move, or why there is none. */
export function historicalPnL(book: Book, positions: Position[], horizonDays: number): Float64Array | string {
  const rows = historicalPnLByPosition(book, positions, horizonDays);
  if (typeof rows === 'string') return rows;
  return sumRows(rows, rows[0].length);
}

/** Delta-normal inputs: exposures (cash deltas) and the daily covariance of the underlyings' returns. */
export function deltaNormalInputs(
  greeks: GreeksRow[],
  market: Market,
): { names: string[]; exposures: number[]; covariance: number[][] } | string {
  const rows = greeks.filter((g) => g.cashDelta !== 0);
  const sig: number[] = [];
  for (const g of rows) {
    const v = market.assets[g.underlying].vol;
    if (v === undefined) return `market.assets.${g.underlying}.vol is needed for the delta-normal figure`;
    sig.push(v / Math.sqrt(365));
  }
  const c = market.correlation;
  const rho = (a: string, b: string) => {
    if (a === b) return 1;
    if (!c) return 0;
    const i = c.assets.indexOf(a);
    const j = c.assets.indexOf(b);
    return i < 0 || j < 0 ? 0 : c.matrix[i][j];
  };
  return {
    names: rows.map((g) => g.underlying),
    exposures: rows.map((g) => g.cashDelta),
    covariance: rows.map((a, i) => rows.map((b, j) => sig[i] * sig[j] * rho(a.underlying, b.underlying))),
  };
}

/** Histogram of a P&L vector in `bins` equal-width bins over its range. */
export function histogram(pnl: Float64Array, bins = 60): { x0: number; x1: number; count: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < pnl.length; i++) {
    if (pnl[i] < lo) lo = pnl[i];
    if (pnl[i] > hi) hi = pnl[i];
  }
  if (!(hi > lo)) return [{ x0: lo - 0.5, x1: hi + 0.5, count: pnl.length }];
  const w = (hi - lo) / bins;
  const counts = new Float64Array(bins);
  for (let i = 0; i < pnl.length; i++) counts[Math.min(bins - 1, Math.floor((pnl[i] - lo) / w))]++;
  return Array.from(counts, (count, k) => ({ x0: lo + k * w, x1: lo + (k + 1) * w, count }));
}

/** Why the three figures differ, in one line. */
export const METHODS_NOTE =
  "Historical replays the book's own past moves (fat tails as they happened, few scenarios); parametric is linear in the cash deltas with normal returns (no option convexity, no fat tails); Monte Carlo fully revalues the book under simulated moves at today's vols and correlations (with its sampling standard error).";

export interface RiskOptions {
  confidence: number;
  horizonDays: number;
  paths: number;
  seed: number;
  greeks: GreeksRow[] | null;
  onProgress?: (done: number, total: number) => void;
}

export function riskSection(book: Book, positions: Position[], o: RiskOptions): RiskSection {
  const { confidence, horizonDays } = o;
  const byPosition = historicalPnLByPosition(book, positions, horizonDays);
  const hist = typeof byPosition === 'string' ? byPosition : sumRows(byPosition, byPosition[0].length);
  const historical: RiskSection['historical'] =
    typeof hist === 'string'
      ? { available: false, reason: hist }
      : attempt(() => ({
          var: historicalVaR(hist, { confidence }),
          es: historicalES(hist, { confidence }),
          observations: hist.length,
        }));

  let parametric: RiskSection['parametric'];
  const dn = o.greeks ? deltaNormalInputs(o.greeks, book.market) : 'needs the Greeks section';
  if (typeof dn === 'string') parametric = { available: false, reason: dn };
  else if (dn.names.length === 0)
    parametric = {
      available: true,
      var: 0,
      es: 0,
      stdev: 0,
      method: 'delta-normal (no delta exposure)',
      components: [],
    };
  else {
    parametric = attempt(() => {
      const r = deltaNormalVaR({
        exposures: dn.exposures,
        covariance: dn.covariance,
        confidence,
        horizon: horizonDays,
      });
      return {
        var: r.var,
        es: r.es,
        stdev: r.stdev,
        method: 'delta-normal: cash deltas, ATM vols, market correlation',
        components: dn.names.map((underlying, i) => ({ underlying, componentVaR: r.component[i] })),
      };
    });
  }

  const monteCarlo: RiskSection['monteCarlo'] = attempt(() => {
    const pnl = simulatePnL(positions, book.market, {
      paths: o.paths,
      seed: o.seed,
      horizon: horizonDays / 365,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    const v = monteCarloVaR(pnl, { confidence });
    const e = monteCarloES(pnl, { confidence });
    return {
      var: v.value,
      es: e.value,
      paths: o.paths,
      seed: o.seed,
      varStdError: v.standardError,
      esStdError: e.standardError,
      histogram: histogram(pnl),
    };
  });
  const components = parametric.available ? parametric.components : null;
  const attribution: RiskSection['attribution'] =
    typeof byPosition === 'string'
      ? { available: false, reason: byPosition }
      : attempt(() => attributionSection(book, positions, byPosition, confidence, components));
  const backtest: RiskSection['backtest'] =
    typeof hist === 'string'
      ? { available: false, reason: hist }
      : horizonDays !== 1
        ? {
            available: false,
            reason: `the backtest compares 1-day forecasts with 1-day P&L; the horizon is ${horizonDays} days`,
          }
        : backtestSection(hist, confidence);
  return {
    confidence,
    horizonDays,
    historical,
    parametric,
    monteCarlo,
    methodsNote: METHODS_NOTE,
    attribution,
    backtest,
  };
}
