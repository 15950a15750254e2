/**
 * Isolated positions in the engine: each isolated spot, perp or future position of an account is a pool of its own
 * (riskcore/netting's `marginMode: 'isolated'` position, margined alone with the collateral it carries), held as a
 * row of the columns of its own, opened after the account's row and holding the account's id (so the id finds the
 * account's row, never a pool's), found through {@link IsolatedPools}. A tick or
 * funding reaches the pool row through the slot lists as it reaches any row; a fill or a transfer of margin changes
 * the pool row; closing the position moves the pool's remaining cash back to the account's cross pool. The
 * account's figures add its pools up as netting's `accountMargin` does (equity in pool order, margins by an exact
 * sum). Internal file of riskcore/engine.
 */
import { RiskInputError } from '../core/errors.js';
import { Money } from '../core/money.js';
import type { AccountPosition, CollateralHolding } from '../netting/index.js';
import type { MarginContext } from '../netting/internal.js';
import { exactSum, poolCollateral } from '../netting/internal.js';
import type { Columns } from './columns.js';
import type { EngineConfig } from './config.js';
import type { EngineInstrument, ValidEvent, ValidInstrument } from './events.js';
import { instrumentRecord, validateInstrument } from './events.js';
import type { FillHost } from './fillEvent.js';
import type { PreTradeHost } from './preTrade.js';
import { applyFill } from './fillEvent.js';
import { fillOutcome } from './fill.js';
import type { FigureContext } from './figures.js';
import type { IdIndex } from './idIndex.js';
import { slotPosition, valueSum } from './figures.js';
import type { EngineMarginResult, PoolMargin, Transition } from './types.js';

const STATES = ['healthy', 'marginCall', 'liquidatable'] as const;
const TRANSITIONS = ['recovered', 'marginCall', 'liquidatable'] as const;
const money = (x: number): Money => new Money(x === 0 ? 0 : x);

/** The isolated pools of the engine's accounts. */
export class IsolatedPools {
  /** Account row → its pool rows, in the order they were opened. */
  readonly byOwner = new Map<number, number[]>();
  /** Pool row → account row. */
  readonly owner = new Map<number, number>();
  /** Pool row → the instrument (record form, `marginMode: 'isolated'`), in the order the pools were opened. */
  readonly instrument = new Map<number, EngineInstrument>();
  /** `<account row> <instrument record>` → pool row. */
  private readonly byKey = new Map<string, number>();

  /** Register pool row `p` of account row `r`. */
  add(r: number, p: number, instrument: EngineInstrument): void {
    const list = this.byOwner.get(r);
    if (list) list.push(p);
    else this.byOwner.set(r, [p]);
    this.owner.set(p, r);
    this.instrument.set(p, instrument);
    this.byKey.set(poolKey(r, instrument), p);
  }

  /** The pool row of account row `r` on an instrument, or undefined. */
  find(r: number | undefined, ins: ValidInstrument): number | undefined {
    return r === undefined ? undefined : this.byKey.get(poolKey(r, instrumentRecord({ ...ins, isolated: true })));
  }
}

const poolKey = (r: number, instrument: EngineInstrument): string => `${r} ${JSON.stringify(instrument)}`;

/** What the isolated-pool operations read and change of the engine. */
export interface PoolHost extends FillHost {
  rows: IdIndex;
  cfg: EngineConfig;
  ids: string[];
  pools: IsolatedPools;
  updateCollateral(r: number): void;
}

/** Whether row `r` is an isolated position that is open (closed pools hold neither a position nor cash). */
export const isOpen = (c: Columns, p: number): boolean => c.head[p] >= 0;

/** Whether an account row has an open isolated position. */
export function hasOpenPool(host: { c: Columns; pools: IsolatedPools }, r: number | undefined): boolean {
  if (r === undefined) return false;
  return (host.pools.byOwner.get(r) ?? []).some((p) => isOpen(host.c, p));
}

/** A new pool row of account row `r` (its id the account's: the index keeps finding the account's row first). */
function openPool(host: PoolHost, r: number, ins: ValidInstrument): number {
  const p = host.c.addAccount();
  host.ids.push(host.ids[r]);
  host.rows.add(host.ids[r]);
  host.pools.add(r, p, instrumentRecord(ins));
  return p;
}

