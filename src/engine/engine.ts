/**
 * The stateful margin engine: accounts of delta-one positions in columnar storage ({@link Columns}), re-margined
 * incrementally — a fill or a cash event recomputes one account, a tick the accounts holding the ticked
 * underlying (their other positions' figures reused), funding the accounts holding its perps. Figures are those
 * of riskcore/netting's `accountMargin` on the account as `engine.account(id)` returns it. Internal file of
 * riskcore/engine.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market } from '../core/model.js';
import type { EngineConfig } from './config.js';
import { IdIndex } from './idIndex.js';
import { snapshotOf } from './snapshot.js';
import { Money } from '../core/money.js';
import { checkString, ownValue } from '../core/validate.js';
import type { Account } from '../netting/index.js';
import type { MarginContext } from '../netting/internal.js';
import { prepareValidated } from '../netting/internal.js';
import { Columns, KIND_PERP } from './columns.js';
import type { EngineEvent, EngineInstrument, EventRecord, ValidEvent } from './events.js';
import { recordOf, validateEvent, validateInstrument } from './events.js';
import { toUnitsFloor } from './fill.js';
import { applyFill } from './fillEvent.js';
import type { FigureContext } from './figures.js';
import { slotPosition, valueSum } from './figures.js';
import { aggregateRow } from './fastTick.js';
import { OptionInstruments } from './instruments.js';
import { isPortfolio } from './portfolio.js';
import { portfolioState } from './portfolioState.js';
import { applyTick } from './tickEvent.js';
import { preTradeCheck } from './preTrade.js';
import {
  IsolatedPools,
  cashList,
  hasOpenPool,
  isolatedFill,
  isolatedPositions,
  poolOrderHost,
  rowCollateral,
  transferRow,
  transitionOf,
  withPools,
} from './isolated.js';
import type { EngineMarginResult, PreTradeOrder, PreTradeResult, Transition } from './types.js';

const money = (x: number): Money => new Money(x === 0 ? 0 : x);

/** One entry of the append-only event log: the accepted event's sequence number and record. */
export interface LogEntry {
  seq: number;
  record: EventRecord;
}

/** The result of applying one event. */
export interface EventResult {
  /** False when the event was refused (a withdrawal or fill the cash cannot cover); nothing changed then. */
  accepted: boolean;
  /** Why it was refused. */
  reason?: string;
  /** Sequence number of the accepted event (1, 2, …) in the engine's log. */
  seq: number;
  /** The log entry of the accepted event (compact, JSON-serialisable): append it to the engine's event log. */
  log?: LogEntry;
  /** Margin-state changes the event caused, in row order. */
  transitions: Transition[];
  /** Funding a payer's cash could not cover (quote units), exact decimal string; `'0'` when covered. */
  shortfall?: string;
}

/** A margin engine (see `createMarginEngine`). */
export interface MarginEngine {
  /** Apply one event; see {@link EventResult}. Bad input throws a RiskInputError naming `event.<field>`. */
  apply(event: EngineEvent): EventResult;
  /** Equity, IM, MM, free collateral and liquidation state of an account (as `accountMargin` computes them). */
  margin(accountId: string): EngineMarginResult;
  /** The account as riskcore/netting `Account` input: its positions (grouped by underlying) and cash collateral. */
  account(accountId: string): Account;
  /** The account's figures after a prospective fill and whether it would be accepted; the engine is not changed. */
  preTrade(accountId: string, order: PreTradeOrder): PreTradeResult;
  /** The engine's state as compact bytes (header and columns); `restoreMarginEngine` reads them back. */
  snapshot(): Uint8Array;
  /** The engine's current market (a copy). */
  market(): Market;
  /** Ids of the accounts, in the order they were opened. */
  accounts(): string[];
  /** Sequence number of the last accepted event (0 before any). */
  sequence(): number;
  /** Bytes held by the columns and the number of accounts and position slots in use. */
  stats(): { accounts: number; positions: number; bytes: number };
}

