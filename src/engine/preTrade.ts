/**
 * Pre-trade check on the engine: the account's IM, MM, equity and free collateral after a fill, from the cached
 * figures of its other positions, without touching the engine's state. Accepted when the settlement cash covers
 * the fill and free collateral stays ≥ 0, or when the fill does not raise the initial margin (risk-reducing).
 * Internal file of riskcore/engine.
 */
import { RiskInputError } from '../core/errors.js';
import type { Money } from '../core/money.js';
import { checkNumber, checkStrictObject, knownKeys } from '../core/validate.js';
import type { Position } from '../core/model.js';
import { KIND_OPTION, KIND_SPOT } from './columns.js';
import type { Columns } from './columns.js';
import { fillOutcome } from './fill.js';
import type { FigureContext } from './figures.js';
import { FigureList, aggregate, positionFigures } from './figures.js';
import type { PreTradeOrder, PreTradeResult } from './types.js';
import { PreTradeFigures, preTradeResult } from './preTradeFigures.js';
import type { ValidInstrument } from './events.js';
import { PRICE } from './events.js';
import { kindCode, optionState, optionTerms } from './fillEvent.js';
import type { MarginContext } from '../netting/internal.js';
import { floatSumMagnitude } from '../netting/internal.js';
import { portfolioAfter } from './preTradePortfolio.js';

/** What the check reads of the engine. */
export interface PreTradeHost {
  c: Columns;
  fc: FigureContext;
  scale: Money;
  cuts: readonly Money[];
  cutFloats: readonly number[];
  scaleFloat: number;
  undIndex: Map<string, number>;
  rowOf(id: unknown, path: string): number;
  instrumentOf(v: unknown, path: string): ValidInstrument;
  context(): MarginContext;
}

const ORDER = knownKeys('instrument', 'quantity', 'price');

/** The work of `engine.preTrade`. */
export function preTradeCheck(engine: PreTradeHost, accountId: string, order: PreTradeOrder): PreTradeResult {
  const r = engine.rowOf(accountId, 'accountId');
  const o = checkStrictObject(order, 'order', ORDER);
  const ins = engine.instrumentOf(o.instrument, 'order.instrument');
  const dq = checkNumber(o.quantity, 'order.quantity', { ge: -1e15, le: 1e15 });
  if (dq === 0) throw new RiskInputError('order.quantity', 'a non-zero quantity', dq);
  const price = checkNumber(o.price, 'order.price', PRICE);
  const c = engine.c;
  const fc = engine.fc;
  const kind = kindCode(ins.kind);
  const pm = kind === KIND_OPTION ? optionState(fc, ins, 'order.instrument') : fc.pm;
  const inst = kind === KIND_OPTION ? (pm?.book.lookup(optionTerms(engine.undIndex, ins)) ?? -1) : -1;
  const und = engine.undIndex.get(ins.underlying) as number;
  const s = kind === KIND_OPTION && inst < 0 ? -1 : c.find(r, und, kind, ins.inverse ? 1 : 0, ins.expiry, inst);
  const out = fillOutcome(
    kind === KIND_SPOT || kind === KIND_OPTION,
    ins.inverse,
    s >= 0 ? c.pQty[s] : 0,
    s >= 0 ? c.pEntry[s] : Number.NaN,
    dq,
    price,
    engine.scale,
  );
  const options = c.nOpt[r] + (kind !== KIND_OPTION ? 0 : s < 0 ? 1 : out.quantity === 0 ? -1 : 0);
  const g =
    pm !== null && (pm.mode === 'all' || options > 0)
      ? portfolioAfter(c, fc, pm, engine, r, {
          und,
          kind,
          ins,
          slot: s,
          inst,
          quantity: out.quantity,
          entry: out.entry,
          position: kind === KIND_OPTION || out.quantity === 0 ? null : positionAfter(ins, out),
        })
      : deltaOneAfter(c, fc, r, und, s, out.quantity === 0 ? null : positionAfter(ins, out));
  const cash0 = c.cash[0][r];
  const cashOk = cash0 + out.cashDelta >= 0n;
  // the cash after the fill, exact (for the figures) and as the screen's float collateral
  const nCash = engine.cutFloats.length;
  const units: bigint[] = new Array(nCash);
  let coll = 0;
  for (let k = 0; k < nCash; k++) {
    const u = k === 0 ? (cashOk ? cash0 + out.cashDelta : cash0) : c.cash[k][r];
    units[k] = u;
    if (u !== 0n) coll += (Number(u) / engine.scaleFloat) * engine.cutFloats[k];
  }
  const f = new PreTradeFigures(engine, units, g.value, g.im, g.mm);
  let accepted = cashOk;
  if (cashOk && g.im > c.im[r]) {
    // not risk-reducing: free collateral must stay ≥ 0, decided in floats unless equity lies within the floats'
    // error of IM (then on the exact figures)
    const eq = coll + g.value.value();
    const tol = (Math.abs(coll) + floatSumMagnitude(g.value) + g.im) * 2 ** -40 + 1e-300;
    accepted = Math.abs(eq - g.im) > tol ? eq >= g.im : f.freeCollateral().gte(0);
  }
  return preTradeResult(
    accepted,
    !cashOk
      ? 'the settlement cash does not cover the fill'
      : accepted
        ? undefined
        : 'free collateral after the fill would be negative',
    f,
  );
}

/** The delta-one position after a fill (`out` of {@link fillOutcome}). */
function positionAfter(ins: ValidInstrument, out: { quantity: number; entry: number }): Position {
  return {
    kind: ins.kind,
    underlying: ins.underlying,
    quantity: out.quantity,
    ...(ins.kind === 'spot' ? {} : { settlement: ins.inverse ? 'inverse' : 'linear', entryPrice: out.entry }),
    ...(ins.kind === 'future' ? { expiry: ins.expiry } : {}),
  } as Position;
}

/** The scratch list of {@link deltaOneAfter}. */
const LIST = new FigureList();

/** Append a position's {@link positionFigures}. */
function pushFigures(list: FigureList, u: number, f: [number, number, number, number]): void {
  list.push(u, f[0], f[1], f[2], f[3]);
}

/**
 * A delta-one account's figures after the fill (standard or cross): its slots' cached figures in chain order with
 * the filled position (`after`, null when closed) in its place, or after its group.
 */
function deltaOneAfter(
  c: Columns,
  fc: FigureContext,
  r: number,
  und: number,
  s: number,
  after: Position | null,
): ReturnType<typeof aggregate> {
  const list = LIST;
  list.n = 0;
  let placed = after === null || s >= 0;
  for (let t = c.head[r]; t >= 0; t = c.pNext[t]) {
    if (t === s) {
      if (after) pushFigures(list, und, positionFigures(after, fc));
    } else list.push(c.pUnd[t], c.pValue[t], c.pD1[t], c.pIm[t], c.pMm[t]);
    const next = c.pNext[t];
    if (!placed && c.pUnd[t] === und && (next < 0 || c.pUnd[next] !== und)) {
      pushFigures(list, und, positionFigures(after as Position, fc));
      placed = true;
    }
  }
  if (!placed) pushFigures(list, und, positionFigures(after as Position, fc));
  return aggregate(list, fc);
}
