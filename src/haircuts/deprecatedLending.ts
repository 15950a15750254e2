/**
 * The names of the lending model (health factor, Aave v3 markets, borrowing power, liquidation, the bigint fast path)
 * that moved from riskcore/haircuts to riskcore/lending, re-exported here as deprecated aliases so that old imports
 * keep working. The one file of haircuts allowed to import lending (see .dependency-cruiser.cjs); remove it with the
 * aliases in the next major version.
 */
import * as lending from '../lending/index.js';
import type * as L from '../lending/index.js';

/** @deprecated use `healthFactor` from riskcore/lending */
export const healthFactor = lending.healthFactor;
/** @deprecated use `HF_DECIMALS` from riskcore/lending */
export const HF_DECIMALS = lending.HF_DECIMALS;
/** @deprecated use `lendingMarket` from riskcore/lending */
export const lendingMarket = lending.lendingMarket;
/** @deprecated use `accountHealth` from riskcore/lending */
export const accountHealth = lending.accountHealth;
/** @deprecated use `capRoom` from riskcore/lending */
export const capRoom = lending.capRoom;
/** @deprecated use `maxBorrow` from riskcore/lending */
export const maxBorrow = lending.maxBorrow;
/** @deprecated use `liquidationAmounts` from riskcore/lending */
export const liquidationAmounts = lending.liquidationAmounts;
/** @deprecated use `AAVE_V3_ETHEREUM` from riskcore/lending */
export const AAVE_V3_ETHEREUM = lending.AAVE_V3_ETHEREUM;
/** @deprecated use `AAVE_V33_LIQUIDATION` from riskcore/lending */
export const AAVE_V33_LIQUIDATION = lending.AAVE_V33_LIQUIDATION;
/** @deprecated use `fastMarket` from riskcore/lending */
export const fastMarket = lending.fastMarket;
/** @deprecated use `fastHealthFactor` from riskcore/lending */
export const fastHealthFactor = lending.fastHealthFactor;
/** @deprecated use `fastAccountData` from riskcore/lending */
export const fastAccountData = lending.fastAccountData;
/** @deprecated use `fastLiquidation` from riskcore/lending */
export const fastLiquidation = lending.fastLiquidation;
/** @deprecated use `LIQUIDATION_REASONS` from riskcore/lending */
export const LIQUIDATION_REASONS = lending.LIQUIDATION_REASONS;

/** @deprecated use `HealthCollateral` from riskcore/lending */
export type HealthCollateral = L.HealthCollateral;
/** @deprecated use `HealthDebt` from riskcore/lending */
export type HealthDebt = L.HealthDebt;
/** @deprecated use `HealthInput` from riskcore/lending */
export type HealthInput = L.HealthInput;
/** @deprecated use `HealthResult` from riskcore/lending */
export type HealthResult = L.HealthResult;
/** @deprecated use `HealthOptions` from riskcore/lending */
export type HealthOptions = L.HealthOptions;
/** @deprecated use `Reserve` from riskcore/lending */
export type Reserve = L.Reserve;
/** @deprecated use `EMode` from riskcore/lending */
export type EMode = L.EMode;
/** @deprecated use `LendingMarket` from riskcore/lending */
export type LendingMarket = L.LendingMarket;
/** @deprecated use `LendingBalance` from riskcore/lending */
export type LendingBalance = L.LendingBalance;
/** @deprecated use `LendingAccount` from riskcore/lending */
export type LendingAccount = L.LendingAccount;
/** @deprecated use `LendingPrices` from riskcore/lending */
export type LendingPrices = L.LendingPrices;
/** @deprecated use `AccountHealth` from riskcore/lending */
export type AccountHealth = L.AccountHealth;
/** @deprecated use `ReserveTotals` from riskcore/lending */
export type ReserveTotals = L.ReserveTotals;
/** @deprecated use `LiquidationOptions` from riskcore/lending */
export type LiquidationOptions = L.LiquidationOptions;
/** @deprecated use `LiquidationResult` from riskcore/lending */
export type LiquidationResult = L.LiquidationResult;
/** @deprecated use `ReserveParams` from riskcore/lending */
export type ReserveParams = L.ReserveParams;
/** @deprecated use `EModeCategory` from riskcore/lending */
export type EModeCategory = L.EModeCategory;
/** @deprecated use `LiquidationConstants` from riskcore/lending */
export type LiquidationConstants = L.LiquidationConstants;
/** @deprecated use `LendingMarketParams` from riskcore/lending */
export type LendingMarketParams = L.LendingMarketParams;
/** @deprecated use `FastMarket` from riskcore/lending */
export type FastMarket = L.FastMarket;
/** @deprecated use `FastLiquidation` from riskcore/lending */
export type FastLiquidation = L.FastLiquidation;
