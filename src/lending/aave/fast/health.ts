/**
 * Health factor on the fast path, two roundings: {@link fastHealthFactor} is exact (floor(HF·10¹⁸) from integer
 * numerator and denominator, equal to {@link accountHealth}'s health factor, rounded down to 18 decimals, for prices
 * with at most `priceDecimals` decimals and thresholds in whole basis points); {@link fastAccountData} is the
 * contract's (GenericLogic.calculateUserAccountData, v3.3), the HF a liquidation call checks.
 */
import { BPS, WAD, pctMul, wadDiv } from '../../fixedPoint.js';
import { badBalance, checkFast } from './market.js';
import type { FastMarket } from './market.js';

/**
 * Exact health factor in wad: floor(Σ s_i·P_i·LT_i / Σ b_j·P_j · 10¹⁸) over base-unit balances `supplies` and
 * `borrows` (one per `fm.assets`, 0n where none; every supply counts as collateral where LT > 0). −1n without debt.
 * Balances must be bigints ≥ 0n (checked in the loop, one typeof per balance); `fm` is what {@link fastMarket}
 * returned (its shape is checked, its integers are not re-validated).
 */
export function fastHealthFactor(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): bigint {
  let num = 0n;
  let den = 0n;
  const n = checkFast(fm, supplies, borrows);
  for (let i = 0; i < n; i++) {
    const s = supplies[i];
    if (typeof s !== 'bigint' || s < 0n) throw badBalance('supplies', i, s);
    if (s !== 0n) num += s * fm.price[i] * fm.scaleUp[i] * fm.ltBps[i];
    const b = borrows[i];
    if (typeof b !== 'bigint' || b < 0n) throw badBalance('borrows', i, b);
    if (b !== 0n) den += b * fm.price[i] * fm.scaleUp[i];
  }
  if (den === 0n) return -1n;
  return (num * WAD) / (den * BPS);
}

/** Result of {@link fastAccountData}: values in price units (base currency × 10^priceDecimals). */
export interface FastAccountData {
  totalCollateral: bigint;
  totalDebt: bigint;
  /** Health factor in wad; −1n without debt. */
  healthFactor: bigint;
}

/** GenericLogic.calculateUserAccountData (v3.3): total collateral, total debt (price units), HF wad (−1n: no debt). */
export function fastAccountData(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): FastAccountData {
  let tc = 0n;
  let avgLt = 0n;
  let td = 0n;
  const n = checkFast(fm, supplies, borrows);
  for (let i = 0; i < n; i++) {
    const s = supplies[i];
    if (typeof s !== 'bigint' || s < 0n) throw badBalance('supplies', i, s);
    const b = borrows[i];
    if (typeof b !== 'bigint' || b < 0n) throw badBalance('borrows', i, b);
    if (s !== 0n && fm.ltBps[i] !== 0n) {
      const v = (s * fm.price[i]) / fm.unit[i];
      tc += v;
      avgLt += v * fm.ltBps[i];
    }
    if (b !== 0n) td += (b * fm.price[i]) / fm.unit[i];
  }
  if (td === 0n) return { totalCollateral: tc, totalDebt: td, healthFactor: -1n };
  const lt = tc === 0n ? 0n : avgLt / tc;
  return { totalCollateral: tc, totalDebt: td, healthFactor: wadDiv(pctMul(tc, lt), td) };
}
