/** Public types of riskcore/engine. */
import type { Money } from '../core/money.js';
import type { MarginParams } from '../netting/index.js';

/** Options of {@link createMarginEngine}. */
export interface MarginEngineOptions {
  /**
   * The margin method, as riskcore/netting's `accountMargin` names it: `'auto'` (default; netting's default method
   * per account: `'portfolio'` for an account holding an option, else `'standard'`), `'standard'` (each delta-one
   * position alone on the size tiers), `'cross'` (delta-one positions netted per underlying) or `'portfolio'`
   * (every account by full revaluation on the scenario grid). Options need `'auto'` or `'portfolio'`.
   */
  method?: 'standard' | 'cross' | 'auto' | 'portfolio';
  /** Margin parameters (default riskcore/netting's `DEFAULT_MARGIN_PARAMS`). */
  params?: MarginParams;
  /** Cash assets accepted as collateral, each valued at 1 less its haircut; the first settles P&L and funding. Default `[market.quote ?? 'USD']`. */
  collateralAssets?: string[];
  /** Decimals of the cash base unit (default 6): amounts are held exactly in these units. */
  decimals?: number;
}

/** A change of an account's margin state: below IM (`marginCall`), below MM (`liquidatable`), back above IM (`recovered`). */
export interface Transition {
  type: 'marginCall' | 'liquidatable' | 'recovered';
  account: string;
  /** Present when the change is an isolated position's pool: that position's instrument. */
  isolated?: import('./events.js').EngineInstrument;
}

/** One isolated position's pool (netting's isolated unit): its own collateral, equity and margins. */
export interface PoolMargin {
  /** The isolated position's instrument (`marginMode: 'isolated'`). */
  instrument: import('./events.js').EngineInstrument;
  /** The pool's collateral after haircuts + its position's value (quote currency). */
  equity: Money;
  /** The pool's collateral after haircuts. */
  collateralValue: Money;
  initialMargin: Money;
  maintenanceMargin: Money;
  /** equity < maintenanceMargin (netting's unit `liquidatable`). */
  liquidatable: boolean;
  /** The pool's state, as the account's. */
  state: 'healthy' | 'marginCall' | 'liquidatable';
}

/** An account's figures, equal to riskcore/netting `accountMargin` on `engine.account(id)`. */
export interface EngineMarginResult {
  /** The method that margined the account (under `'auto'`: `'portfolio'` when it holds an option, else `'standard'`). */
  method: 'standard' | 'cross' | 'portfolio';
  /** Collateral value after haircuts + Σ position value (quote currency). */
  equity: Money;
  initialMargin: Money;
  maintenanceMargin: Money;
  /** equity − initialMargin. */
  freeCollateral: Money;
  /** equity < maintenanceMargin. */
  liquidatable: boolean;
  /**
   * `'healthy'` (equity ≥ IM), `'marginCall'` (MM ≤ equity < IM) or `'liquidatable'`, of the cross pool; with
   * isolated positions, the worst of the cross pool's and every pool's state.
   */
  state: 'healthy' | 'marginCall' | 'liquidatable';
  /** The open isolated positions' pools, in the order they were opened; absent when there is none. */
  pools?: PoolMargin[];
}

/**
 * A pre-trade order: a fill that would happen. An instrument with `marginMode: 'isolated'` names an open isolated
 * position: the result is then that position's pool after the fill; a cross order's result is the cross pool's.
 */
export interface PreTradeOrder {
  instrument: import('./events.js').EngineInstrument;
  /** Signed quantity (+ buys). */
  quantity: number;
  /** Price per unit (quote). */
  price: number;
}

/** Result of `engine.preTrade`: the account's figures after the order would fill, and the decision. */
export interface PreTradeResult {
  /** True when the settlement cash covers the fill and free collateral stays ≥ 0, or the fill lowers IM. */
  accepted: boolean;
  /** Why it would be refused. */
  reason?: string;
  initialMargin: Money;
  maintenanceMargin: Money;
  equity: Money;
  freeCollateral: Money;
}
