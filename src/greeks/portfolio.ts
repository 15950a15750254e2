/**
 * Portfolio Greeks: the sums of {@link positionGreeks} per underlying and over the whole book.
 */
import { validateBook } from '../core/model.js';
import type { Market, Position } from '../core/model.js';
import { RiskInputError } from '../core/errors.js';
import { positionGreeksInto, toPositionGreeks, type PositionGreeks } from './valuation.js';

/** Result of {@link portfolioGreeks}. */
export interface PortfolioGreeks {
  /** Greeks of each position, in input order. */
  positions: PositionGreeks[];
  /** Sums per underlying, keyed as `market.assets` (only underlyings the book holds), in order of first appearance. */
  byUnderlying: Record<string, PositionGreeks>;
  /**
   * Sums over the whole book. value, vega, theta, rho, volga, cashDelta and cashGamma are in USD and add up across
   * underlyings; delta, gamma, vanna and charm are per unit of each underlying, so their book totals mix units —
   * read them per underlying (cashDelta/cashGamma are the comparable totals).
   */
  total: PositionGreeks;
}

/**
 * Greeks of a book (spot, linear and inverse perps and futures, linear and inverse options under bsm, black76 or
 * bachelier) per position, per underlying and in total, in USD per unit move of each underlying's spot; see
 * {@link positionGreeks} for each figure's definition. `cashDelta` = Σ delta·S; `cashGamma` = Σ ½·gamma·S²·(1%)²,
 * the P&L from gamma of a 1% move of every spot. An empty book gives empty `positions`/`byUnderlying` and zero totals.
 *
 * @param positions the book; validated with `validateBook` (errors name `positions[3].strike`, `market.assets.BTC.vol`).
 * @param market the market snapshot.
 * @example
 * ```ts
 * import { portfolioGreeks } from 'riskcore/greeks';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } }, rate: 0.05 };
 * const g = portfolioGreeks([
 *   { kind: 'option', underlying: 'BTC', quantity: 1, type: 'call', strike: 60000, expiry: 0.25 },
 *   { kind: 'perp', underlying: 'BTC', quantity: -0.5 },
 * ], market);
 * console.log(g.byUnderlying.BTC.delta.toFixed(3)); // '0.076'
 * console.log(g.total.cashDelta === g.byUnderlying.BTC.cashDelta); // true
 * ```
 */
export function portfolioGreeks(positions: Position[], market: Market): PortfolioGreeks {
  const { positions: ps, market: m } = validateBook(positions, market);
  const rec = new Float64Array(11);
  const total = new Float64Array(11);
  const sums = new Map<string, Float64Array>();
  const each: PositionGreeks[] = [];
  ps.forEach((p, i) => {
    positionGreeksInto(p, m, rec);
    for (let j = 0; j < 11; j++) {
      if (!Number.isFinite(rec[j]))
        throw new RiskInputError(`positions[${i}]`, 'a position whose value and Greeks are finite doubles', undefined);
    }
    let s = sums.get(p.underlying);
    if (!s) sums.set(p.underlying, (s = new Float64Array(11)));
    for (let j = 0; j < 11; j++) {
      s[j] += rec[j];
      total[j] += rec[j];
    }
    each.push(toPositionGreeks(rec));
  });
  const byUnderlying: Record<string, PositionGreeks> = {};
  for (const [u, s] of sums) byUnderlying[u] = toPositionGreeks(s);
  return { positions: each, byUnderlying, total: toPositionGreeks(total) };
}
