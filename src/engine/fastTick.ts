/**
 * The tick's hot loop: the figures of every position on the ticked underlying recomputed in place, without an
 * allocation, by the same floating-point operations riskcore/greeks and riskcore/netting perform for delta-one
 * positions (`positionGreeksInto`'s value per unit, `deltaOneUnits`, `tierFigures`). The equivalence tests hold
 * the engine to `accountMargin` after every tick, so any drift from those functions fails them. Internal.
 */
import type { MarginTier } from '../netting/index.js';
import type { Columns } from './columns.js';
import { KIND_PERP, KIND_SPOT } from './columns.js';
import type { FigureContext } from './figures.js';
import { tiersOf } from './figures.js';

let tierIm = 0;
/** Σ |position value| of the last {@link aggregateRow} (the screening tolerance's scale). */
export let lastMagnitude = 0;
let tierMm = 0;

/** `tierFigures` into `tierIm`, `tierMm`. */
function tiers(notional: number, ts: readonly MarginTier[]): void {
  const n = Math.abs(notional);
  let im = 0;
  let mm = 0;
  let lo = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    const hi = t.upTo === null ? Number.POSITIVE_INFINITY : t.upTo;
    if (n <= lo) break;
    mm += (Math.min(n, hi) - lo) * t.maintenanceRate;
    im = n * t.initialRate;
    lo = hi;
  }
  tierIm = im;
  tierMm = mm;
}

/**
 * Recompute the figures of every slot on underlying `und` and append each account holding one to `touched` once
 * (`epoch` marks the accounts already listed).
 */
export function tickSlots(c: Columns, und: number, fc: FigureContext, touched: number[], epoch: number): void {
  const list = c.byUnderlying[und];
  if (!list) return;
  const name = fc.underlyings[und];
  const a = fc.market.assets[name];
  const s = a.price;
  const mk = a.mark ?? a.price;
  const ry = (fc.market.rate ?? 0) - (a.dividendYield ?? 0);
  const standard = fc.method === 'standard';
  const ts = tiersOf(fc, und);
  const { slots, n } = list;
  const { pKind, pInverse, pQty, pEntry, pExpiry, pValue, pD1, pIm, pMm, pAcct, epoch: ep } = c;
  for (let i = 0; i < n; i++) {
    const k = slots[i];
    const q = pQty[k];
    let unit: number;
    let d1: number;
    const kind = pKind[k];
    if (kind === KIND_SPOT) {
      unit = s + 0;
      d1 = q;
    } else if (kind === KIND_PERP) {
      const e = pEntry[k];
      if (pInverse[k] === 1) {
        unit = mk / e - 1 + 0;
        d1 = (q * (mk / s)) / e;
      } else {
        unit = mk - e + 0;
        d1 = q * (mk / s);
      }
    } else {
      const e = pEntry[k];
      const cc = Math.exp(ry * pExpiry[k]);
      const f = s * cc;
      if (pInverse[k] === 1) {
        unit = f / e - 1 + 0;
        d1 = (q * cc) / e;
      } else {
        unit = f - e + 0;
        d1 = q * cc;
      }
    }
    pValue[k] = q * unit;
    pD1[k] = d1;
    if (standard) {
      tiers(d1 * s, ts);
      pIm[k] = tierIm;
      pMm[k] = tierMm;
    }
    const r = pAcct[k];
    if (ep[r] !== epoch) {
      ep[r] = epoch;
      touched.push(r);
    }
  }
}

/**
 * An account's IM, MM and float position value from its cached position figures, grouped by underlying in chain
 * order, every sum the two-sum of `FloatSum` (hi + lo, rounded once at the end) kept in locals.
 */
export function aggregateRow(c: Columns, r: number, fc: FigureContext): void {
  const { pNext, pUnd, pValue, pD1, pIm, pMm } = c;
  const standard = fc.method === 'standard';
  let vHi = 0;
  let vLo = 0;
  let mag = 0;
  let iHi = 0;
  let iLo = 0;
  let mHi = 0;
  let mLo = 0;
  let k = c.head[r];
  while (k >= 0) {
    const u = pUnd[k];
    let gIh = 0;
    let gIl = 0;
    let gMh = 0;
    let gMl = 0;
    let dH = 0;
    let dL = 0;
    for (; k >= 0 && pUnd[k] === u; k = pNext[k]) {
      let x = pValue[k];
      mag += Math.abs(x);
      let t = vHi + x;
      let bp = t - vHi;
      vLo += vHi - (t - bp) + (x - bp);
      vHi = t;
      x = pD1[k];
      t = dH + x;
      bp = t - dH;
      dL += dH - (t - bp) + (x - bp);
      dH = t;
      if (standard) {
        x = pIm[k];
        t = gIh + x;
        bp = t - gIh;
        gIl += gIh - (t - bp) + (x - bp);
        gIh = t;
        x = pMm[k];
        t = gMh + x;
        bp = t - gMh;
        gMl += gMh - (t - bp) + (x - bp);
        gMh = t;
      }
    }
    let gi: number;
    let gm: number;
    if (standard) {
      gi = gIh + gIl;
      gm = gMh + gMl;
    } else {
      let net = dH + dL;
      if (net === 0) net = 0;
      tiers(net * fc.prices[u], tiersOf(fc, u));
      // a FloatSum of one term: hi = 0 + x, lo = 0
      gi = tierIm + 0;
      gm = tierMm + 0;
    }
    if (gi === 0) gi = 0;
    if (gm === 0) gm = 0;
    let t = iHi + gi;
    let bp = t - iHi;
    iLo += iHi - (t - bp) + (gi - bp);
    iHi = t;
    t = mHi + gm;
    bp = t - mHi;
    mLo += mHi - (t - bp) + (gm - bp);
    mHi = t;
  }
  const im = iHi + iLo;
  const mm = mHi + mLo;
  const v = vHi + vLo;
  lastMagnitude = mag;
  c.im[r] = im === 0 ? 0 : im;
  c.mm[r] = mm === 0 ? 0 : mm;
  c.value[r] = v === 0 ? 0 : v;
}
