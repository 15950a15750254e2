/**
 * riskcore/engine — the stateful margin engine for services: accounts held in columnar storage, re-margined
 * incrementally on every event (fills, deposits, price ticks, funding), with the pure functions of riskcore/netting
 * as its reference.
 */
import type { Market } from '../core/model.js';
import { MarginEngine, engineConfig } from './engine.js';
import type { MarginEngineOptions } from './types.js';

export { RiskInputError } from '../core/errors.js';
export { MarginEngine } from './engine.js';
export type { EventResult } from './engine.js';
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
export type { EngineMarginResult, MarginEngineOptions, PreTradeOrder, PreTradeResult, Transition } from './types.js';

/**
 * A margin engine on a market: accounts of spot, perp and future positions (linear or inverse) with cash
 * collateral, one cross pool each, margined by the `'standard'` or `'cross'` method of riskcore/netting. Feed it
 * events with `engine.apply(event)` — `deposit`, `withdraw`, `fill`, `tick`, `funding`; each recomputes only the
 * accounts it touches and returns the margin-state transitions it caused. `engine.margin(id)` gives the figures
 * `accountMargin(engine.account(id), engine.market(), { method })` gives, bit for bit.
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
 */
export function createMarginEngine(market: Market, options?: MarginEngineOptions): MarginEngine {
  return new MarginEngine(engineConfig(market, options));
}
