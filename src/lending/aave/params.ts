/**
 * The shape of an Aave-v3-style lending market's parameters (the published sets are in ./markets/, one file each,
 * with their source). Fractions are written as decimal strings
 * (Aave's basis points / 10⁴): LTV 8050 bps is '0.805'; a liquidation bonus of 10500 bps is '0.05' (5% over the
 * repaid debt); the protocol fee is a fraction of that bonus.
 */
import type { MoneyInput } from '../../core/money.js';

/** Risk parameters of one reserve (asset) of a lending market. */
export interface ReserveParams {
  asset: string;
  /** Token decimals (18 for WETH, 6 for USDC, 8 for WBTC). */
  decimals: number;
  /** Loan-to-value, fraction in [0, liquidationThreshold]. */
  ltv: MoneyInput;
  /** Liquidation threshold, fraction in [0, 1]; 0 = not usable as collateral. */
  liquidationThreshold: MoneyInput;
  /** Liquidation bonus over the repaid debt's value, fraction ≥ 0 (Aave 10500 bps → '0.05'). */
  liquidationBonus: MoneyInput;
  /** Share of the liquidation bonus paid to the protocol treasury, fraction in [0, 1]; default 0. */
  liquidationProtocolFee?: MoneyInput;
  /** Share of interest kept by the protocol (informational here), fraction in [0, 1]. */
  reserveFactor?: MoneyInput;
  /** Supply cap in whole tokens; absent or 0 = none. */
  supplyCap?: MoneyInput;
  /** Borrow cap in whole tokens; absent or 0 = none. */
  borrowCap?: MoneyInput;
  /** Isolation-mode debt ceiling in the base currency (USD); absent or 0 = not an isolated asset. */
  debtCeiling?: MoneyInput;
  /** May be borrowed by accounts in isolation mode (Aave: stablecoins). */
  borrowableInIsolation?: boolean;
  /** May be borrowed at all; default true. */
  borrowingEnabled?: boolean;
}

/** An efficiency-mode (e-mode) category: better LTV/LT/bonus for correlated collateral. */
export interface EModeCategory {
  id: number;
  label: string;
  ltv: MoneyInput;
  liquidationThreshold: MoneyInput;
  liquidationBonus: MoneyInput;
  /** Assets that get the category's LTV/LT/bonus when the account is in this e-mode. */
  collateralAssets: string[];
  /** Assets an account in this e-mode may borrow; absent = any borrowable asset. */
  borrowableAssets?: string[];
}

/** Liquidation constants of Aave v3.3 LiquidationLogic, in the base currency (USD). */
export interface LiquidationConstants {
  /** DEFAULT_LIQUIDATION_CLOSE_FACTOR: share of total debt one liquidation may repay; '0.5'. */
  closeFactor: MoneyInput;
  /** CLOSE_FACTOR_HF_THRESHOLD: at or below this HF the whole debt may be repaid; '0.95'. */
  closeFactorHfThreshold: MoneyInput;
  /** MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD: a reserve's collateral or debt below this value lifts the close factor to 100%; '2000'. */
  minBaseMaxCloseFactorThreshold: MoneyInput;
  /** MIN_LEFTOVER_BASE: a partial liquidation must leave at least this much collateral and debt; '1000'. */
  minLeftoverBase: MoneyInput;
}

/** A lending market: reserves, e-mode categories, liquidation constants, with their source. */
export interface LendingMarketParams {
  name: string;
  /** Where the numbers were read, precisely enough to check them. */
  source: string;
  /** Date of the snapshot (ISO). */
  asOf?: string;
  /** Decimals of the oracle's base-currency prices (Aave: 8, USD). */
  priceDecimals?: number;
  reserves: ReserveParams[];
  eModes?: EModeCategory[];
  liquidation?: LiquidationConstants;
}
