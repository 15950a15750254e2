/**
 * riskcore/engine — the stateful margin engine for services: accounts held in columnar storage, re-margined
 * incrementally on every event (fills, deposits, price ticks, funding), with the pure functions of riskcore/netting
 * as its reference.
 */
import type { Market } from '../core/model.js';
import { RiskInputError } from '../core/errors.js';
import { checkArray, checkNumber, checkStrictObject, knownKeys } from '../core/validate.js';
import { engineConfig } from './config.js';
import { EngineImpl } from './engine.js';
import type { LogEntry, MarginEngine } from './engine.js';
import { engineFromSnapshot } from './snapshot.js';
import type { MarginEngineOptions } from './types.js';

export { RiskInputError } from '../core/errors.js';
export type { EventResult, LogEntry, MarginEngine } from './engine.js';
export type {
  DepositEvent,
  EngineEvent,
  EngineInstrument,
  EventRecord,
  FillEvent,
  FundingEvent,
  TickEvent,
  WithdrawEvent,
} from './events.js';
export type {
  EngineMarginResult,
  MarginEngineOptions,
  PoolMargin,
  PreTradeOrder,
  PreTradeResult,
  Transition,
} from './types.js';

/**
 * A margin engine on a market: accounts of spot, perp and future positions (linear or inverse) and European options
 * with cash collateral, in one cross pool each plus a pool per isolated delta-one position (a fill's instrument with
 * `marginMode: 'isolated'`, its `margin` moved from the cross cash; `deposit` / `withdraw` with
 * `isolated: <instrument>` move that pool's cash), margined as riskcore/netting's `accountMargin` margins them — by
 * default (`method: 'auto'`) portfolio margin for an account holding an option and standard margin otherwise;
 * `'standard'`, `'cross'` (delta-one only) and `'portfolio'` fix the method. Option risk arrays are shared per
 * instrument and re-priced once per tick of their underlying. Feed it events with `engine.apply(event)` —
 * `deposit`, `withdraw`, `fill`, `tick` (price, mark and / or vol), `funding`; each recomputes only the accounts it
 * touches and returns the margin-state transitions it caused. `engine.margin(id)` gives the figures
 * `accountMargin(engine.account(id), engine.market())` gives (with the method fixed, `{ method }`), bit for bit.
 *
 * @example
 * ```ts
 * import { createMarginEngine } from 'riskcore/engine';
 * const engine = createMarginEngine({ assets: { BTC: { price: 60000 } } }, { method: 'cross' });
 * engine.apply({ type: 'deposit', account: 'a', asset: 'USD', amount: '1000' });
 * engine.apply({ type: 'fill', account: 'a', instrument: { kind: 'perp', underlying: 'BTC' }, quantity: 1, price: 60000 });
 * // 60,000 notional: IM 1% (100×) = 600, MM 0.4% = 240
 * console.log(engine.margin('a').initialMargin.toString()); // '600'
 * const crash = engine.apply({ type: 'tick', underlying: 'BTC', price: 59000 });
 * console.log(crash.transitions); // [{ type: 'liquidatable', account: 'a' }]
 * ```
 *
 * @example
 * ```ts
 * import { createMarginEngine } from 'riskcore/engine';
 * import { accountMargin } from 'riskcore/netting';
 * const engine = createMarginEngine({ assets: { BTC: { price: 60000, vol: 0.6 } } });
 * engine.apply({ type: 'deposit', account: 'b', asset: 'USD', amount: '20000' });
 * const call = { kind: 'option', underlying: 'BTC', type: 'call', strike: 66000, expiry: 0.25 } as const;
 * // sell 2 calls at 2,500: the premium is credited, the account is now margined by the portfolio method
 * engine.apply({ type: 'fill', account: 'b', instrument: call, quantity: -2, price: 2500 });
 * console.log(engine.account('b').collateral); // [{ asset: 'USD', amount: '25000' }]
 * console.log(engine.margin('b').method); // 'portfolio'
 * engine.apply({ type: 'tick', underlying: 'BTC', vol: 0.8 });
 * const ref = accountMargin(engine.account('b'), engine.market());
 * console.log(engine.margin('b').initialMargin.eq(ref.initialMargin)); // true
 * ```
 *
 * @example
 * ```ts
 * import { createMarginEngine } from 'riskcore/engine';
 * const engine = createMarginEngine({ assets: { BTC: { price: 60000 } } });
 * const perp = { kind: 'perp', underlying: 'BTC', marginMode: 'isolated' } as const;
 * engine.apply({ type: 'deposit', account: 'c', asset: 'USD', amount: '1000' });
 * // the isolated position has its own collateral: 700 moved from the cross cash with the fill covers its IM of 600
 * engine.apply({ type: 'fill', account: 'c', instrument: perp, quantity: 1, price: 60000, margin: '700' });
 * const pool = engine.margin('c').pools?.[0];
 * console.log(pool?.equity.toString(), pool?.initialMargin.toString(), pool?.state); // '700 600 healthy'
 * // BTC at 59,000: the pool's equity is −300, below its MM; the cross pool (300 cash) is untouched
 * console.log(engine.apply({ type: 'tick', underlying: 'BTC', price: 59000 }).transitions[0].type); // 'liquidatable'
 * console.log(engine.margin('c').equity.toString()); // '0'
 * ```
 */
export function createMarginEngine(market: Market, options?: MarginEngineOptions): MarginEngine {
  return new EngineImpl(engineConfig(market, options));
}

const ENTRY = knownKeys('seq', 'record');

/**
 * Recover an engine: the state of `engine.snapshot()` bytes, then the accepted events of the log that follow it
 * (entries with `seq` at or below the snapshot's are skipped; the rest must continue it without a gap). The result
 * is the engine that ran the whole log, bit for bit. Errors name `snapshot` or `log[i]`.
 *
 * @example
 * ```ts
 * import { createMarginEngine, restoreMarginEngine, type EngineEvent, type LogEntry } from 'riskcore/engine';
 * const engine = createMarginEngine({ assets: { ETH: { price: 3000 } } });
 * const log: LogEntry[] = [];
 * const run = (e: EngineEvent) => { const r = engine.apply(e); if (r.log) log.push(r.log); };
 * run({ type: 'deposit', account: 'a', asset: 'USD', amount: '500' });
 * const snap = engine.snapshot();
 * run({ type: 'fill', account: 'a', instrument: { kind: 'perp', underlying: 'ETH' }, quantity: 2, price: 3000 });
 * const back = restoreMarginEngine(snap, log);
 * console.log(back.margin('a').initialMargin.toString() === engine.margin('a').initialMargin.toString()); // true
 * console.log(back.account('a').positions.length); // 1
 * ```
 */
export function restoreMarginEngine(snapshot: Uint8Array, log: readonly LogEntry[]): MarginEngine {
  const engine = engineFromSnapshot(snapshot, 'snapshot', (cfg, capacity) => new EngineImpl(cfg, capacity));
  checkArray(log, 'log').forEach((raw, i) => {
    const path = `log[${i}]`;
    const entry = checkStrictObject(raw, path, ENTRY);
    const seq = checkNumber(entry.seq, `${path}.seq`, { ge: 1, integer: true });
    if (seq <= engine.seq) return;
    if (seq !== engine.seq + 1)
      throw new RiskInputError(`${path}.seq`, `the next sequence number ${engine.seq + 1}`, seq);
    const res = engine.applyAt(entry.record, `${path}.record`);
    if (!res.accepted) throw new RiskInputError(`${path}.record`, 'an event the engine accepted', res.reason);
  });
  return engine;
}
