/**
 * Portfolio margin: full revaluation of an underlying's positions on the scenario grid (the worst weighted loss is
 * the scan risk), at least the short-option minimum, plus option and futures contingencies; underlyings combined
 * by sum or by correlation with a floor (`params.aggregation`). Internal.
 */
import type { MarginContext } from '../engine.js';
import { deltaOneUnits, instrumentEntry } from '../engine.js';
import type { InstrumentEntry } from '../engine.js';
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
  underlying(ctx, u, positions, value, wantScenarios): UnderlyingFigures {
    const { market: m, params } = ctx;
    const ap = assetParams(params, u);
    const s = m.assets[u].price;
    const scen = params.grid.scenarios;
    const nS = scen.length;
    const accHi = new Float64Array(nS);
    const accLo = new Float64Array(nS);
    const netByInstrument = new Map<InstrumentEntry, FloatSum>();
    const netByStrike = new Map<number, Map<number, FloatSum>>();
    const d1 = new FloatSum();
    const futLong = new FloatSum();
    const futShort = new FloatSum();
    // the per-instrument and per-strike nets feed only their add-ons: not kept when the add-on's rate is 0
    const wantGross = ap.portfolio.optionContingency > 0;
    const wantShort = ap.portfolio.shortOptionMinimum > 0;
    for (const p of positions) {
      const e = instrumentEntry(ctx, p);
      const ra = e.ra;
      const q = p.quantity;
      for (let k = 0; k < nS; k++) addInto(accHi, accLo, k, q * ra[k]);
      value.add(q * e.base);
      if (p.kind === 'option') {
        if (wantGross) sumAt(netByInstrument, e).add(q);
        if (wantShort) {
          let byStrike = netByStrike.get(p.expiry);
          if (!byStrike) netByStrike.set(p.expiry, (byStrike = new Map()));
          sumAt(byStrike, p.strike).add(q);
        }
      } else {
        const x = deltaOneUnits(p, m);
        d1.add(x);
        if (p.kind === 'future') (x > 0 ? futLong : futShort).add(Math.abs(x));
      }
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
    for (const byStrike of netByStrike.values()) {
      for (const q of byStrike.values()) {
        const v = q.value();
        if (v < 0) netShort.add(-v);
      }
    }
    const gross = new FloatSum();
    for (const q of netByInstrument.values()) gross.add(Math.abs(q.value()));
    const som = ap.portfolio.shortOptionMinimum * s * netShort.value();
    const optCont = ap.portfolio.optionContingency * s * gross.value();
    const futCont = ap.portfolio.futuresContingency * s * Math.min(futLong.value(), futShort.value());
    const im = Math.max(scanLoss, som) + optCont + futCont;
    return {
      underlying: u,
      im,
      mm: im * params.mmFactor,
      netDeltaOne: d1.value(),
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
    if (aggregation.method !== 'correlation' || byUnderlying.length < 2) return sum;
    const q = new FloatSum();
    for (const a of byUnderlying)
      for (const b of byUnderlying) q.add(correlationOf(ctx, a.underlying, b.underlying) * a.im * b.im);
    const agg = Math.max(Math.sqrt(Math.max(q.value(), 0)), (1 - aggregation.maxCredit) * sum.im);
    return { im: agg, mm: agg * mmFactor, diversification: sum.im - agg };
  },
};
