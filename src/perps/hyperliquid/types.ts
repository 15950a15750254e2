/** Input and result types of the Hyperliquid clearing rules. Amounts in USDC, sizes in coins, prices in USDC/coin. */
import type { Money, MoneyInput } from '../../core/money.js';

/** One margin tier: from `lowerBound` (USDC notional, inclusive) up to the next tier, at most `maxLeverage`. */
export interface HyperliquidMarginTier {
  lowerBound: MoneyInput;
  /** Integer maximum leverage of the tier (≥ 1). */
  maxLeverage: number;
}

/** A margin table: tiers by ascending `lowerBound`, the first at 0. */
export interface HyperliquidMarginTable {
  tiers: readonly HyperliquidMarginTier[];
  /** Where the table comes from (free text). */
  source?: string;
}

/** Prices and margin table of one asset. */
export interface HyperliquidAssetMarket {
  /** Mark price (USDC per coin) used for margin and liquidation. */
  markPrice: MoneyInput;
  marginTable: HyperliquidMarginTable;
}

/** The market an account is valued in: one entry per asset, keyed by asset name. */
export interface HyperliquidMarket {
  assets: Readonly<Record<string, HyperliquidAssetMarket>>;
}

/** One position (one per asset per account). */
export interface HyperliquidPosition {
  asset: string;
  /** Signed size in coins: positive long, negative short. */
  size: MoneyInput;
  /** Average entry price (USDC per coin). */
  entryPrice: MoneyInput;
  /** Leverage chosen by the user (integer ≥ 1); capped by the tier's max leverage. */
  leverage: number;
  marginMode: 'cross' | 'isolated';
  /** USDC allocated to an isolated position (required for `isolated`, refused for `cross`). */
  isolatedMargin?: MoneyInput;
}

/** A perpetuals account. */
export interface HyperliquidAccount {
  /** Cross collateral in USDC, excluding isolated margins and unrealised pnl (may be negative). */
  balance: MoneyInput;
  positions: readonly HyperliquidPosition[];
}

/** Published clearing parameters (see `HYPERLIQUID_MAINNET_PARAMS`). */
export interface HyperliquidParams {
  transferMarginFraction: string;
  partialLiquidationThreshold: string;
  partialLiquidationFraction: string;
  partialLiquidationCooldownSeconds: number;
  backstopNumerator: number;
  backstopDenominator: number;
  interestRate8h: string;
  premiumClamp: string;
  hourlyFundingCap: string;
  source: string;
}

/** The tier a notional falls in. */
export interface HyperliquidTierResult {
  /** Index of the tier in the table. */
  tier: number;
  maxLeverage: number;
  /** 1 / (2 × maxLeverage). */
  maintenanceRate: Money;
  /** Maintenance deduction of the tier (USDC), making maintenance margin continuous in notional. */
  maintenanceDeduction: Money;
  /** notional × maintenanceRate − maintenanceDeduction (USDC). */
  maintenanceMargin: Money;
}

/** Margin figures of one position. */
export interface HyperliquidPositionMargin {
  asset: string;
  marginMode: 'cross' | 'isolated';
  size: Money;
  markPrice: Money;
  /** |size| × mark (USDC). */
  notional: Money;
  unrealizedPnl: Money;
  /** min(leverage, tier max leverage). */
  leverage: number;
  maxLeverage: number;
  /** notional / leverage. */
  initialMargin: Money;
  maintenanceRate: Money;
  maintenanceMargin: Money;
  /** Isolated: isolated margin + unrealised pnl; cross: null. */
  isolatedValue: Money | null;
}

/** Margin state of an account. */
export interface HyperliquidAccountMarginResult {
  /** Positions sorted by asset name. */
  positions: HyperliquidPositionMargin[];
  /** Cross balance + unrealised pnl of cross positions. */
  crossAccountValue: Money;
  crossNotional: Money;
  crossInitialMargin: Money;
  crossMaintenanceMargin: Money;
  crossUnrealizedPnl: Money;
  /** max(cross initial margin, 0.1 × cross notional). */
  crossTransferMarginRequired: Money;
  /** Cross account value + every isolated position value. */
  accountValue: Money;
  totalNotional: Money;
  /** USDC that can leave the cross account (see `hyperliquidWithdrawable`). */
  withdrawable: Money;
}

/** A market validated once by `prepareHyperliquidMarket`; opaque, accepted wherever a market is. */
export interface HyperliquidPreparedMarket {
  /** The prepared kind. */
  readonly kind: 'hyperliquid.market';
  /** The asset names of the market, in input order. */
  readonly assetNames: readonly string[];
}

/** An account validated once by `prepareHyperliquidAccount` against a prepared market; opaque. */
export interface HyperliquidPreparedAccount {
  /** The prepared kind. */
  readonly kind: 'hyperliquid.account';
  /** The prepared market it was validated against. */
  readonly market: HyperliquidPreparedMarket;
}
