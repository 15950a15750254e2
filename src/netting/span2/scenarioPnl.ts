/**
 * Full-revaluation P&L of validated positions (entries fixed) under filtered-historical MPOR scenarios and under
 * stress scenarios. Internal to span2Margin.
 */
import { RiskInputError } from '../../core/errors.js';
import type { Market, Position } from '../../core/model.js';
import { positionValueUnchecked } from '../../greeks/internal.js';
import { FloatSum } from '../exactSum.js';

/** Value of the positions under the market with each underlying's price (and mark) multiplied by `factor(u)`. */
export function valueUnder(positions: readonly Position[], market: Market, factor: (u: string) => number): number {
  const assets = { ...market.assets };
  for (const u of new Set(positions.map((p) => p.underlying))) {
    const a = market.assets[u];
    const f = factor(u);
    assets[u] = { ...a, price: a.price * f, ...(a.mark !== undefined ? { mark: a.mark * f } : {}) };
  }
  const m = { ...market, assets };
  const v = new FloatSum(); // independent of the order of the positions
  for (let i = 0; i < positions.length; i++) {
    const x = positionValueUnchecked(positions[i], m);
    if (!Number.isFinite(x))
      throw new RiskInputError(`positions[${i}]`, 'a position whose value is a finite double in every scenario', x);
    v.add(x);
  }
  const total = v.value();
  if (!Number.isFinite(total))
    throw new RiskInputError('positions', 'positions whose total value is a finite double', total);
  return total;
}

/**
 * Daily returns scaled to today's volatility (filtered historical simulation): r′ₜ = rₜ·σ_{n+1}/σₜ with the EWMA
 * σ²ₜ₊₁ = λσ²ₜ + (1 − λ)rₜ², σ²₁ the mean of squares. A column of zeros stays zero.
 */
export function filterReturns(r: Float64Array, lambda: number): Float64Array {
  const n = r.length;
  let v = 0;
  for (let t = 0; t < n; t++) v += r[t] * r[t];
  v /= n;
  if (v === 0) return r.slice();
  const sig = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    sig[t] = Math.sqrt(v);
    v = lambda * v + (1 - lambda) * r[t] * r[t];
  }
  const now = Math.sqrt(v);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = sig[t] > 0 ? (r[t] * now) / sig[t] : 0;
  return out;
}

/** Sums of `h` consecutive returns: window w covers days w … w + h − 1. */
export function windowSums(r: Float64Array, h: number): Float64Array {
  const out = new Float64Array(r.length - h + 1);
  for (let w = 0; w < out.length; w++) {
    let s = 0;
    for (let d = 0; d < h; d++) s += r[w + d];
    out[w] = s;
  }
  return out;
}

/** P&L of each historical MPOR window: full revaluation at S·e^{Σr} per underlying, minus today's value. */
export function historicalPnl(
  positions: readonly Position[],
  market: Market,
  moves: ReadonlyMap<string, Float64Array>,
  windows: number,
): Float64Array {
  const base = valueUnder(positions, market, () => 1);
  const pnl = new Float64Array(windows);
  for (let w = 0; w < windows; w++) {
    pnl[w] = valueUnder(positions, market, (u) => Math.exp((moves.get(u) as Float64Array)[w])) - base;
  }
  return pnl;
}
