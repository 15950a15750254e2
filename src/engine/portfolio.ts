/**
 * Portfolio margin in the engine, operation for operation riskcore/netting's portfolio method
 * (`methods/portfolio.ts`) on an account's cross pool: per underlying (in name order) its positions in canonical
 * instrument order, each one's per-unit risk array times its quantity two-summed per scenario (options: the shared
 * risk array of {@link OptionInstruments}; delta-one positions: the scenario values of the shocked prices, as
 * netting's `riskArray` computes them), the worst weighted loss, the short-option minimum per expiry and strike,
 * the option and futures contingencies; underlyings combined by sum or correlation. Each underlying's IM is kept
 * at the first slot of its group, so a tick recomputes only the ticked underlying's group. Internal.
 */
import { assetParams, scenarioMove } from '../netting/internal.js';
import type { Columns } from './columns.js';
import { KIND_FUTURE, KIND_OPTION, KIND_PERP, KIND_SPOT } from './columns.js';
import type { FigureContext } from './figures.js';
import type { Items, PortfolioState } from './portfolioState.js';

/** Whether row `r` is portfolio-margined. */
export function isPortfolio(c: Columns, fc: FigureContext, r: number): boolean {
  const pm = fc.pm;
  return pm !== null && (pm.mode === 'all' || c.nOpt[r] > 0);
}

/** Recompute the shocked prices of underlying `u` (after a tick), as netting's scenario markets hold them. */
export function shockPrices(fc: FigureContext, pm: PortfolioState, u: number): void {
  let one = pm.onePlus[u];
  if (one === undefined) {
    const ap = assetParams(fc.params, fc.underlyings[u]);
    pm.onePlus[u] = one = Float64Array.from(fc.params.grid.scenarios, (s) => 1 + scenarioMove(s, ap));
  }
  const a = fc.market.assets[fc.underlyings[u]];
  const p = (pm.scenP[u] ??= new Float64Array(pm.nS));
  const m = (pm.scenM[u] ??= new Float64Array(pm.nS));
  for (let k = 0; k < pm.nS; k++) {
    p[k] = a.price * one[k];
    m[k] = a.mark !== undefined ? a.mark * one[k] : p[k];
  }
}

/** Index of the (k1, k2) key among the scratch keys `from`…`n − 1`, or −1. */
function keyAt(pm: PortfolioState, from: number, n: number, k1: number, k2: number): number {
  for (let i = from; i < n; i++) if (pm.pk1[i] === k1 && pm.pk2[i] === k2) return i;
  return -1;
}

/** Two-sum `x` into scratch entry `i` (FloatSum.add). */
function addAt(pm: PortfolioState, i: number, x: number): void {
  const a = pm.ph[i];
  const s = a + x;
  const bp = s - a;
  pm.pl[i] += a - (s - bp) + (x - bp);
  pm.ph[i] = s;
}

/** Add `x` under key (k1, k2) of the scratch keys `from`…`n − 1` (a new key at `n`); returns the new count. */
function addKeyed(pm: PortfolioState, from: number, n: number, k1: number, k2: number, x: number): number {
  let i = keyAt(pm, from, n, k1, k2);
  if (i < 0) {
    if (n === pm.pk1.length) {
      const g = (a: Float64Array): Float64Array => {
        const b = new Float64Array(n * 2);
        b.set(a);
        return b;
      };
      pm.pk1 = g(pm.pk1);
      pm.pk2 = g(pm.pk2);
      pm.ph = g(pm.ph);
      pm.pl = g(pm.pl);
    }
    i = n++;
    pm.pk1[i] = k1;
    pm.pk2[i] = k2;
    pm.ph[i] = 0;
    pm.pl[i] = 0;
  }
  addAt(pm, i, x);
  return n;
}

/**
 * Σ over the keyed nets, in the order netting's nested maps iterate them (first key by first appearance, second key
 * by first appearance within it), of `−v` for the nets `v` < 0 (`sign` −1) or `v` for those > 0 (`sign` 1).
 */
function keyedSum(pm: PortfolioState, from: number, to: number, sign: 1 | -1): number {
  let h = 0;
  let l = 0;
  for (let i = from; i < to; i++) {
    const k1 = pm.pk1[i];
    if (firstOf(pm, from, i, k1)) continue;
    for (let j = i; j < to; j++) {
      if (pm.pk1[j] !== k1) continue;
      const s = pm.ph[j] + pm.pl[j];
      const v = s === 0 ? 0 : s;
      if (sign < 0 ? v < 0 : v > 0) {
        const x = sign < 0 ? -v : v;
        const t = h + x;
        const bp = t - h;
        l += h - (t - bp) + (x - bp);
        h = t;
      }
    }
  }
  const v = h + l;
  return v === 0 ? 0 : v;
}

