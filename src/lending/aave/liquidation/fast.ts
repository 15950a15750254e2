/**
 * Liquidation on the fast path: one Aave v3.3 liquidation call in bigint fixed point on a prepared market
 * ({@link fastMarket}).
 */
import { RiskInputError } from '../../../core/errors.js';
import { checkNumber, checkStrictObject, knownKeys } from '../../../core/validate.js';
import { WAD } from '../../evm/constants.js';
import { percentDivRaw as pctDiv, percentMulRaw as pctMul } from '../../evm/raw.js';
import { aaveHealth } from '../fast/health.js';
import type { FastMarket } from '../fast/market.js';

/** Result of {@link fastLiquidation}, base units (price units for values). */
export interface FastLiquidation {
  /** Index into {@link LIQUIDATION_REASONS}; 0 = allowed (see ./reasons.ts). */
  reason: number;
  /** The contract's health factor in wad; −1n without debt (then `reason` is 1). */
  healthFactorBefore: bigint;
  maxLiquidatableDebt: bigint;
  debtRepaid: bigint;
  collateralToLiquidator: bigint;
  protocolFee: bigint;
  /** The call takes the last collateral, so any debt left over becomes deficit (see ./reasons.ts). */
  deficit: boolean;
}

/** Options of {@link fastLiquidation}. */
export interface FastLiquidationOptions {
  /** Debt the liquidator offers to repay, in base units of the debt asset (≥ 0n); absent: the close-factor maximum. */
  debtToCover?: bigint;
}

const OPTS_KEYS = knownKeys('debtToCover');

/** The debt to cover of the options (or of the deprecated positional bigint); −1n = the close-factor maximum. */
function readDebtToCover(opts: FastLiquidationOptions | bigint | undefined): bigint {
  if (opts === undefined) return -1n;
  if (typeof opts === 'bigint') return opts < 0n ? -1n : opts;
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  if (o.debtToCover === undefined) return -1n;
  if (typeof o.debtToCover !== 'bigint' || o.debtToCover < 0n)
    throw new RiskInputError('opts.debtToCover', 'a bigint >= 0n (base units of the debt asset)', o.debtToCover);
  return o.debtToCover;
}

/**
 * One liquidation call (collateral reserve index `c`, debt reserve index `d`, into `fm.assets`) with Aave v3.3's
 * integer rounding, equal to {@link liquidationAmounts} with `rounding: 'aave'` to the wei. `reason` and `deficit`
 * mean what they mean there (see ./reasons.ts). Balances are not modified.
 *
 * @example
 * ```ts
 * import { fastMarket, fastLiquidation, LIQUIDATION_REASONS, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const fm = fastMarket(AAVE_V3_ETHEREUM, { WETH: '2400', USDC: '1' });
 * const s = fm.assets.map((a) => (a === 'WETH' ? 10n * 10n ** 18n : 0n));
 * const b = fm.assets.map((a) => (a === 'USDC' ? 20_000n * 10n ** 6n : 0n));
 * const r = fastLiquidation(fm, s, b, fm.assets.indexOf('WETH'), fm.assets.indexOf('USDC'), { debtToCover: 5_000n * 10n ** 6n });
 * console.log(LIQUIDATION_REASONS[r.reason], r.debtRepaid); // 'OK 5000000000'
 * ```
 */
export function fastLiquidation(
  fm: FastMarket,
  supplies: readonly bigint[],
  borrows: readonly bigint[],
  c: number,
  d: number,
  opts?: FastLiquidationOptions,
): FastLiquidation;
/** @deprecated use `fastLiquidation(fm, supplies, borrows, c, d, { debtToCover })` (absent = the close-factor maximum) */
export function fastLiquidation(
  fm: FastMarket,
  supplies: readonly bigint[],
  borrows: readonly bigint[],
  c: number,
  d: number,
  debtToCover: bigint,
): FastLiquidation;
export function fastLiquidation(
  fm: FastMarket,
  supplies: readonly bigint[],
  borrows: readonly bigint[],
  c: number,
  d: number,
  opts?: FastLiquidationOptions | bigint,
): FastLiquidation {
  const acc = aaveHealth(fm, supplies, borrows);
  const n = fm.assets.length;
  checkNumber(c, 'c', { ge: 0, lt: n, integer: true });
  checkNumber(d, 'd', { ge: 0, lt: n, integer: true });
  const debtToCover = readDebtToCover(opts);
  const hf = acc.healthFactor ?? -1n;
  const out: FastLiquidation = {
    reason: 0,
    healthFactorBefore: hf,
    maxLiquidatableDebt: 0n,
    debtRepaid: 0n,
    collateralToLiquidator: 0n,
    protocolFee: 0n,
    deficit: false,
  };
  if (hf < 0n || hf >= WAD) return { ...out, reason: 1 };
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
  if (collBase >= fm.minBase && debtBase >= fm.minBase && hf > fm.closeFactorHfWad) {
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
