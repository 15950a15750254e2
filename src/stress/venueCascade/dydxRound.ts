/**
 * Internal: one round (block) of {@link simulateDydxCascade} on validated state — liquidation orders at the
 * fillable price matched against the book, the insurance-fund delta of each fill, and deleveraging at the
 * bankruptcy price of the subaccounts whose orders did not fill while their net collateral is negative.
 */
import { Money } from '../../core/money.js';
import {
  type DydxPerpKernel,
  type DydxSubKernel,
  dydxAccountRiskKernel,
  dydxBankruptcyQuote,
  dydxCheckUpdate,
  dydxFillQuote,
  dydxFillablePriceKernel,
  dydxInsuranceFundDeltaKernel,
  dydxNetNotional,
} from '../../perps/internal.js';
import { dydxFillablePriceToSubticks } from '../../perps/index.js';
import type { DydxCascadeDeleveraging, DydxCascadeFill } from './dydxTypes.js';
import type { MarketTrack } from './marketTrack.js';

/** A subaccount as the cascade holds it: settled USDC and the size per perpetual id. */
export interface DydxAcc {
  id: string;
  usdc: bigint;
  q: Map<number, bigint>;
  customImf: ReadonlyMap<number, bigint>;
}

/** A perpetual's book: its track and CLOB pair. */
export interface DydxBook {
  track: MarketTrack;
  qce: number;
  spt: bigint;
}