/** Whether first key `k1` appears in the scratch before index `i` (from `from`). */
function firstOf(pm: PortfolioState, from: number, i: number, k1: number): boolean {
  for (let j = from; j < i; j++) if (pm.pk1[j] === k1) return true;
  return false;
}

/**
 * IM of one underlying `u` holding the first `it.n` items (in canonical order) under the portfolio method: netting's
 * `portfolioMethod.underlying(...).im` (MM is IM × mmFactor).
 */
export function groupIm(fc: FigureContext, pm: PortfolioState, u: number, it: Items): number {
  const nS = pm.nS;
  const { hi, lo } = pm;
  hi.fill(0);
  lo.fill(0);
  if (pm.scenP[u] === undefined) shockPrices(fc, pm, u);
  const P = pm.scenP[u] as Float64Array;
  const M = pm.scenM[u] as Float64Array;
  const a = fc.market.assets[fc.underlyings[u]];
  const s = a.price;
  const mk = a.mark ?? a.price;
  const ry = (fc.market.rate ?? 0) - (a.dividendYield ?? 0);
  const pp = assetParams(fc.params, fc.underlyings[u]).portfolio;
  const wantGross = pp.optionContingency > 0;
  const wantShort = pp.shortOptionMinimum > 0;
  const wantRoll = pp.futuresContingency > 0;
  const ras = pm.book.ra;
  let gH = 0;
  let gL = 0;
  let nPairs = 0;
  // option (expiry, strike) nets first in the scratch; futures' expiry nets are kept in a second pass
  for (let i = 0; i < it.n; i++) {
    const q = it.q[i];
    if (q === 0) continue;
    const kind = it.kind[i];
    if (kind === KIND_OPTION) {
      const id = it.inst[i];
      const ra = id >= 0 ? ras : pm.tmpRa;
      const off = id >= 0 ? id * nS : 0;
      for (let k = 0; k < nS; k++) {
        const x = q * ra[off + k];
        const h = hi[k];
        const t = h + x;
        const bp = t - h;
        lo[k] += h - (t - bp) + (x - bp);
        hi[k] = t;
      }
      if (wantGross) {
        const x = Math.abs(q);
        const t = gH + x;
        const bp = t - gH;
        gL += gH - (t - bp) + (x - bp);
        gH = t;
      }
      if (wantShort) nPairs = addKeyed(pm, 0, nPairs, it.x[i], it.e[i], q);
      continue;
    }
    const e = it.e[i];
    const inv = it.inv[i] === 1;
    let base: number;
    let cc = 1;
    if (kind === KIND_SPOT) base = s + 0;
    else if (kind === KIND_PERP) base = inv ? mk / e - 1 + 0 : mk - e + 0;
    else {
      cc = Math.exp(ry * it.x[i]);
      const f = s * cc;
      base = inv ? f / e - 1 + 0 : f - e + 0;
    }
    for (let k = 0; k < nS; k++) {
      let v: number;
      if (kind === KIND_SPOT) v = P[k] + 0;
      else if (kind === KIND_PERP) v = inv ? M[k] / e - 1 + 0 : M[k] - e + 0;
      else {
        const f = P[k] * cc;
        v = inv ? f / e - 1 + 0 : f - e + 0;
      }
      const x = q * (v - base);
      const h = hi[k];
      const t = h + x;
      const bp = t - h;
      lo[k] += h - (t - bp) + (x - bp);
      hi[k] = t;
    }
  }
  let scanLoss = 0;
  for (let k = 0; k < nS; k++) {
    const loss = -(hi[k] + lo[k]) * pm.weights[k];
    if (loss > scanLoss) scanLoss = loss;
  }
  const netShort = wantShort ? keyedSum(pm, 0, nPairs, -1) : 0;
  let futCont = 0;
  if (wantRoll) {
    // the futures' net units per expiry, after the option pairs in the scratch (second key unused: 0)
    let nF = nPairs;
    for (let i = 0; i < it.n; i++) {
      if (it.kind[i] !== KIND_FUTURE || it.q[i] === 0) continue;
      const c = Math.exp(ry * it.x[i]);
      const units = it.inv[i] === 1 ? (it.q[i] * c) / it.e[i] : it.q[i] * c;
      nF = addKeyed(pm, nPairs, nF, it.x[i], 0, units);
    }
    futCont = pp.futuresContingency * s * Math.min(keyedSum(pm, nPairs, nF, 1), keyedSum(pm, nPairs, nF, -1));
  }
  const gross = gH + gL;
  const som = pp.shortOptionMinimum * s * netShort;
  const optCont = pp.optionContingency * s * (gross === 0 ? 0 : gross);
  return Math.max(scanLoss, som) + optCont + futCont;
}
