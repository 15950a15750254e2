/**
 * An account row under the portfolio method: its groups' IM recomputed ({@link groupIm}) and kept at each group's
 * first slot, and the account aggregated from them — underlyings combined as netting's portfolio method combines
 * them (sum, or correlation with a floor), the position values two-summed in canonical order — then screened.
 * Internal.
 */
import type { Columns } from './columns.js';
import type { FigureContext } from './figures.js';
import type { PortfolioState } from './portfolioState.js';
import { groupIm } from './portfolio.js';
import { screen } from './screen.js';

/** Recompute the IM and MM of the group of slots starting at `k0`; returns the slot after the group (or −1). */
export function refreshGroup(c: Columns, fc: FigureContext, pm: PortfolioState, k0: number): number {
  const u = c.pUnd[k0];
  const it = pm.items;
  it.n = 0;
  let k = k0;
  for (; k >= 0 && c.pUnd[k] === u; k = c.pNext[k]) it.pushSlot(c, k);
  const im = groupIm(fc, pm, u, it);
  c.pGIm[k0] = im;
  c.pGMm[k0] = im * fc.params.mmFactor;
  return k;
}

/** Recompute every group of row `r`. */
export function refreshGroups(c: Columns, fc: FigureContext, pm: PortfolioState, r: number): void {
  for (let k = c.head[r]; k >= 0; ) k = refreshGroup(c, fc, pm, k);
}

/** Recompute the group of row `r` on underlying `u` (if it holds one). */
export function refreshGroupOn(c: Columns, fc: FigureContext, pm: PortfolioState, r: number, u: number): void {
  for (let k = c.head[r]; k >= 0; k = c.pNext[k]) {
    if (c.pUnd[k] === u) {
      refreshGroup(c, fc, pm, k);
      return;
    }
  }
}

/** ρ between underlying indices `a` and `b`: the params' matrix, else the market's, else 1 (netting's `correlationOf`). */
function correlation(fc: FigureContext, pm: PortfolioState, a: number, b: number): number {
  if (a === b) return 1;
  const n = fc.underlyings.length;
  let rho = pm.corr[a * n + b];
  if (Number.isNaN(rho)) {
    rho = 1;
    for (const c of [fc.params.aggregation.correlation, fc.market.correlation]) {
      if (!c) continue;
      const i = c.assets.indexOf(fc.underlyings[a]);
      const j = c.assets.indexOf(fc.underlyings[b]);
      if (i >= 0 && j >= 0) {
        rho = c.matrix[i][j];
        break;
      }
    }
    pm.corr[a * n + b] = rho;
  }
  return rho;
}

/**
 * The pool's IM and MM from the first `n` groups' IMs `ims` (underlyings `us`, name order), MM of each IM ×
 * mmFactor: netting's portfolio `combine`. Returns IM; MM is left in `out[0]`.
 */
export function combineGroups(
  fc: FigureContext,
  pm: PortfolioState,
  us: Int32Array,
  ims: Float64Array,
  n: number,
  out: Float64Array,
): number {
  const f = fc.params.mmFactor;
  let iH = 0;
  let iL = 0;
  let mH = 0;
  let mL = 0;
  let active = 0;
  for (let g = 0; g < n; g++) {
    let x = ims[g];
    if (x > 0) active++;
    let t = iH + x;
    let bp = t - iH;
    iL += iH - (t - bp) + (x - bp);
    iH = t;
    x = x * f;
    t = mH + x;
    bp = t - mH;
    mL += mH - (t - bp) + (x - bp);
    mH = t;
  }
  const sumIm = iH + iL === 0 ? 0 : iH + iL;
  const agg = fc.params.aggregation;
  if (agg.method !== 'correlation' || active < 2) {
    out[0] = mH + mL === 0 ? 0 : mH + mL;
    return sumIm;
  }
  let qH = 0;
  let qL = 0;
  for (let a = 0; a < n; a++) {
    if (!(ims[a] > 0)) continue;
    for (let b = 0; b < n; b++) {
      if (!(ims[b] > 0)) continue;
      const x = correlation(fc, pm, us[a], us[b]) * ims[a] * ims[b];
      const t = qH + x;
      const bp = t - qH;
      qL += qH - (t - bp) + (x - bp);
      qH = t;
    }
  }
  const q = qH + qL === 0 ? 0 : qH + qL;
  const im = Math.max(Math.sqrt(Math.max(q, 0)), (1 - agg.maxCredit) * sumIm);
  out[0] = im * f;
  return im;
}

const MM = new Float64Array(1);

/** Aggregate row `r` from its slots' values and its groups' IMs, store its figures and screen its state. */
export function aggregatePortfolio(c: Columns, r: number, fc: FigureContext, pm: PortfolioState): number {
  const { pNext, pUnd, pValue, pGIm } = c;
  let vHi = 0;
  let vLo = 0;
  let mag = 0;
  let n = 0;
  let k = c.head[r];
  while (k >= 0) {
    const u = pUnd[k];
    pm.actU[n] = u;
    pm.actIm[n++] = pGIm[k];
    for (; k >= 0 && pUnd[k] === u; k = pNext[k]) {
      const x = pValue[k];
      mag += Math.abs(x);
      const t = vHi + x;
      const bp = t - vHi;
      vLo += vHi - (t - bp) + (x - bp);
      vHi = t;
    }
  }
  const im = combineGroups(fc, pm, pm.actU, pm.actIm, n, MM);
  return screen(c, r, im, MM[0], vHi + vLo, mag);
}