export interface DydxRoundConfig {
  ba: bigint;
  smmr: bigint;
  maxFee: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
const MAX_ITERATE = 128;

/** The kernel subaccount of `a` at the perpetuals `perps` (positions by perpetual id). */
export function subOf(a: DydxAcc, perps: Map<number, DydxPerpKernel>): DydxSubKernel {
  const ids = [...a.q.keys()].sort((x, y) => x - y);
  const positions = ids.map((id) => {
    const perp = perps.get(id) as DydxPerpKernel;
    return { perp, quantums: a.q.get(id) as bigint, fundingIndex: perp.fundingIndex };
  });
  return { usdc: a.usdc, positions, customImf: a.customImf };
}

/** Write a kernel subaccount back into the cascade's account. */
function store(a: DydxAcc, s: DydxSubKernel): void {
  a.usdc = s.usdc;
  a.q = new Map(s.positions.filter((p) => p.quantums !== 0n).map((p) => [p.perp.id, p.quantums]));
}

/** Subticks of a USD price: P · 10^(atomicResolution + 6 − qce), rounded down (sale) or up (buy) onto the tick grid. */
export function priceToSubticks(p: Money, perp: DydxPerpKernel, book: DydxBook, sale: boolean): bigint {
  const x = p.mul(new Money(`1e${perp.atomicResolution + 6 - book.qce}`));
  const n = BigInt((sale ? x.floor() : x.ceil()).toFixed(0));
  let t = n / book.spt;
  if (!sale && t * book.spt !== n) t += 1n;
  return t * book.spt > book.spt ? t * book.spt : book.spt;
}

interface Order {
  a: DydxAcc;
  perpId: number;
  q: bigint;
  limit: bigint;
  /** |limit − oracle| / oracle as num / den, and the order's notional. */
  num: bigint;
  den: bigint;
  notional: bigint;
}

/** Outcome of a round's matching: fills, deleveragings and the money moved. */
export interface DydxRoundOutcome {
  liquidatable: string[];
  fills: DydxCascadeFill[];
  deleveragings: DydxCascadeDeleveraging[];
  bookQuote: bigint;
  fees: bigint;
  covered: bigint;
  adl: bigint;
  fund: bigint;
}

/**
 * The liquidation orders of the liquidatable subaccounts (NC < MMR), one per subaccount on its position of lowest
 * perpetual id, sorted as `SortLiquidationOrders` does: |fillable − oracle| / oracle descending, then notional
 * descending, then id (the order hash's stand-in).
 */
function liquidationOrders(
  accs: DydxAcc[],
  perps: Map<number, DydxPerpKernel>,
  books: Map<number, DydxBook>,
  cfg: DydxRoundConfig,
): Order[] {
  const orders: Order[] = [];
  for (const a of accs) {
    if (a.q.size === 0) continue;
    const s = subOf(a, perps);
    const r = dydxAccountRiskKernel(s);
    if (!(r.maintenanceMargin > 0n && r.netCollateral < r.maintenanceMargin)) continue;
    const pos = s.positions[0];
    const book = books.get(pos.perp.id) as DydxBook;
    const f = dydxFillablePriceKernel(s, pos, cfg.ba, cfg.smmr);
    const limit = dydxFillablePriceToSubticks(f, {
      quantumConversionExponent: book.qce,
      subticksPerTick: Number(book.spt),
      liquidating: pos.quantums > 0n ? 'long' : 'short',
    });
    // oracle in subticks = price · 10^(pe + ar + 6 − qce) = on / od
    const e = pos.perp.priceExponent + pos.perp.atomicResolution + 6 - book.qce;
    const on = e >= 0 ? pos.perp.price * 10n ** BigInt(e) : pos.perp.price;
    const od = e >= 0 ? 1n : 10n ** BigInt(-e);
    orders.push({
      a,
      perpId: pos.perp.id,
      q: pos.quantums,
      limit,
      num: abs(limit * od - on),
      den: on,
      notional: abs(dydxNetNotional(pos.perp, pos.quantums)),
    });
  }
  orders.sort(
    (x, y) =>
      cmp(y.num * x.den, x.num * y.den) ||
      cmp(y.notional, x.notional) ||
      (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0),
  );
  return orders;
}

/** Deleverage the whole position of `a` in `perpId` against the other subaccounts holding the opposite side. */
function deleverage(
  a: DydxAcc,
  perpId: number,
  accs: DydxAcc[],
  perps: Map<number, DydxPerpKernel>,
  out: DydxCascadeDeleveraging[],
): bigint {
  const perp = perps.get(perpId) as DydxPerpKernel;
  let remaining = -(a.q.get(perpId) ?? 0n);
  let adl = 0n;
  const offs = accs.filter((o) => o !== a && (o.q.get(perpId) ?? 0n) !== 0n);
  const n = Math.min(offs.length, MAX_ITERATE);
  for (let i = 0; i < n && remaining !== 0n; i++) {
    const off = offs[i];
    const oq = off.q.get(perpId) ?? 0n;
    if (oq === 0n || oq > 0n !== remaining > 0n) continue;
    const delta = abs(remaining) > abs(oq) ? oq : remaining;
    const liq = subOf(a, perps);
    const pos = liq.positions.find((p) => p.perp.id === perpId) ?? liq.positions[0];
    const quote = dydxBankruptcyQuote(liq, pos, delta);
    const x = dydxCheckUpdate(liq, perp, delta, quote);
    const y = dydxCheckUpdate(subOf(off, perps), perp, -delta, -quote);
    if (x.result !== 'success' || y.result !== 'success') continue;
    store(a, x.next);
    store(off, y.next);
    remaining -= delta;
    const charge = quote - dydxNetNotional(perp, -delta);
    adl += charge;
    out.push({
      id: a.id,
      offsettingId: off.id,
      perpetualId: perpId,
      deltaQuantums: delta,
      quoteQuantums: quote,
      adlQuantums: charge,
    });
  }
  return adl;
}

/** Match the round's liquidation orders against the books, then deleverage; mutates accounts and books. */
export function dydxRound(
  accs: DydxAcc[],
  perps: Map<number, DydxPerpKernel>,
  books: Map<number, DydxBook>,
  cfg: DydxRoundConfig,
  fundStart: bigint,
): DydxRoundOutcome {
  const orders = liquidationOrders(accs, perps, books, cfg);
  const fills: DydxCascadeFill[] = [];
  const toDeleverage: Order[] = [];
  let fund = fundStart;
  let bookQuote = 0n;
  let fees = 0n;
  let covered = 0n;
  for (const o of orders) {
    const perp = perps.get(o.perpId) as DydxPerpKernel;
    const book = books.get(o.perpId) as DydxBook;
    const sale = o.q > 0n;
    const units = new Money(`${o.q}e${perp.atomicResolution}`);
    const trade = book.track.quote(units);
    const subticks = priceToSubticks(trade.exec, perp, book, sale);
    const s = subOf(o.a, perps);
    const pos = s.positions[0];
    const size = abs(o.q);
    const ifd = (sale ? subticks >= o.limit : subticks <= o.limit)
      ? dydxInsuranceFundDeltaKernel(s, pos, sale ? 'sell' : 'buy', size, subticks, book.qce, cfg.maxFee)
      : null;
    if (ifd === null || fund + ifd < 0n) {
      toDeleverage.push(o);
      continue;
    }
    const fq = dydxFillQuote(subticks, size, book.qce);
    const quote = sale ? fq : -fq;
    o.a.usdc += quote - ifd;
    o.a.q.delete(o.perpId);
    fund += ifd;
    bookQuote += quote;
    if (ifd > 0n) fees += ifd;
    else covered -= ifd;
    book.track.commit(trade);
    fills.push({
      id: o.a.id,
      perpetualId: o.perpId,
      deltaQuantums: -o.q,
      fillableSubticks: o.limit,
      subticks,
      quoteQuantums: quote,
      insuranceFundDelta: ifd,
    });
  }
  const deleveragings: DydxCascadeDeleveraging[] = [];
  let adl = 0n;
  for (const o of toDeleverage) {
    if (!o.a.q.has(o.perpId)) continue;
    if (dydxAccountRiskKernel(subOf(o.a, perps)).netCollateral >= 0n) continue; // CanDeleverageSubaccount
    adl += deleverage(o.a, o.perpId, accs, perps, deleveragings);
  }
  return { liquidatable: orders.map((o) => o.a.id), fills, deleveragings, bookQuote, fees, covered, adl, fund };
}