/** The engine's implementation. Internal: construct through `createMarginEngine` / `restoreMarginEngine`. */
export class EngineImpl implements MarginEngine {
  /** @internal */ readonly c: Columns;
  /** @internal */ readonly cfg: EngineConfig;
  /** @internal */ readonly fc: FigureContext;
  /** @internal */ readonly ids: string[] = [];
  /** @internal */ readonly rows = new IdIndex(this.ids);
  /** @internal */ seq = 0;
  private epochNow = 0;
  private ctx: MarginContext | null = null;
  /** @internal */ readonly scale: Money;
  /** @internal */ readonly cuts: Money[];
  /** @internal */ readonly cutFloats: number[];
  /** @internal */ readonly scaleFloat: number;
  /** @internal */ readonly undIndex = new Map<string, number>();
  /** @internal */ readonly pools = new IsolatedPools();

  /** @internal use {@link createMarginEngine}. */
  constructor(cfg: EngineConfig, capacity = 16) {
    this.cfg = cfg;
    this.c = new Columns(cfg.collateralAssets.length, capacity, capacity);
    const market = { ...cfg.market, assets: { ...cfg.market.assets } };
    const underlyings = Object.keys(market.assets);
    underlyings.forEach((u, i) => this.undIndex.set(u, i));
    this.fc = {
      market,
      params: cfg.params,
      method: cfg.method,
      underlyings,
      prices: Float64Array.from(underlyings, (u) => market.assets[u].price),
      tiers: [],
      tierColumns: [],
      pm:
        cfg.portfolio === 'none'
          ? null
          : portfolioState(
              cfg.params,
              underlyings.length,
              cfg.portfolio,
              new OptionInstruments(cfg.params.grid.scenarios.length),
            ),
    };
    const byName = underlyings.map((u, i) => [u, i] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.c.undRank = new Int32Array(underlyings.length);
    byName.forEach(([, i], rank) => {
      this.c.undRank[i] = rank;
    });
    this.scale = new Money(10).pow(cfg.decimals);
    const h = cfg.params.haircuts;
    this.cuts = cfg.collateralAssets.map((a) => new Money(1).minus(String(ownValue(h, a) ?? ownValue(h, '*') ?? 0)));
    this.cutFloats = this.cuts.map((x) => x.toNumber());
    this.scaleFloat = 10 ** cfg.decimals;
  }

  /** Apply one event; see {@link EventResult}. Bad input throws a RiskInputError naming `event.<field>`. */
  apply(event: EngineEvent): EventResult {
    return this.applyAt(event, 'event');
  }

  /** @internal {@link apply} with errors naming `path`. */
  applyAt(event: unknown, path: string): EventResult {
    const e = validateEvent(
      event,
      path,
      (u) => this.undIndex.has(u),
      (a) => this.cfg.collateralAssets.includes(a),
    );
    return this.applyValid(e, path);
  }

  /** @internal */
  applyValid(e: ValidEvent, path = 'event'): EventResult {
    this.c.touchedCount = 0;
    // true when the event screened its rows already (c.screens)
    let screened = false;
    let shortfall: Money | undefined;
    switch (e.type) {
      case 'deposit':
      case 'withdraw': {
        const k = this.cfg.collateralAssets.indexOf(e.asset);
        if (!e.amount.mul(this.scale).isInteger())
          throw new RiskInputError(`${path}.amount`, `at most ${this.cfg.decimals} decimals`, e.amount.toString());
        const units = BigInt(e.amount.mul(this.scale).toFixed(0));
        const pool = e.pool && transferRow(this, e.account, e.pool);
        if (typeof pool === 'string') return this.refused(pool);
        const had = pool ?? this.rows.get(e.account);
        const next = (had === undefined ? 0n : this.c.cash[k][had]) + (e.type === 'deposit' ? units : -units);
        if (next < 0n) return this.refused('withdrawal exceeds the balance');
        const r = pool ?? this.row(e.account);
        if (next > 2n ** 62n)
          throw new RiskInputError(`${path}.amount`, 'a balance below 2^62 base units', e.amount.toString());
        this.c.cash[k][r] = next;
        this.updateCollateral(r);
        this.c.touch(r);
        break;
      }
      case 'fill': {
        if (e.kind === 'option' && this.fc.pm?.mode === 'auto' && hasOpenPool(this, this.rows.get(e.account)))
          return this.refused("an option beside isolated positions under method 'auto'");
        const r = e.isolated ? isolatedFill(this, e, path) : applyFill(this, e, path);
        if (typeof r === 'string') return this.refused(r);
        for (const x of typeof r === 'number' ? [r] : r) {
          this.updateCollateral(x);
          this.c.touch(x);
        }
        break;
      }
      case 'tick': {
        applyTick(this, e, path, ++this.epochNow);
        screened = true;
        break;
      }
      case 'funding': {
        let short = new Money(0);
        this.eachSlotOn(e.underlying, (s) => {
          if (this.c.pKind[s] !== KIND_PERP) return false;
          const r = this.c.pAcct[s];
          const pay = toUnitsFloor(new Money(e.rate).mul(this.c.pQty[s]).neg(), this.scale);
          const next = this.c.cash[0][r] + pay;
          if (next < 0n) short = short.plus(new Money((-next).toString()).div(this.scale));
          this.c.cash[0][r] = next < 0n ? 0n : next;
          this.updateCollateral(r);
          return true;
        });
        shortfall = short;
        break;
      }
    }
    this.seq++;
    const transitions: Transition[] = [];
    const { touched, touchedCount, screens } = this.c;
    for (let i = 0; i < touchedCount; i++) {
      const r = touched[i];
      const sc = screened ? screens[i] : aggregateRow(this.c, r, this.fc);
      const st = sc >= 0 ? sc : this.exactState(r);
      if (st !== this.c.state[r]) {
        this.c.state[r] = st;
        transitions.push(transitionOf(this, r, st));
      }
    }
    const res: EventResult = {
      accepted: true,
      seq: this.seq,
      log: { seq: this.seq, record: recordOf(e) },
      transitions,
    };
    if (shortfall) res.shortfall = shortfall.toString();
    return res;
  }

  /** @internal the prepared netting context of the current market (made on first use after a change). */
  context(): MarginContext {
    this.ctx ??= prepareValidated(this.market(), this.cfg.params);
    return this.ctx;
  }

  /** @internal forget the prepared context (the market changed). */
  dropContext(): void {
    this.ctx = null;
  }

  private refused(reason: string): EventResult {
    return { accepted: false, reason, seq: this.seq, transitions: [] };
  }

  /** Visit the slots on an underlying, collecting each touched account once. */
  private eachSlotOn(u: string, visit: (s: number) => unknown): void {
    const list = this.c.byUnderlying[this.undIndex.get(u) as number];
    if (!list) return;
    const ep = ++this.epochNow;
    for (let i = 0; i < list.n; i++) {
      const s = list.slots[i];
      if (visit(s) === false) continue;
      const r = this.c.pAcct[s];
      if (this.c.epoch[r] !== ep) {
        this.c.epoch[r] = ep;
        this.c.touch(r);
      }
    }
  }

  /** @internal the row of an account, created on first use. */
  row(id: string): number {
    let r = this.rows.get(id);
    if (r === undefined) {
      r = this.c.addAccount();
      this.ids.push(id);
      this.rows.add(id);
    }
    return r;
  }

  /** @internal */
  rowOf(id: unknown, path: string): number {
    const r = this.rows.get(checkString(id, path));
    if (r === undefined || this.pools.owner.has(r))
      throw new RiskInputError(path, 'the id of an account of the engine', id);
    return r;
  }

  /** @internal exact collateral value of a row (with `settle` base units added to the settlement cash). */
  collateralExact(r: number, settle = 0n): Money {
    let v = new Money(0);
    this.cfg.collateralAssets.forEach((_a, k) => {
      const u = this.c.cash[k][r] + (k === 0 ? settle : 0n);
      if (u !== 0n) v = v.plus(new Money(u.toString()).div(this.scale).mul(this.cuts[k]));
    });
    return v;
  }

  /** @internal the float collateral of the screen: within a few ulps of the exact value (the screen's tolerance is far wider). */
  updateCollateral(r: number): void {
    let v = 0;
    for (let k = 0; k < this.cutFloats.length; k++) {
      const u = this.c.cash[k][r];
      if (u !== 0n) v += (Number(u) / this.scaleFloat) * this.cutFloats[k];
    }
    this.c.collFloat[r] = v;
  }

  /** Margin state of a row from its exact equity (when the float screen cannot tell). */
  private exactState(r: number): 0 | 1 | 2 {
    const exact = this.collateralExact(r).plus(valueSum(this.c, r).decimal());
    return exact.lt(money(this.c.mm[r])) ? 2 : exact.lt(money(this.c.im[r])) ? 1 : 0;
  }

  /** Equity, IM, MM, free collateral and liquidation state of an account (as `accountMargin` computes them). */
  margin(accountId: string): EngineMarginResult {
    const r = this.rowOf(accountId, 'accountId');
    const ctx = this.context();
    const equity = rowCollateral(this, ctx, r).plus(valueSum(this.c, r).decimal());
    const initialMargin = money(this.c.im[r]);
    const maintenanceMargin = money(this.c.mm[r]);
    return withPools(this, ctx, r, {
      method: isPortfolio(this.c, this.fc, r) ? 'portfolio' : this.cfg.method,
      equity,
      initialMargin,
      maintenanceMargin,
      freeCollateral: equity.minus(initialMargin),
      liquidatable: equity.lt(maintenanceMargin),
      state: (['healthy', 'marginCall', 'liquidatable'] as const)[this.c.state[r]],
    });
  }

  /** The account as riskcore/netting `Account` input: its positions (group-major) and cash collateral. */
  account(accountId: string): Account {
    const r = this.rowOf(accountId, 'accountId');
    const positions = [];
    for (let s = this.c.head[r]; s >= 0; s = this.c.pNext[s])
      positions.push(slotPosition(this.c, s, this.fc.underlyings, this.fc));
    positions.push(...isolatedPositions(this, this.fc, r));
    return { id: accountId, positions, collateral: cashList(this, r) };
  }

  /**
   * The account's IM, MM, equity and free collateral after a fill of `order`, and whether it is accepted; the
   * engine is not changed. Errors name `order.<field>`.
   */
  preTrade(accountId: string, order: PreTradeOrder): PreTradeResult {
    return preTradeCheck(poolOrderHost(this, accountId, order) ?? this, accountId, order);
  }

  /** The engine's state as compact bytes (header and columns); `restoreMarginEngine` reads them back. */
  snapshot(): Uint8Array {
    return snapshotOf(this);
  }

  /** The engine's current market (a copy). */
  market(): Market {
    const m = this.fc.market;
    return { ...m, assets: { ...m.assets } };
  }

  /** Ids of the accounts, in the order they were opened. */
  accounts(): string[] {
    return this.ids.filter((_id, r) => !this.pools.owner.has(r));
  }

  /** Sequence number of the last accepted event (0 before any). */
  sequence(): number {
    return this.seq;
  }

  /** Bytes held by the columns and the number of accounts and position slots in use. */
  stats(): { accounts: number; positions: number; bytes: number } {
    const book = this.fc.pm?.book.bytes() ?? 0;
    return {
      accounts: this.c.accounts - this.pools.owner.size,
      positions: this.c.slots - this.c.free.length,
      bytes: this.c.bytes() + book,
    };
  }

  /** @internal validate a pre-trade order's instrument. */
  instrumentOf(v: unknown, path: string): ReturnType<typeof validateInstrument> {
    return validateInstrument(v, path, (u) => this.undIndex.has(u));
  }
}

export type { EngineInstrument };
