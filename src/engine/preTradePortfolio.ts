/**
 * The pre-trade figures of an account margined by the portfolio method after a prospective fill: its positions in
 * canonical order with the filled one in its place (or out, or added), the filled underlying's IM from
 * {@link groupIm} (the other underlyings' IMs as the engine keeps them for a portfolio row, else recomputed),
 * combined as netting combines them. A new option instrument is priced on netting's context without entering the
 * engine's table; the engine is not changed. Internal file of riskcore/engine.
 */
import type { Position } from '../core/model.js';
import type { MarginContext } from '../netting/internal.js';
import { FloatSum, instrumentEntry, instrumentHash } from '../netting/internal.js';
import type { Columns } from './columns.js';
import { KIND_FUTURE, KIND_OPTION, KIND_PERP, KIND_SPOT } from './columns.js';
import type { ValidInstrument } from './events.js';
import type { FigureContext } from './figures.js';
import { positionFigures } from './figures.js';
import { optionCode, optionPosition } from './instruments.js';
import { groupIm } from './portfolio.js';
import { combineGroups } from './portfolioRow.js';
import type { PortfolioState } from './portfolioState.js';

/** The filled position as it would be after the fill. */
export interface AfterFill {
  und: number;
  kind: number;
  ins: ValidInstrument;
  /** Its slot now (−1 none). */
  slot: number;
  /** An option's instrument id in the engine's table (−1 when the table has none yet). */
  inst: number;
  quantity: number;
  entry: number;
  /** The netting position (delta-one; null for an option). */
  position: Position | null;
}

const MM = new Float64Array(1);
/** The positions after the fill in canonical order: slots, and −1 for the filled position (reused scratch). */
const SEQ: number[] = [];

/** Whether the filled position (underlying rank, hash, code, expiry, strike or entry) comes before slot `t`. */
function before(c: Columns, t: number, rank: number, hash: number, code: number, x: number, k2: number): boolean {
  return (
    (rank - c.undRank[c.pUnd[t]] ||
      hash - c.pHash[t] ||
      code - c.pCode[t] ||
      x - c.pExpiry[t] ||
      k2 - (c.pKind[t] === KIND_SPOT ? 0 : c.pEntry[t])) < 0
  );
}

/** IM, MM and the Σ position value of row `r` after the fill, by the portfolio method. */
export function portfolioAfter(
  c: Columns,
  fc: FigureContext,
  pm: PortfolioState,
  host: { context(): MarginContext },
  r: number,
  a: AfterFill,
): { im: number; mm: number; value: FloatSum } {
  const inv = a.ins.inverse ? 1 : 0;
  let inst = -1;
  let code: number;
  let hash: number;
  let k2: number;
  let value: number;
  const x = a.kind === KIND_FUTURE || a.kind === KIND_OPTION ? a.ins.expiry : 0;
  if (a.kind === KIND_OPTION) {
    const terms = {
      und: a.und,
      put: a.ins.put,
      strike: a.ins.strike,
      expiry: x,
      inverse: a.ins.inverse,
      model: a.ins.model,
    };
    inst = a.inst;
    code = optionCode(terms);
    let base: number;
    if (inst >= 0) {
      hash = pm.book.hash[inst];
      base = pm.book.base[inst];
    } else {
      const e = instrumentEntry(host.context(), optionPosition(terms, fc.underlyings, 1));
      pm.tmpRa.set(e.ra);
      inst = -2;
      hash = e.hash;
      base = e.base;
    }
    k2 = a.ins.strike;
    value = a.quantity * base;
  } else {
    code = a.kind === KIND_SPOT ? 20 : a.kind === KIND_PERP ? 16 + inv : 18 + inv;
    k2 = a.kind === KIND_SPOT ? 0 : a.entry;
    hash = instrumentHash(code, k2, x, undefined);
    value = a.position ? positionFigures(a.position, fc)[0] : 0;
  }
  const rank = c.undRank[a.und];
  const seq = SEQ;
  seq.length = 0;
  let placed = a.quantity === 0;
  for (let t = c.head[r]; t >= 0; t = c.pNext[t]) {
    if (t === a.slot) continue;
    if (!placed && before(c, t, rank, hash, code, x, k2)) {
      seq.push(-1);
      placed = true;
    }
    seq.push(t);
  }
  if (!placed) seq.push(-1);
  const sum = new FloatSum();
  const it = pm.items;
  // a portfolio row keeps each group's IM at the group's first slot: the groups the fill does not touch reuse it
  const kept = pm.mode === 'all' || c.nOpt[r] > 0;
  let groups = 0;
  for (let i = 0; i < seq.length; ) {
    const u = seq[i] < 0 ? a.und : c.pUnd[seq[i]];
    if (kept && u !== a.und) {
      pm.actU[groups] = u;
      pm.actIm[groups++] = c.pGIm[seq[i]];
      for (; i < seq.length && seq[i] >= 0 && c.pUnd[seq[i]] === u; i++) sum.add(c.pValue[seq[i]]);
      continue;
    }
    it.n = 0;
    for (; i < seq.length && (seq[i] < 0 ? a.und : c.pUnd[seq[i]]) === u; i++) {
      const t = seq[i];
      if (t >= 0) {
        it.pushSlot(c, t);
        sum.add(c.pValue[t]);
      } else {
        it.push(a.kind, inv, inst, a.quantity, a.kind === KIND_OPTION ? k2 : a.entry, x);
        sum.add(value);
      }
    }
    pm.actU[groups] = u;
    pm.actIm[groups++] = groupIm(fc, pm, u, it);
  }
  const im = combineGroups(fc, pm, pm.actU, pm.actIm, groups, MM);
  return { im, mm: MM[0], value: sum };
}
