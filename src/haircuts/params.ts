/**
 * Lending-market parameter sets as data, each with its source. Fractions are written as decimal strings
 * (Aave's basis points / 10⁴): LTV 8050 bps is '0.805'; a liquidation bonus of 10500 bps is '0.05' (5% over the
 * repaid debt); the protocol fee is a fraction of that bonus.
 */
import type { MoneyInput } from '../core/money.js';

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

/** Aave v3.3 LiquidationLogic constants (aave-dao/aave-v3-origin, tag v3.3.0, LiquidationLogic.sol). */
export const AAVE_V33_LIQUIDATION: LiquidationConstants = {
  closeFactor: '0.5',
  closeFactorHfThreshold: '0.95',
  minBaseMaxCloseFactorThreshold: '2000',
  minLeftoverBase: '1000',
};

/**
 * Aave v3 Ethereum (core market) parameters for WETH, wstETH, WBTC, USDC, USDT, DAI, plus UNI as an isolated
 * (debt-ceiling) asset, and e-mode 1 'ETH correlated'.
 *
 * Source: the on-chain configuration snapshot in bgd-labs/aave-proposals-v3,
 * `reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_after.json` (commit 4d6a3d98), chain 1,
 * pool 0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2: ltv, liquidationThreshold, liquidationBonus (bps; bonus
 * 10500 → 5%), liquidationProtocolFee, reserveFactor (bps), supplyCap/borrowCap (whole tokens), debtCeiling
 * (2-decimal USD: 1700000000 → $17,000,000.00), isBorrowableInIsolation. E-mode 1: ltv 9000, lt 9300, bonus 10100.
 * Governance changes these over time: treat it as a dated example, not live data.
 */
export const AAVE_V3_ETHEREUM: LendingMarketParams = {
  name: 'Aave v3 Ethereum',
  source:
    'bgd-labs/aave-proposals-v3 reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_after.json (commit 4d6a3d98), pool 0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2; liquidation constants from aave-dao/aave-v3-origin v3.3.0 LiquidationLogic.sol',
  asOf: '2023-10-31',
  priceDecimals: 8,
  reserves: [
    { asset: 'WETH', decimals: 18, ltv: '0.805', liquidationThreshold: '0.83', liquidationBonus: '0.05', liquidationProtocolFee: '0.1', reserveFactor: '0.15', supplyCap: '1800000', borrowCap: '1400000', borrowableInIsolation: false },
    { asset: 'wstETH', decimals: 18, ltv: '0.785', liquidationThreshold: '0.81', liquidationBonus: '0.06', liquidationProtocolFee: '0.1', reserveFactor: '0.15', supplyCap: '850000', borrowCap: '24000', borrowableInIsolation: false },
    { asset: 'WBTC', decimals: 8, ltv: '0.73', liquidationThreshold: '0.78', liquidationBonus: '0.05', liquidationProtocolFee: '0.1', reserveFactor: '0.2', supplyCap: '43000', borrowCap: '28000', borrowableInIsolation: false },
    { asset: 'USDC', decimals: 6, ltv: '0.77', liquidationThreshold: '0.8', liquidationBonus: '0.045', liquidationProtocolFee: '0.2', reserveFactor: '0.1', supplyCap: '1760000000', borrowCap: '1580000000', borrowableInIsolation: true },
    { asset: 'USDT', decimals: 6, ltv: '0.74', liquidationThreshold: '0.76', liquidationBonus: '0.045', liquidationProtocolFee: '0.1', reserveFactor: '0.1', supplyCap: '600000000', borrowCap: '500000000', borrowableInIsolation: true },
    { asset: 'DAI', decimals: 18, ltv: '0.77', liquidationThreshold: '0.8', liquidationBonus: '0.05', liquidationProtocolFee: '0.2', reserveFactor: '0.1', supplyCap: '338000000', borrowCap: '271000000', borrowableInIsolation: true },
    { asset: 'UNI', decimals: 18, ltv: '0.65', liquidationThreshold: '0.77', liquidationBonus: '0.1', liquidationProtocolFee: '0.1', reserveFactor: '0.2', supplyCap: '4000000', borrowCap: '500000', debtCeiling: '17000000', borrowableInIsolation: false },
  ],
  eModes: [{ id: 1, label: 'ETH correlated', ltv: '0.9', liquidationThreshold: '0.93', liquidationBonus: '0.01', collateralAssets: ['WETH', 'wstETH'], borrowableAssets: ['WETH', 'wstETH'] }],
  liquidation: AAVE_V33_LIQUIDATION,
};
