/**
 * The fixed-point bigint fast path for batches: one market and one set of prices prepared once
 * ({@link fastMarket}), then per position only bigint arithmetic on base units.
 *
 * - {@link fastHealthFactor} is exact: floor(HF·10¹⁸) from integer numerator and denominator, equal to
 *   {@link healthFactor} / {@link accountHealth} (which round down to 18 decimals) for prices with at most
 *   `priceDecimals` decimals and thresholds in whole basis points.
 * - {@link fastLiquidation} reproduces Aave v3.3 LiquidationLogic's integer arithmetic, equal to
 *   {@link liquidationAmounts} with `rounding: 'aave'`, to the wei.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import { checkNumber, checkObject, joinPath } from '../core/validate.js';
import { lendingMarket } from './lending.js';
import type { LendingMarket } from './lending.js';
import type { LendingMarketParams } from './params.js';

const WAD = 10n ** 18n;
const BPS = 10_000n;
const HALF_BPS = 5_000n;

/** A market with prices, as integers, ready for {@link fastHealthFactor} and {@link fastLiquidation}. */
export interface FastMarket {
  /** Reserve order: `supplies[i]`/`borrows[i]` are balances of `assets[i]`. */
  assets: string[];
  decimals: number[];
  /** 10^decimals. */
  unit: bigint[];
  /** 10^(maxDecimals − decimals): brings every balance to one scale for the exact health factor. */
  scaleUp: bigint[];
  /** Price × 10^priceDecimals. */
  price: bigint[];
  ltBps: bigint[];
  ltvBps: bigint[];
  /** 10⁴·(1 + bonus), Aave's liquidationBonus. */
  bonusBps: bigint[];
  feeBps: bigint[];
  closeFactorBps: bigint;
  closeFactorHfWad: bigint;
  /** MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD and MIN_LEFTOVER_BASE in price units. */
  minBase: bigint;
  minLeftover: bigint;
}

/** Shape check of a FastMarket and the two balance arrays (their elements are checked in the loops). Returns n. */
function checkFast(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): number {
  const o = checkObject(fm, 'fm');
  if (!Array.isArray(o.assets) || !Array.isArray(o.price) || !Array.isArray(o.unit) || !Array.isArray(o.scaleUp) || !Array.isArray(o.ltBps)) {
    throw new RiskInputError('fm', 'a FastMarket (from fastMarket)', fm);
  }
  const n = fm.assets.length;
  if (!Array.isArray(supplies) || supplies.length !== n) throw new RiskInputError('supplies', `an array of ${n} bigint balances (one per fm.assets)`, supplies);
  if (!Array.isArray(borrows) || borrows.length !== n) throw new RiskInputError('borrows', `an array of ${n} bigint balances (one per fm.assets)`, borrows);
  return n;
}

/** A balance must be a bigint ≥ 0n (base units). */
function badBalance(path: string, i: number, v: unknown): RiskInputError {
  return new RiskInputError(`${path}[${i}]`, 'a bigint >= 0n (base units)', v);
}

function toInt(m: Money, path: string, what: string, raw: unknown): bigint {
  if (!m.isInteger()) throw new RiskInputError(path, what, raw);
  return BigInt(m.toFixed(0));
}

/**
 * Prepare a market and prices (and an e-mode) for the fast path. Prices need at most `priceDecimals` decimals and
 * fractions whole basis points (Aave's granularity), else RiskInputError.
 *
 * @example
 * ```ts
 * import { fastMarket, fastHealthFactor, AAVE_V3_ETHEREUM } from 'riskcore/haircuts';
 * const fm = fastMarket(AAVE_V3_ETHEREUM, { WETH: '3000', wstETH: '3450', WBTC: '60000', USDC: '1', USDT: '1', DAI: '1', UNI: '7' });
 * const s = fm.assets.map((a) => (a === 'WETH' ? 10n * 10n ** 18n : 0n));
 * const b = fm.assets.map((a) => (a === 'USDC' ? 20_000n * 10n ** 6n : 0n));
 * console.log(fastHealthFactor(fm, s, b)); // 1245000000000000000n
 * ```
 */
