/**
 * The tick's hot loop: the figures of every position on the ticked underlying recomputed in place, without an
 * allocation, by the same floating-point operations riskcore/greeks and riskcore/netting perform for delta-one
 * positions (`positionGreeksInto`'s value per unit, `deltaOneUnits`, `tierFigures`). The equivalence tests hold
 * the engine to `accountMargin` after every tick, so any drift from those functions fails them. Internal.
 */
import type { Columns } from './columns.js';
import { KIND_OPTION, KIND_PERP, KIND_SPOT } from './columns.js';
import type { FigureContext } from './figures.js';
import { tierColumnsOf } from './figures.js';
import { aggregatePortfolio, refreshGroup } from './portfolioRow.js';
import { screen } from './screen.js';

/**
 * A tick on underlying `und`, in one pass over its slot list: at the first slot of each account (`epoch` marks the
 * accounts already done) every slot of the account on `und` is recomputed in place, then the account is
 * aggregated and screened ({@link aggregateRow}) while its slots are in cache. Only the accounts whose screen
 * differs from their margin state or is undecided (−1) are listed, in `c.touched` with their screens in
 * `c.screens`, in the order met: the others keep their state and need nothing more.
 */
export function tickRows(c: Columns, und: number, fc: FigureContext, epoch: number): void {
  const list = c.byUnderlying[und];
  if (!list) return;
  const name = fc.underlyings[und];
  const a = fc.market.assets[name];
  // per-tick constants: the spot unit value, the mark and its ratio to the index, the carry rate, the tiers
  const s = a.price;
  const spotUnit = s + 0;
  const mk = a.mark ?? a.price;
  const ratio = mk / s;
  const ry = (fc.market.rate ?? 0) - (a.dividendYield ?? 0);
  const standard = fc.method === 'standard';
  const { hi: th, mr, ir } = tierColumnsOf(fc, und);
  const nt = th.length;
  const { slots, n } = list;
  const {
    pKind,
    pInverse,
    pQty,
    pEntry,
    pExpiry,
    pValue,
    pD1,
    pIm,
    pMm,
    pAcct,
    pUnd,
    pNext,
    head,
    state,
    epoch: ep,
    pInst,
    nOpt,
  } = c;
  const pm = fc.pm;
  const allPm = pm !== null && pm.mode === 'all';
  const optBase = pm === null ? null : pm.book.base;
  // every account of the list fits in the scratch: no growth check in the loop
  if (c.touched.length < c.touchedCount + n) {
    const size = Math.max(c.touched.length * 2, c.touchedCount + n);
    const t = new Int32Array(size);
    t.set(c.touched.subarray(0, c.touchedCount));
    c.touched = t;
  }
  if (c.screens.length < c.touched.length) c.screens = new Int8Array(c.touched.length);
  const { touched, screens } = c;
  let tc = c.touchedCount;
  for (let i = 0; i < n; i++) {
    const r = pAcct[slots[i]];
    if (ep[r] === epoch) continue;
    ep[r] = epoch;
    let first = -1;
    for (let k = head[r]; k >= 0; k = pNext[k]) {
      if (pUnd[k] !== und) continue;
      if (first < 0) first = k;
      const q = pQty[k];
      let unit: number;
      let d1: number;
      const kind = pKind[k];
      if (kind === KIND_OPTION) {
        pValue[k] = q * (optBase as Float64Array)[pInst[k]];
        continue;
      }
      if (kind === KIND_PERP) {
        const e = pEntry[k];
        if (pInverse[k] === 1) {
          unit = mk / e - 1 + 0;
          d1 = (q * ratio) / e;
        } else {
          unit = mk - e + 0;
          d1 = q * ratio;
        }
      } else if (kind === KIND_SPOT) {
        unit = spotUnit;
        d1 = q;
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
        // tierFigures of the position's notional alone
        const nn = Math.abs(d1 * s);
        let im = 0;
        let mm = 0;
        let lo = 0;
        for (let j = 0; j < nt; j++) {
          const hi = th[j];
          if (nn <= lo) break;
          mm += (Math.min(nn, hi) - lo) * mr[j];
          im = nn * ir[j];
          lo = hi;
        }
        pIm[k] = im;
        pMm[k] = mm;
      }
    }
    let sc: number;
    if (pm !== null && (allPm || nOpt[r] > 0)) {
      refreshGroup(c, fc, pm, first);
      sc = aggregatePortfolio(c, r, fc, pm);
    } else sc = standard ? aggregateStandard(c, r) : aggregateCross(c, r, fc);
    if (sc < 0 || sc !== state[r]) {
      touched[tc] = r;
      screens[tc++] = sc;
    }
  }
  c.touchedCount = tc;
}

