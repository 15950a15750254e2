/**
 * Portfolio margin: full revaluation of an underlying's positions on the scenario grid (the worst weighted loss is
 * the scan risk), at least the short-option minimum, plus option and futures contingencies; underlyings combined
 * by sum or by correlation with a floor (`params.aggregation`). Internal.
 */
import type { MarginContext } from '../engine.js';
import { addInto, FloatSum } from '../exactSum.js';
import { assetParams } from '../validateParams.js';
import { sumCombine } from './sumCombine.js';
import type { Combined, MarginMethodImpl, UnderlyingFigures } from './types.js';

/** FloatSum in a map, created on first use. */
function sumAt<K>(map: Map<K, FloatSum>, key: K): FloatSum {
  let s = map.get(key);
  if (!s) map.set(key, (s = new FloatSum()));
  return s;
}

/** ρ between two underlyings: the params' matrix, else the market's, else 1 (no offset). */
function correlationOf(ctx: MarginContext, a: string, b: string): number {
  if (a === b) return 1;
  for (const c of [ctx.params.aggregation.correlation, ctx.market.correlation]) {
    if (!c) continue;
    const i = c.assets.indexOf(a);
    const j = c.assets.indexOf(b);
    if (i >= 0 && j >= 0) return c.matrix[i][j];
  }
  return 1;
}

export const portfolioMethod: MarginMethodImpl = {
  underlying(ctx, book, wantScenarios): UnderlyingFigures {
    const { market: m, params } = ctx;
    const u = book.underlying;
    const ap = assetParams(params, u);
    const s = m.assets[u].price;
    const scen = params.grid.scenarios;
    const nS = scen.length;
    const accHi = new Float64Array(nS);
    const accLo = new Float64Array(nS);
    // net option quantities by expiry and strike (short-option minimum) and net futures units by expiry (roll
    // contingency), summed over the lots in the book's canonical order
    const byStrike = new Map<number, Map<number, FloatSum>>();
    const futuresByExpiry = new Map<number, FloatSum>();
    const gross = new FloatSum();
    // the per-instrument and per-strike nets feed only their add-ons: not kept when the add-on's rate is 0
    const wantGross = ap.portfolio.optionContingency > 0;
    const wantShort = ap.portfolio.shortOptionMinimum > 0;
    const wantRoll = ap.portfolio.futuresContingency > 0;
    for (const lot of book.lots) {
      const q = lot.quantity;
      if (q === 0) continue;
      const ra = lot.entry.ra;
      for (let k = 0; k < nS; k++) addInto(accHi, accLo, k, q * ra[k]);
      const p = lot.positions[0];
      if (p.kind === 'option') {
        if (wantGross) gross.add(Math.abs(q));
        if (wantShort) {
          let strikes = byStrike.get(p.expiry);
          if (!strikes) byStrike.set(p.expiry, (strikes = new Map()));
          sumAt(strikes, p.strike).add(q);
        }
      } else if (p.kind === 'future' && wantRoll) sumAt(futuresByExpiry, p.expiry).add(lot.units);
    }
    const acc = accHi;
    let scanLoss = 0;
    let worst: string | null = null;
    for (let k = 0; k < nS; k++) {
      acc[k] += accLo[k];
      const loss = -acc[k] * scen[k].weight;
      if (loss > scanLoss) {
        scanLoss = loss;
        worst = scen[k].label;
      }
    }
    const netShort = new FloatSum();
    for (const strikes of byStrike.values()) {
      for (const qs of strikes.values()) {
        const v = qs.value();
        if (v < 0) netShort.add(-v);
      }
    }
    // a roll spread offsets futures of different expiries: each expiry is netted first (a same-expiry long and
    // short are one flat position, not a spread), then the contingency applies to min(Σ long, Σ short) expiries
    const futLong = new FloatSum();
    const futShort = new FloatSum();
    for (const us of futuresByExpiry.values()) {
      const v = us.value();
      if (v > 0) futLong.add(v);
      else if (v < 0) futShort.add(-v);
    }
    const som = ap.portfolio.shortOptionMinimum * s * netShort.value();
    const optCont = ap.portfolio.optionContingency * s * gross.value();
    const futCont = ap.portfolio.futuresContingency * s * Math.min(futLong.value(), futShort.value());
    const im = Math.max(scanLoss, som) + optCont + futCont;
    return {
      underlying: u,
      im,
      mm: im * params.mmFactor,
      netDeltaOne: book.netDeltaOne,
      scanLoss,
      worstScenario: worst,
      shortOptionMinimum: som,
      optionContingency: optCont,
      futuresContingency: futCont,
      bound: som > scanLoss ? 'shortOptionMinimum' : 'scan',
      scenarioPnl: wantScenarios ? acc : null,
    };
  },

  combine(ctx, byUnderlying): Combined {
    const sum = sumCombine(ctx, byUnderlying);
    const { aggregation, mmFactor } = ctx.params;
    // an underlying that needs no margin (its positions netted flat) takes no part in the aggregation
    const active = byUnderlying.filter((b) => b.im > 0);
    if (aggregation.method !== 'correlation' || active.length < 2) return sum;
    const q = new FloatSum();
    for (const a of active) for (const b of active) q.add(correlationOf(ctx, a.underlying, b.underlying) * a.im * b.im);
    const agg = Math.max(Math.sqrt(Math.max(q.value(), 0)), (1 - aggregation.maxCredit) * sum.im);
    return { im: agg, mm: agg * mmFactor, diversification: sum.im - agg };
  },
};
