/** Inputs and result of {@link span2Margin}. */
import type { Market } from '../../core/model.js';
import type { Money } from '../../core/money.js';

/** What a SPAN 2-style margin is computed in: today's market and the daily return history of its underlyings. */
export interface Span2Context {
  market: Market;
  /**
   * Daily log returns by underlying, oldest first, all of the same length (at least `mpor` + ⌈1/(1 − confidence)⌉).
   * Every underlying of the positions needs a column; columns of other underlyings are not used.
   */
  returns: Record<string, ArrayLike<number>>;
}

/** A stress scenario: relative price moves by underlying (−0.3 = −30%); unnamed underlyings do not move. */
export interface Span2StressScenario {
  label: string;
  moves: Record<string, number>;
}

/** Concentration parameters of an underlying. */
export interface Span2Concentration {
  /** Net notional (quote currency) up to which no add-on applies, e.g. a fraction of average daily volume. */
  threshold: number;
  /** Add-on per unit of notional beyond the threshold (fraction). */
  rate: number;
}

/** Options of {@link span2Margin}. */
export interface Span2Options {
  /** Margin period of risk in days (integer ≥ 1, default 2): returns are summed over overlapping windows of it. */
  mpor?: number;
  /** Confidence of the historical ES (default 0.99). */
  confidence?: number;
  /**
   * Volatility filtering of the history: `'ewma'` (default) rescales each day's return by the ratio of today's EWMA
   * volatility to that day's (filtered historical simulation); `'none'` takes the returns as they are.
   */
  filter?: 'ewma' | 'none';
  /** EWMA decay (default 0.97). */
  lambda?: number;
  /** Stress scenarios (full revaluation); the stress risk is the largest loss among them. */
  stressScenarios?: Span2StressScenario[];
  /**
   * x of `x·historical + (1 − x)·stress`, in [0, 1]. Required with stress scenarios (CME does not publish its x);
   * 1 without them.
   */
  historicalWeight?: number;
  /** Half bid/ask spread by underlying (fraction of price): the close-out cost of the net delta. */
  liquidity?: Record<string, number>;
  /** Concentration parameters by underlying. */
  concentration?: Record<string, Span2Concentration>;
}

/** One underlying's add-ons. */
export interface Span2Underlying {
  underlying: string;
  /** Net delta (units of the underlying) of the positions on it. */
  netDelta: number;
  /** Net delta notional |netDelta|·price (quote currency). */
  notional: number;
  liquidity: Money;
  concentration: Money;
}

/** Result of {@link span2Margin} (quote currency). */
export interface Span2MarginResult {
  /** x·historicalRisk + (1 − x)·stressRisk + liquidity + concentration. */
  margin: Money;
  /** ES at `confidence` of the full-revaluation P&L over the historical MPOR scenarios. */
  historicalRisk: Money;
  /** VaR at `confidence` of the same scenarios (for reference). */
  historicalVaR: Money;
  /** Largest loss over the stress scenarios (0 without scenarios or when none loses). */
  stressRisk: Money;
  /** Label of the stress scenario that set `stressRisk` (null when none loses). */
  worstStress: string | null;
  historicalWeight: number;
  liquidity: Money;
  concentration: Money;
  byUnderlying: Span2Underlying[];
  /** Number of historical scenarios (overlapping MPOR windows). */
  scenarios: number;
  /** The P&L of each historical scenario (profit positive), oldest window first. */
  pnl: Float64Array;
}