/**
 * Aggregate an account (its IM, MM and float position value from the cached position figures, grouped by
 * underlying in chain order, every sum the two-sum of `FloatSum` — hi + lo, rounded once — kept in locals) and
 * screen its margin state against `collateral` (the exact collateral value as a float): 0 healthy, 1 margin call,
 * 2 liquidatable, −1 when equity lies too near IM or MM for floats to tell (the caller decides exactly).
 */
export function aggregateRow(c: Columns, r: number, fc: FigureContext): number {
  const pm = fc.pm;
  if (pm !== null && (pm.mode === 'all' || c.nOpt[r] > 0)) return aggregatePortfolio(c, r, fc, pm);
  return fc.method === 'standard' ? aggregateStandard(c, r) : aggregateCross(c, r, fc);
}

/** {@link aggregateRow} under the standard method: each group's IM and MM the two-sums of its slots' figures. */
function aggregateStandard(c: Columns, r: number): number {
  const { pNext, pUnd, pValue, pIm, pMm } = c;
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
    let gi = 0;
    let gIl = 0;
    let gm = 0;
    let gMl = 0;
    for (; k >= 0 && pUnd[k] === u; k = pNext[k]) {
      let x = pValue[k];
      mag += Math.abs(x);
      let t = vHi + x;
      let bp = t - vHi;
      vLo += vHi - (t - bp) + (x - bp);
      vHi = t;
      x = pIm[k];
      t = gi + x;
      bp = t - gi;
      gIl += gi - (t - bp) + (x - bp);
      gi = t;
      x = pMm[k];
      t = gm + x;
      bp = t - gm;
      gMl += gm - (t - bp) + (x - bp);
      gm = t;
    }
    gi += gIl;
    gm += gMl;
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
  return screen(c, r, iHi + iLo, mHi + mLo, vHi + vLo, mag);
}

/**
 * {@link aggregateRow} under the cross method: each group's delta-one units two-summed, the net notional put on the
 * underlying's tiers (the group's FloatSum of one term is the term itself).
 */
function aggregateCross(c: Columns, r: number, fc: FigureContext): number {
  const { pNext, pUnd, pValue, pD1 } = c;
  const prices = fc.prices;
  const cols = fc.tierColumns;
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
    }
    const n = Math.abs((dH + dL) * prices[u]);
    const tc = cols[u] ?? tierColumnsOf(fc, u);
    const { hi: th, mr, ir } = tc;
    let gi: number;
    let gm: number;
    if (n <= th[0]) {
      // inside the first tier: the loop's one step, 0 + (n − 0)·rate, is n·rate
      gm = n * mr[0];
      gi = n * ir[0];
    } else {
      gi = 0;
      gm = 0;
      let lo = 0;
      for (let j = 0; j < th.length; j++) {
        const hi = th[j];
        if (n <= lo) break;
        gm += (Math.min(n, hi) - lo) * mr[j];
        gi = n * ir[j];
        lo = hi;
      }
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
  return screen(c, r, iHi + iLo, mHi + mLo, vHi + vLo, mag);
}