export function fastMarket(market: LendingMarketParams | LendingMarket, prices: Record<string, MoneyInput>, opts: { eMode?: number } = {}): FastMarket {
  const m = lendingMarket(market);
  const pm = checkObject(prices, 'prices');
  const eId = checkObject(opts, 'opts').eMode === undefined ? 0 : checkNumber(opts.eMode, 'opts.eMode', { ge: 0, integer: true });
  const e = eId === 0 ? undefined : m.eModes.get(eId);
  if (eId !== 0 && !e) throw new RiskInputError('opts.eMode', 'an e-mode id of the market or 0', eId);
  const reserves = [...m.reserves.values()];
  const maxDec = Math.max(...reserves.map((r) => r.decimals));
  const scaleP = new Money(10).pow(m.priceDecimals);
  const bps = (f: Money, path: string) => toInt(f.mul(10_000), path, 'a fraction in whole basis points', f.toString());
  const fm: FastMarket = {
    assets: [], decimals: [], unit: [], scaleUp: [], price: [], ltBps: [], ltvBps: [], bonusBps: [], feeBps: [],
    closeFactorBps: bps(m.closeFactor, 'market.liquidation.closeFactor'),
    closeFactorHfWad: toInt(m.closeFactorHfThreshold.mul(1e18), 'market.liquidation.closeFactorHfThreshold', 'at most 18 decimals', m.closeFactorHfThreshold.toString()),
    minBase: toInt(m.minBaseMaxCloseFactorThreshold.mul(scaleP), 'market.liquidation.minBaseMaxCloseFactorThreshold', `at most ${m.priceDecimals} decimals`, m.minBaseMaxCloseFactorThreshold.toString()),
    minLeftover: toInt(m.minLeftoverBase.mul(scaleP), 'market.liquidation.minLeftoverBase', `at most ${m.priceDecimals} decimals`, m.minLeftoverBase.toString()),
  };
  for (const r of reserves) {
    const path = joinPath('prices', r.asset);
    const p = pm[r.asset] === undefined ? new Money(0) : toMoney(pm[r.asset], path, { min: 'positive' });
    // as GenericLogic: a reserve with LT 0 is no collateral, whatever its e-mode
    const inE = e !== undefined && e.collateralAssets.has(r.asset) && !r.liquidationThreshold.isZero();
    const rp = `market.reserves[${r.index}]`;
    fm.assets.push(r.asset);
    fm.decimals.push(r.decimals);
    fm.unit.push(10n ** BigInt(r.decimals));
    fm.scaleUp.push(10n ** BigInt(maxDec - r.decimals));
    fm.price.push(toInt(p.mul(scaleP), path, `a price with at most ${m.priceDecimals} decimals`, pm[r.asset]));
    fm.ltBps.push(bps(inE ? e!.liquidationThreshold : r.liquidationThreshold, `${rp}.liquidationThreshold`));
    fm.ltvBps.push(bps(inE ? e!.ltv : r.ltv, `${rp}.ltv`));
    fm.bonusBps.push(10_000n + bps(inE ? e!.liquidationBonus : r.liquidationBonus, `${rp}.liquidationBonus`));
    fm.feeBps.push(bps(r.liquidationProtocolFee, `${rp}.liquidationProtocolFee`));
  }
  return fm;
}

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

const pctMul = (v: bigint, p: bigint) => (v * p + HALF_BPS) / BPS;
const pctDiv = (v: bigint, p: bigint) => (v * BPS + p / 2n) / p;

/** GenericLogic.calculateUserAccountData (v3.3): total collateral, total debt (price units), HF wad (−1n: no debt). */
export function fastAccountData(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): { totalCollateral: bigint; totalDebt: bigint; healthFactor: bigint } {
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
  return { totalCollateral: tc, totalDebt: td, healthFactor: (pctMul(tc, lt) * WAD + td / 2n) / td };
}

