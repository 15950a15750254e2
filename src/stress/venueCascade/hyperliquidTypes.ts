/**
 * Public input and result types of {@link simulateHyperliquidCascade} (src/stress/venueCascade/hyperliquid.ts
 * documents the model). Amounts are USDC ({@link Money}), sizes in coins.
 */
import type { Money, MoneyInput } from '../../core/money.js';
import type { HyperliquidAccount, HyperliquidMarket, HyperliquidPreparedMarket } from '../../perps/index.js';
import type { VenueCascadePath } from './marketTrack.js';

/** One account of a Hyperliquid cascade (cross margin). */
export interface HyperliquidCascadeAccount {
  /** Identifier (unique): results name it; accounts are liquidated in id order. */
  readonly id: string;
  /** Balance and cross positions, as riskcore/perps takes them (isolated positions are refused). */
  readonly account: HyperliquidAccount;
}

/** The book and price path of one asset. */
export interface HyperliquidCascadeBook extends VenueCascadePath {
  /** The asset (a key of `context.market.assets`). */
  readonly asset: string;
}

/** Context of {@link simulateHyperliquidCascade}. */
export interface HyperliquidCascadeContext {
  /** Marks at the start and margin tables, raw or prepared. */
  readonly market: HyperliquidMarket | HyperliquidPreparedMarket;
  /** One book per asset the accounts hold. */
  readonly books: readonly HyperliquidCascadeBook[];
  /** The liquidator vault's capital at the start (USDC, ≥ 0): it takes over backstopped accounts. */
  readonly vault: MoneyInput;
}

/** Options of {@link simulateHyperliquidCascade}. */
export interface HyperliquidCascadeOptions {
  /** Rounds simulated; default max(longest path, 20). */
  readonly rounds?: number;
  /** Seconds per round, for the 30 s cooldown after a partial liquidation; default 1. */
  readonly roundSeconds?: number;
  /** Notional above which a position is liquidated 20% at a time; default 100,000 (mainnet). */
  readonly partialLiquidationThreshold?: MoneyInput;
}

/** A market liquidation order filled in the book. */
export interface HyperliquidCascadeOrder {
  readonly id: string;
  readonly asset: string;
  /** Size change (opposite to the position). */
  readonly size: Money;
  /** 0.2 for a partial chunk, 1 otherwise. */
  readonly fraction: Money;
  /** Average execution price. */
  readonly price: Money;
}

/** What happened to one liquidated account. */
export interface HyperliquidCascadeLiquidation {
  readonly id: string;
  /** Cross account value and maintenance margin at the mark, before. */
  readonly value: Money;
  readonly maintenanceMargin: Money;
  /** 'market': orders to the book; 'backstop': the vault takes positions and margin; 'adl': underwater. */
  readonly method: 'market' | 'backstop' | 'adl';
}

/** One auto-deleveraging fill. */
export interface HyperliquidCascadeAdlFill {
  readonly id: string;
  readonly counterparty: string;
  readonly asset: string;
  /** Change of the counterparty's position. */
  readonly size: Money;
  /** The counterparty's share of the shortfall. */
  readonly shortfallShare: Money;
}

/** One round of a Hyperliquid cascade (USDC). */
export interface HyperliquidCascadeRound {
  readonly round: number;
  readonly marketPrices: Readonly<Record<string, Money>>;
  /** Mark (the oracle) per asset. */
  readonly markPrices: Readonly<Record<string, Money>>;
  readonly pricesAfter: Readonly<Record<string, Money>>;
  readonly liquidations: readonly HyperliquidCascadeLiquidation[];
  readonly orders: readonly HyperliquidCascadeOrder[];
  readonly adlFills: readonly HyperliquidCascadeAdlFill[];
  /** Σ cash (balance − Σ size × entry) at the start and end of the round. */
  readonly collateralStart: Money;
  readonly collateralEnd: Money;
  /** Quote the book paid (> 0) or received for the orders and the vault's sales. */
  readonly bookQuote: Money;
  readonly fundStart: Money;
  readonly fundEnd: Money;
  /** Vault gains (margin taken over beyond its closing costs). */
  readonly fees: Money;
  /** Vault losses (closing costs beyond the margin, shortfall of unfilled ADL, negative balances). */
  readonly covered: Money;
  /** Shortfall charged to the ADL counterparties. */
  readonly adl: Money;
  /** Vault losses beyond its capital (the vault stays at 0). */
  readonly deficit: Money;
  /** covered + adl + deficit. */
  readonly badDebt: Money;
}

/** Totals of a Hyperliquid cascade (USDC). */
export interface HyperliquidCascadeTotals {
  readonly fees: Money;
  readonly covered: Money;
  readonly adl: Money;
  readonly deficit: Money;
  readonly badDebt: Money;
  readonly bookQuote: Money;
}

/** Result of {@link simulateHyperliquidCascade}. */
export interface HyperliquidCascadeResult {
  readonly rounds: readonly HyperliquidCascadeRound[];
  readonly totals: HyperliquidCascadeTotals;
  readonly vault: Money;
  /** The accounts at the end, in id order (positions by asset). */
  readonly accounts: ReadonlyArray<{
    readonly id: string;
    readonly balance: Money;
    readonly positions: ReadonlyArray<{ readonly asset: string; readonly size: Money; readonly entryPrice: Money }>;
  }>;
  readonly priceCapped: boolean;
}
