/**
 * Pre-trade check on the engine: the account's IM, MM, equity and free collateral after a fill, from the cached
 * figures of its other positions, without touching the engine's state. Accepted when the settlement cash covers
 * the fill and free collateral stays ≥ 0, or when the fill does not raise the initial margin (risk-reducing).
 * Internal file of riskcore/engine.
 */
import { RiskInputError } from '../core/errors.js';
import { Money } from '../core/money.js';
import { checkNumber, checkStrictObject, joinPath, knownKeys } from '../core/validate.js';
import type { Position } from '../core/model.js';
import { KIND_FUTURE, KIND_PERP, KIND_SPOT } from './columns.js';
import type { Columns } from './columns.js';
import { fillOutcome } from './fill.js';
import type { FigureContext, FigureList } from './figures.js';
import { aggregate, positionFigures } from './figures.js';
import type { PreTradeOrder, PreTradeResult } from './types.js';
import type { validateInstrument } from './events.js';
import { PRICE } from './events.js';

/** What the check reads of the engine. */
export interface PreTradeHost {
  c: Columns;
  fc: FigureContext;
  scale: Money;
  undIndex: Map<string, number>;
  rowOf(id: unknown, path: string): number;
  instrumentOf(v: unknown, path: string): ReturnType<typeof validateInstrument>;
  collateralExact(r: number, settle?: bigint): Money;
}

const ORDER = knownKeys('instrument', 'quantity', 'price');
const money = (x: number): Money => new Money(x === 0 ? 0 : x);

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
  const kind = ins.kind === 'spot' ? KIND_SPOT : ins.kind === 'perp' ? KIND_PERP : KIND_FUTURE;
  const und = engine.undIndex.get(ins.underlying) as number;
  const s = c.find(r, und, kind, ins.inverse ? 1 : 0, ins.expiry);
  const out = fillOutcome(
    kind === KIND_SPOT,
    ins.inverse,
    s >= 0 ? c.pQty[s] : 0,
    s >= 0 ? c.pEntry[s] : Number.NaN,
    dq,
    price,
    engine.scale,
  );
  const after: Position | null =
    out.quantity === 0
      ? null
      : ({
          kind: ins.kind,
          underlying: ins.underlying,
          quantity: out.quantity,
          ...(ins.kind === 'spot' ? {} : { settlement: ins.inverse ? 'inverse' : 'linear', entryPrice: out.entry }),
          ...(ins.kind === 'future' ? { expiry: ins.expiry } : {}),
        } as Position);
  // the account's figures in group-major order with the filled position in its place (or after its group)
  const list: FigureList = { und: [], f: [] };
  let placed = after === null || s >= 0;
  for (let t = c.head[r]; t >= 0; t = c.pNext[t]) {
    if (t === s) {
      if (after) {
        list.und.push(und);
        list.f.push(positionFigures(after, fc));
      }
    } else {
      list.und.push(c.pUnd[t]);
      list.f.push([c.pValue[t], c.pD1[t], c.pIm[t], c.pMm[t]]);
    }
    const next = c.pNext[t];
    if (!placed && c.pUnd[t] === und && (next < 0 || c.pUnd[next] !== und)) {
      list.und.push(und);
      list.f.push(positionFigures(after as Position, fc));
      placed = true;
    }
  }
  if (!placed) {
    list.und.push(und);
    list.f.push(positionFigures(after as Position, fc));
  }
  const g = aggregate(list, fc);
  const cashOk = c.cash[0][r] + out.cashDelta >= 0n;
  const equity = engine.collateralExact(r, cashOk ? out.cashDelta : 0n).plus(g.value.decimal());
  const initialMargin = money(g.im);
  const freeCollateral = equity.minus(initialMargin);
  const reducing = g.im <= c.im[r];
  const accepted = cashOk && (freeCollateral.gte(0) || reducing);
  const res: PreTradeResult = {
    accepted,
    initialMargin,
    maintenanceMargin: money(g.mm),
    equity,
    freeCollateral,
  };
  if (!cashOk) res.reason = 'the settlement cash does not cover the fill';
  else if (!accepted) res.reason = 'free collateral after the fill would be negative';
  return res;
}