/**
 * A fill of an isolated position: settled from and margined in the pool's own collateral. Under method `'auto'` an
 * account holding options cannot isolate (netting would margin every pool by the portfolio method). Returns the
 * rows touched, or the reason the fill is refused.
 */
export function isolatedFill(
  host: PoolHost,
  e: Extract<ValidEvent, { type: 'fill' }>,
  path: string,
): number[] | string {
  const had = host.rows.get(e.account);
  if (host.fc.pm?.mode === 'auto' && had !== undefined && host.c.nOpt[had] > 0)
    return "an isolated position beside options under method 'auto' (every pool would be portfolio-margined)";
  const c = host.c;
  const margin = e.margin === null ? 0n : cashUnits(e.margin, host.scale, `${path}.margin`);
  if (margin > (had === undefined ? 0n : c.cash[0][had])) return 'the cross cash does not cover the margin';
  let p = host.pools.find(had, e);
  // a new pool's cash is the margin: the fill must not take more (a spot purchase), as applyFill would decide
  if (
    p === undefined &&
    margin + fillOutcome(e.kind === 'spot', e.inverse, 0, Number.NaN, e.quantity, e.price, host.scale).cashDelta < 0n
  )
    return 'the settlement cash does not cover the fill';
  const owner = host.row(e.account);
  p ??= openPool(host, owner, e);
  const row = p;
  const { c: cols, fc, scale, undIndex } = host;
  const one: FillHost = {
    c: cols,
    fc,
    scale,
    undIndex,
    rows: { get: () => row },
    row: () => row,
    context: () => host.context(),
  };
  c.cash[0][owner] -= margin;
  c.cash[0][p] += margin;
  const done = applyFill(one, e, path);
  if (typeof done === 'string') {
    // refused: the margin goes back, nothing changed
    c.cash[0][owner] += margin;
    c.cash[0][p] -= margin;
    return done;
  }
  if (!isOpen(c, p)) {
    // the position is closed: what is left of its collateral returns to the cross pool
    for (let k = 0; k < c.cash.length; k++) {
      c.cash[k][owner] += c.cash[k][p];
      c.cash[k][p] = 0n;
    }
  }
  return [owner, p];
}

/** An exact amount in base units; more decimals than the engine's are refused, naming `path`. */
function cashUnits(amount: Money, scale: Money, path: string): bigint {
  const units = amount.mul(scale);
  if (!units.isInteger())
    throw new RiskInputError(path, `at most ${scale.toFixed(0).length - 1} decimals`, amount.toString());
  return BigInt(units.toFixed(0));
}

/** The pool row a deposit / withdrawal names, or a reason it is refused (no open isolated position there). */
export function transferRow(host: PoolHost, account: string, pool: ValidInstrument): number | string {
  const p = host.pools.find(host.rows.get(account), pool);
  return p !== undefined && isOpen(host.c, p) ? p : 'no open isolated position on that instrument';
}

/** The transition of row `r` into state `st`: a pool row reports its account and its instrument. */
export function transitionOf(host: PoolHost, r: number, st: number): Transition {
  const owner = host.pools.owner.get(r);
  const type = TRANSITIONS[st];
  if (owner === undefined) return { type, account: host.ids[r] };
  return { type, account: host.ids[owner], isolated: host.pools.instrument.get(r) as EngineInstrument };
}

/** The cash of a row as collateral holdings (exact decimal strings), zero balances left out. */
export function cashList(host: { c: Columns; cfg: EngineConfig; scale: Money }, r: number): CollateralHolding[] {
  const out: CollateralHolding[] = [];
  host.cfg.collateralAssets.forEach((asset, k) => {
    const u = host.c.cash[k][r];
    if (u !== 0n) out.push({ asset, amount: new Money(u.toString()).div(host.scale).toString() });
  });
  return out;
}