/** Outcome codes of {@link fastLiquidation}. */
export const LIQUIDATION_REASONS = ['OK', 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD', 'COLLATERAL_CANNOT_BE_LIQUIDATED', 'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER', 'MUST_NOT_LEAVE_DUST'] as const;

/** Result of {@link fastLiquidation}, base units (price units for values). */
export interface FastLiquidation {
  /** Index into {@link LIQUIDATION_REASONS}; 0 = allowed. */
  reason: number;
  healthFactorBefore: bigint;
  maxLiquidatableDebt: bigint;
  debtRepaid: bigint;
  collateralToLiquidator: bigint;
  protocolFee: bigint;
  /** True when no collateral is left and the remaining debt becomes deficit. */
  deficit: boolean;
}

/**
 * One liquidation call (collateral reserve index `c`, debt reserve index `d`) with Aave v3.3's integer rounding;
 * `debtToCover` < 0n means as much as allowed. Balances are not modified.
 */
export function fastLiquidation(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[], c: number, d: number, debtToCover = -1n): FastLiquidation {
  const acc = fastAccountData(fm, supplies, borrows);
  const n = fm.assets.length;
  checkNumber(c, 'c', { ge: 0, lt: n, integer: true });
  checkNumber(d, 'd', { ge: 0, lt: n, integer: true });
  if (typeof debtToCover !== 'bigint') throw new RiskInputError('debtToCover', 'a bigint (base units; < 0n: as much as allowed)', debtToCover);
  const out: FastLiquidation = { reason: 0, healthFactorBefore: acc.healthFactor, maxLiquidatableDebt: 0n, debtRepaid: 0n, collateralToLiquidator: 0n, protocolFee: 0n, deficit: false };
  if (acc.healthFactor < 0n || acc.healthFactor >= WAD) return { ...out, reason: 1 };
  const Bc = supplies[c];
  if (fm.ltBps[c] === 0n || Bc === 0n) return { ...out, reason: 2 };
  const Dd = borrows[d];
  if (Dd === 0n) return { ...out, reason: 3 };
  const Pc = fm.price[c];
  const Pd = fm.price[d];
  const unitC = fm.unit[c];
  const unitD = fm.unit[d];
  const debtBase = (Dd * Pd) / unitD;
  const collBase = (Bc * Pc) / unitC;
  let maxDebt = Dd;
  if (collBase >= fm.minBase && debtBase >= fm.minBase && acc.healthFactor > fm.closeFactorHfWad) {
    const cf = pctMul(acc.totalDebt, fm.closeFactorBps);
    if (debtBase > cf) maxDebt = (cf * unitD) / Pd;
  }
  out.maxLiquidatableDebt = maxDebt;
  const toCover = debtToCover >= 0n && debtToCover < maxDebt ? debtToCover : maxDebt;
  const bonus = fm.bonusBps[c];
  const baseCollateral = (Pd * toCover * unitC) / (Pc * unitD);
  const maxColl = pctMul(baseCollateral, bonus);
  let coll: bigint;
  let debt: bigint;
  if (maxColl > Bc) {
    coll = Bc;
    debt = pctDiv((Pc * coll * unitD) / (Pd * unitC), bonus);
  } else {
    coll = maxColl;
    debt = toCover;
  }
  const collInBase = (coll * Pc) / unitC;
  let fee = 0n;
  if (fm.feeBps[c] !== 0n) {
    fee = pctMul(coll - pctDiv(coll, bonus), fm.feeBps[c]);
    coll -= fee;
  }
  if (debt < Dd && coll + fee < Bc) {
    const debtLeft = ((Dd - debt) * Pd) / unitD;
    const collLeft = ((Bc - coll - fee) * Pc) / unitC;
    if (!(debtLeft >= fm.minLeftover && collLeft >= fm.minLeftover)) return { ...out, reason: 4 };
  }
  out.debtRepaid = debt;
  out.collateralToLiquidator = coll;
  out.protocolFee = fee;
  out.deficit = acc.totalCollateral === collInBase;
  return out;
}
