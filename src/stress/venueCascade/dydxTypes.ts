/**
 * Public input and result types of {@link simulateDydxCascade} (src/stress/venueCascade/dydx.ts documents the
 * model). Amounts are dYdX integers: quote quantums (10⁻⁶ USDC), base quantums, subticks.
 */
import type { Money } from '../../core/money.js';
import type { DydxMarkets, DydxPreparedMarket, DydxSubaccount } from '../../perps/index.js';
import type { VenueCascadePath } from './marketTrack.js';

/** One subaccount of a dYdX cascade. */
export interface DydxCascadeAccount {
  /** Identifier (unique): results name it, and it breaks ties in the liquidation and deleveraging order. */
  readonly id: string;
  /** USDC and positions, as riskcore/perps takes them (funding is settled into USDC first). */
  readonly subaccount: DydxSubaccount;
}

/** The book and price path of one perpetual, with its CLOB pair. */
export interface DydxCascadeBook extends VenueCascadePath {
  /** The perpetual (one of `context.market`'s). */
  readonly perpetualId: number;
  /** The CLOB pair's `quantum_conversion_exponent` (quote quantums = subticks · base quantums · 10^exponent). */
  readonly quantumConversionExponent: number;
  /** The CLOB pair's `subticks_per_tick`. */
  readonly subticksPerTick: number;
}

/** The liquidations config of `x/clob` (mainnet: 1 000 000, 1 500 000, 15 000). */
export interface DydxCascadeLiquidationsConfig {
  readonly bankruptcyAdjustmentPpm: number;
  readonly spreadToMaintenanceMarginRatioPpm: number;
  readonly maxLiquidationFeePpm: number;
}

/** Context of {@link simulateDydxCascade}. */
export interface DydxCascadeContext {
  /** The perpetuals (prices at the start, tiers, open interest, funding indices), raw or prepared. */
  readonly market: DydxMarkets | DydxPreparedMarket;
  /** One book per perpetual the accounts hold (other perpetuals keep their price). */
  readonly books: readonly DydxCascadeBook[];
  /** The liquidations config. */
  readonly liquidations: DydxCascadeLiquidationsConfig;
  /** Insurance fund at the start, quote quantums (≥ 0). */
  readonly insuranceFundQuantums: bigint | number | string;
}

/** Options of {@link simulateDydxCascade}. */
export interface DydxCascadeOptions {
  /** Rounds (blocks) simulated; default max(longest path, 20). */
  readonly rounds?: number;
}

/** A liquidation order matched against the book. */
export interface DydxCascadeFill {
  readonly id: string;
  readonly perpetualId: number;
  /** Size change of the subaccount, base quantums (the whole position, negated). */
  readonly deltaQuantums: bigint;
  /** Limit of the order: the fillable price in subticks. */
  readonly fillableSubticks: bigint;
  /** Price filled at (the book's average price, in subticks on the tick grid, rounded against the subaccount). */
  readonly subticks: bigint;
  /** Quote quantums received (> 0, a sale) or paid (< 0). */
  readonly quoteQuantums: bigint;
  /** Insurance-fund delta of the fill (> 0 paid in, < 0 paid out). */
  readonly insuranceFundDelta: bigint;
}

/** A deleveraging fill at the bankruptcy price. */
export interface DydxCascadeDeleveraging {
  readonly id: string;
  readonly offsettingId: string;
  readonly perpetualId: number;
  /** Size change of the liquidated subaccount (the offsetting one changes by its negation). */
  readonly deltaQuantums: bigint;
  /** Quote quantums the liquidated subaccount receives (the offsetting one pays it). */
  readonly quoteQuantums: bigint;
  /** Loss of the offsetting subaccount against the oracle: quote − net notional of what it takes. */
  readonly adlQuantums: bigint;
}

/** One round (block) of a dYdX cascade; quote quantums unless stated. */
export interface DydxCascadeRound {
  readonly round: number;
  /** Market price per perpetual id after the exogenous move (USD per unit). */
  readonly marketPrices: Readonly<Record<string, Money>>;
  /** Oracle price value per perpetual id (the perpetual's integer price at its price exponent). */
  readonly oraclePrices: Readonly<Record<string, bigint>>;
  /** Market price per perpetual id at the end of the round (after the fills' impact). */
  readonly pricesAfter: Readonly<Record<string, Money>>;
  /** Subaccounts liquidatable at the oracle (NC < MMR), in the order their orders were placed. */
  readonly liquidatable: readonly string[];
  readonly fills: readonly DydxCascadeFill[];
  readonly deleveragings: readonly DydxCascadeDeleveraging[];
  /** Σ USDC of the subaccounts at the start and end of the round. */
  readonly collateralStart: bigint;
  readonly collateralEnd: bigint;
  /** Quote the book paid to (> 0) or received from (< 0) the subaccounts in fills. */
  readonly bookQuote: bigint;
  /** Insurance fund at the start and end of the round. */
  readonly fundStart: bigint;
  readonly fundEnd: bigint;
  /** Positive insurance-fund deltas (liquidation fees). */
  readonly fees: bigint;
  /** Negative insurance-fund deltas, negated: losses the fund covered. */
  readonly covered: bigint;
  /** Σ adlQuantums of the round's deleveraging fills. */
  readonly adl: bigint;
  /** −NC of the subaccounts left at negative NC with a position at the end of the round (not yet absorbed). */
  readonly deficit: bigint;
  /** covered + adl + deficit. */
  readonly badDebt: bigint;
}

/** Totals of a dYdX cascade (quote quantums). */
export interface DydxCascadeTotals {
  readonly fees: bigint;
  readonly covered: bigint;
  readonly adl: bigint;
  /** The last round's deficit. */
  readonly deficit: bigint;
  /** covered + adl + deficit. */
  readonly badDebt: bigint;
  readonly bookQuote: bigint;
}

/** Result of {@link simulateDydxCascade}. */
export interface DydxCascadeResult {
  readonly rounds: readonly DydxCascadeRound[];
  readonly totals: DydxCascadeTotals;
  readonly insuranceFundQuantums: bigint;
  /** The subaccounts at the end (funding settled; positions by perpetual id). */
  readonly accounts: ReadonlyArray<{
    readonly id: string;
    readonly usdcQuantums: bigint;
    readonly positions: ReadonlyArray<{ readonly perpetualId: number; readonly quantums: bigint }>;
  }>;
  /** Some market price reached its ceiling. */
  readonly priceCapped: boolean;
}