/** The collateral value of a row as netting's `poolCollateral` values it. */
export function rowCollateral(host: PoolHost, ctx: MarginContext, r: number): Money {
  return poolCollateral(
    ctx,
    cashList(host, r).map((h, i) => ({ asset: h.asset, amount: new Money(h.amount as string), path: `c[${i}]` })),
  );
}

/** The open isolated positions of an account row, as netting's account positions, in pool order. */
export function isolatedPositions(host: PoolHost, fc: FigureContext, r: number): AccountPosition[] {
  const out: AccountPosition[] = [];
  for (const p of host.pools.byOwner.get(r) ?? []) {
    if (!isOpen(host.c, p)) continue;
    const pos = slotPosition(host.c, host.c.head[p], fc.underlyings, fc);
    const collateral = cashList(host, p);
    out.push({ ...pos, marginMode: 'isolated', ...(collateral.length ? { collateral } : {}) } as AccountPosition);
  }
  return out;
}

/**
 * The account's figures with its open isolated pools added to its cross pool's (`cross`): equity summed pool by
 * pool in netting's order, IM and MM by netting's exact sum, liquidatable when any pool is, the state the worst of
 * the pools', and each pool's own figures in `pools`. `cross` as it is when the account has no open pool.
 */
export function withPools(
  host: PoolHost,
  ctx: MarginContext,
  r: number,
  cross: EngineMarginResult,
): EngineMarginResult {
  const c = host.c;
  const list = host.pools.byOwner.get(r);
  if (list === undefined) return cross;
  const open = list.filter((p) => isOpen(c, p));
  if (open.length === 0) return cross;
  let equity = cross.equity;
  const ims = [c.im[r]];
  const mms = [c.mm[r]];
  let liquidatable = cross.liquidatable;
  let state = c.state[r];
  const pools: PoolMargin[] = open.map((p) => {
    const collateralValue = rowCollateral(host, ctx, p);
    const eq = collateralValue.plus(valueSum(c, p).decimal());
    const mm = money(c.mm[p]);
    const liq = eq.lt(mm);
    equity = equity.plus(eq);
    ims.push(c.im[p]);
    mms.push(c.mm[p]);
    liquidatable ||= liq;
    state = Math.max(state, c.state[p]);
    return {
      instrument: host.pools.instrument.get(p) as EngineInstrument,
      equity: eq,
      collateralValue,
      initialMargin: money(c.im[p]),
      maintenanceMargin: mm,
      liquidatable: liq,
      state: STATES[c.state[p]],
    };
  });
  const initialMargin = money(exactSum(ims));
  return {
    ...cross,
    equity,
    initialMargin,
    maintenanceMargin: money(exactSum(mms)),
    freeCollateral: equity.minus(initialMargin),
    liquidatable,
    state: STATES[state],
    pools,
  };
}

/**
 * The pre-trade host of an order on an isolated position (`order.instrument.marginMode: 'isolated'`): the engine
 * seen through that position's pool, so the check reports the pool's figures after the fill and decides on the
 * pool's collateral. Null for a cross order. Only an open isolated position is checked; errors name
 * `order.instrument`.
 */
export function poolOrderHost(host: PoolHost & PreTradeHost, accountId: string, order: unknown): PreTradeHost | null {
  const raw = typeof order === 'object' && order !== null ? (order as { instrument?: unknown }).instrument : undefined;
  if (typeof raw !== 'object' || raw === null || (raw as { marginMode?: unknown }).marginMode !== 'isolated')
    return null;
  const r = host.rowOf(accountId, 'accountId');
  const has = (u: string): boolean => host.undIndex.has(u);
  const p = host.pools.find(r, validateInstrument(raw, 'order.instrument', has));
  if (p === undefined || !isOpen(host.c, p))
    throw new RiskInputError(
      'order.instrument',
      'a cross instrument or the instrument of an open isolated position',
      raw,
    );
  const { c, fc, scale, cuts, cutFloats, scaleFloat, undIndex } = host;
  return {
    c,
    fc,
    scale,
    cuts,
    cutFloats,
    scaleFloat,
    undIndex,
    rowOf: () => p,
    instrumentOf: (v, path) => validateInstrument(v, path, has),
    context: () => host.context(),
  };
}
