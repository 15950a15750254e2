/**
 * Health on the fast path: {@link fastAccountHealth}, the bigint form of the one health-factor concept (the fields
 * of {@link HealthResult} that the integers carry), in two roundings: `'exact'` (floor(HF·10¹⁸) from integer
 * numerator and denominator, equal to `accountHealth`'s health factor, rounded down to 18 decimals, for prices with
 * at most `priceDecimals` decimals and thresholds in whole basis points) and `'aave'` (the contract's
 * GenericLogic.calculateUserAccountData, v3.3: the HF a liquidation call checks). {@link fastHealthFactor} and
 * {@link fastAccountData} are its deprecated earlier forms (−1n for "no debt").
 */
import { RiskInputError } from '../../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../../core/validate.js';
import { BPS, WAD } from '../../evm/constants.js';
import { percentMulRaw as pctMul, wadDivRaw as wadDiv } from '../../evm/raw.js';
import { badBalance, checkFast } from './market.js';
import type { FastMarket } from './market.js';

const OPTS_KEYS = knownKeys('rounding');

/** Result of {@link fastAccountHealth}; values in price units (base currency × 10^priceDecimals). */
export interface FastHealthResult {
  /** Health factor in wad (10¹⁸ = 1): rounded down (`'exact'`) or the contract's (`'aave'`); null without debt. */
  healthFactor: bigint | null;
  /** HF < 1: decided on the exact numerator and denominator (`'exact'`), on the contract's wad HF (`'aave'`). */
  liquidatable: boolean;
  /** Σ value of the supplies with LT > 0, rounded down (`'aave'`: each line rounded down, as the contract). */
  totalCollateral: bigint;
  /** Σ value of the borrows, rounded down likewise. */
  totalDebt: bigint;
}

/** Options of {@link fastAccountHealth}. */
export interface FastHealthOptions {
  /** `'exact'` (default) or `'aave'` (the contract's integer rounding). */
  rounding?: 'exact' | 'aave';
}

/**
 * Health of one position on a prepared market: base-unit balances `supplies` and `borrows` (one per `fm.assets`,
 * 0n where none; every supply with LT > 0 counts as collateral). Balances must be bigints ≥ 0n (checked in the loop,
 * one typeof per balance); `fm` must come from {@link fastMarket}.
 *
 * @example
 * ```ts
 * import { fastMarket, fastAccountHealth, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const fm = fastMarket(AAVE_V3_ETHEREUM, { WETH: '3000', USDC: '1' });
 * const s = fm.assets.map((a) => (a === 'WETH' ? 10n * 10n ** 18n : 0n));
 * const b = fm.assets.map((a) => (a === 'USDC' ? 20_000n * 10n ** 6n : 0n));
 * console.log(fastAccountHealth(s, b, fm).healthFactor); // 1245000000000000000n
 * console.log(fastAccountHealth(s, b, fm, { rounding: 'aave' }).totalCollateral); // 3000000000000n
 * ```
 */
export function fastAccountHealth(
  supplies: readonly bigint[],
  borrows: readonly bigint[],
  fm: FastMarket,
  opts?: FastHealthOptions,
): FastHealthResult {
  if (opts === undefined) return exactHealth(fm, supplies, borrows);
  const rounding = checkStrictObject(opts, 'opts', OPTS_KEYS).rounding;
  if (rounding === undefined || rounding === 'exact') return exactHealth(fm, supplies, borrows);
  if (rounding === 'aave') return aaveHealth(fm, supplies, borrows);
  throw new RiskInputError('opts.rounding', "'exact' or 'aave'", rounding);
}

function exactHealth(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): FastHealthResult {
  let num = 0n;
  let coll = 0n;
  let den = 0n;
  const n = checkFast(fm, supplies, borrows);
  for (let i = 0; i < n; i++) {
    const s = supplies[i];
    if (typeof s !== 'bigint' || s < 0n) throw badBalance('supplies', i, s);
    if (s !== 0n && fm.ltBps[i] !== 0n) {
      const v = s * fm.price[i] * fm.scaleUp[i];
      coll += v;
      num += v * fm.ltBps[i];
    }
    const b = borrows[i];
    if (typeof b !== 'bigint' || b < 0n) throw badBalance('borrows', i, b);
    if (b !== 0n) den += b * fm.price[i] * fm.scaleUp[i];
  }
  // balances brought to the largest decimals: one unit of that scale is unit·scaleUp of any reserve
  const u = fm.unit[0] * fm.scaleUp[0];
  const totalCollateral = coll / u;
  const totalDebt = den / u;
  if (den === 0n) return { healthFactor: null, liquidatable: false, totalCollateral, totalDebt };
  return { healthFactor: (num * WAD) / (den * BPS), liquidatable: num < den * BPS, totalCollateral, totalDebt };
}

/** GenericLogic.calculateUserAccountData (v3.3) in bigints. */
export function aaveHealth(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): FastHealthResult {
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
  if (td === 0n) return { healthFactor: null, liquidatable: false, totalCollateral: tc, totalDebt: td };
  const lt = tc === 0n ? 0n : avgLt / tc;
  const hf = wadDiv(pctMul(tc, lt), td);
  return { healthFactor: hf, liquidatable: hf < WAD, totalCollateral: tc, totalDebt: td };
}

/**
 * Exact health factor in wad, −1n without debt.
 * @deprecated use `fastAccountHealth(supplies, borrows, fm).healthFactor` (null without debt)
 */
export function fastHealthFactor(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): bigint {
  return exactHealth(fm, supplies, borrows).healthFactor ?? -1n;
}

/** Result of {@link fastAccountData}: values in price units (base currency × 10^priceDecimals). */
export interface FastAccountData {
  totalCollateral: bigint;
  totalDebt: bigint;
  /** Health factor in wad; −1n without debt. */
  healthFactor: bigint;
}

/**
 * The contract's account data, HF −1n without debt.
 * @deprecated use `fastAccountHealth(supplies, borrows, fm, { rounding: 'aave' })` (healthFactor null without debt)
 */
export function fastAccountData(
  fm: FastMarket,
  supplies: readonly bigint[],
  borrows: readonly bigint[],
): FastAccountData {
  const r = aaveHealth(fm, supplies, borrows);
  return { totalCollateral: r.totalCollateral, totalDebt: r.totalDebt, healthFactor: r.healthFactor ?? -1n };
}
