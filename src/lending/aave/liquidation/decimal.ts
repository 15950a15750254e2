/**
 * Liquidation amounts per Aave v3.3 LiquidationLogic on exact decimals (close factor 50%, 100% at HF ≤ 0.95 or when
 * the reserve's collateral or debt is under $2,000; liquidation bonus; protocol fee on the bonus; the
 * MIN_LEFTOVER_BASE dust rule; deficit when no collateral is left).
 *
 * Two roundings: `'exact'` (default) does the protocol's arithmetic on exact decimals; `'aave'` rounds every step
 * as the contract does on integers (amounts in base units, prices with `priceDecimals`, percentages in bps,
 * percentMul/percentDiv/wadDiv half-up, divisions down), so its amounts are the wei a liquidation call moves — the
 * same as the bigint fast path ({@link fastLiquidation}).
 */
import { RiskInputError } from '../../../core/errors.js';
import { Money, toMoney } from '../../../core/money.js';
import type { MoneyInput } from '../../../core/money.js';
import { checkStrictObject, joinPath, knownKeys } from '../../../core/validate.js';
import type { OracleFlag, OraclePolicy } from '../../../haircuts/internal.js';
import { resolve } from '../account.js';
import type { LendingAccount, LendingPrices, Line } from '../account.js';
import { reserveOf } from '../borrowing.js';
import type { LendingMarket } from '../market.js';
import type { LendingMarketParams } from '../params.js';
import type { LiquidationReason } from './reasons.js';
import { AAVE, EXACT, accountData } from './rounding.js';

const ZERO = new Money(0);
const ONE = new Money(1);
const BPS = new Money(10_000);
const WAD = new Money(10).pow(18);
const OPTS_KEYS = knownKeys('collateralAsset', 'debtAsset', 'debtToCover', 'rounding', 'oracle');

/** Options of {@link liquidationAmounts}. */
export interface LiquidationOptions {
  collateralAsset: string;
  debtAsset: string;
  /** Debt the liquidator offers to repay, in tokens of the debt asset; default: as much as allowed. */
  debtToCover?: MoneyInput;
  /** `'exact'` (default) or `'aave'` (the contract's integer rounding, amounts in base units). */
  rounding?: 'exact' | 'aave';
  oracle?: OraclePolicy;
}

/** Result of {@link liquidationAmounts}. Token amounts as Money; `…BaseUnits` as bigint (rounded down in `'exact'`). */
export interface LiquidationResult {
  /** The liquidation call would succeed. */
  allowed: boolean;
  /** Why not: the Aave error the call reverts with, null when allowed (see {@link LiquidationReason}). */
  reason: LiquidationReason | null;
  /** Health factor before (the contract's wad value in `'aave'` rounding), null without debt. */
  healthFactorBefore: Money | null;
  /** Share of total debt value that may be repaid (0.5 or 1). */
  closeFactor: Money;
  /** Most debt (tokens) this call may repay. */
  maxLiquidatableDebt: Money;
  /** Debt repaid by the liquidator (tokens of the debt asset). */
  debtRepaid: Money;
  debtRepaidBaseUnits: bigint;
  /** Collateral the liquidator receives (tokens of the collateral asset), bonus included, fee excluded. */
  collateralToLiquidator: Money;
  collateralToLiquidatorBaseUnits: bigint;
  /** Collateral paid to the protocol treasury: the protocol fee on the bonus. */
  protocolFee: Money;
  protocolFeeBaseUnits: bigint;
  /**
   * The deficit (see {@link LiquidationReason} for the shared meaning): the call takes the account's last collateral,
   * and the debt then left is written off (Aave v3.3), listed per asset with its amount in tokens; empty when the
   * call leaves collateral, or takes the last of it and no debt is left.
   */
  deficit: Array<{ asset: string; amount: Money }>;
  /** Health factor after, null when no debt is left. */
  healthFactorAfter: Money | null;
  oracleFlags: OracleFlag[];
}

/**
 * Liquidation amounts of one liquidation call (collateral asset, debt asset) per Aave v3.3 LiquidationLogic:
 * the close factor (50% of total debt value, 100% when HF ≤ 0.95 or the reserve's collateral or debt is worth
 * less than $2,000), collateral = repaid debt value × (1 + bonus) / collateral price capped at the balance (then
 * the repaid debt shrinks to match), the protocol fee taken from the bonus part, the dust rule (a partial
 * liquidation must leave ≥ $1,000 of both the debt and the collateral reserve) and the v3.3 deficit (no collateral
 * left → remaining debt written off).
 *
 * @example
 * ```ts
 * import { liquidationAmounts, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const account = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '20000' }] };
 * // HF = 10·2400·0.83 / 20000 = 0.996 > 0.95: close factor 50%, repay 10000 USDC,
 * // seize 10000/2400·1.05 = 4.375 WETH, of which 10% of the 0.2083 bonus goes to the treasury
 * const r = liquidationAmounts(account, AAVE_V3_ETHEREUM, { WETH: '2400', USDC: '1' }, { collateralAsset: 'WETH', debtAsset: 'USDC', rounding: 'aave' });
 * console.log(r.debtRepaid.toString(), r.collateralToLiquidatorBaseUnits, r.protocolFeeBaseUnits); // '10000 4354166666666666666 20833333333333333'
 * console.log(r.healthFactorAfter!.toString()); // '1.1205'
 * ```
 */
export function liquidationAmounts(
  account: LendingAccount,
  market: LendingMarketParams | LendingMarket,
  prices: LendingPrices,
  opts: LiquidationOptions,
): LiquidationResult {
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  const rounding = o.rounding === undefined ? 'exact' : o.rounding;
  if (rounding !== 'exact' && rounding !== 'aave')
    throw new RiskInputError('opts.rounding', "'exact' or 'aave'", o.rounding);
  const r = resolve(account, market, prices, o.oracle);
  const m = r.market;
  const R = rounding === 'aave' ? AAVE : EXACT;
  const scaleP = new Money(10).pow(m.priceDecimals);
  if (rounding === 'aave') {
    for (const l of [...r.supplies, ...r.borrows]) {
      if (!l.price.mul(scaleP).isInteger())
        throw new RiskInputError(
          joinPath('prices', l.reserve.asset),
          `a price with at most ${m.priceDecimals} decimals (the oracle's) for rounding 'aave'`,
          l.price.toString(),
        );
      for (const f of [l.lt, l.ltv, l.bonus, l.reserve.liquidationProtocolFee]) {
        if (!f.mul(BPS).isInteger())
          throw new RiskInputError(
            joinPath('market.reserves', l.reserve.asset),
            "fractions in whole basis points for rounding 'aave'",
            f.toString(),
          );
      }
    }
  }
  const collAsset = reserveOf(m, o.collateralAsset, 'opts.collateralAsset').asset;
  const debtAsset = reserveOf(m, o.debtAsset, 'opts.debtAsset').asset;
  // Balances per reserve (one line per asset: sum duplicates into the first line).
  const amounts = new Map<Line, Money>();
  const merge = (ls: Line[]) => {
    const byAsset = new Map<string, Line>();
    const out: Line[] = [];
    for (const l of ls) {
      const prev = byAsset.get(l.reserve.asset);
      if (prev) {
        amounts.set(prev, amounts.get(prev)!.plus(l.amount));
        prev.collateral = prev.collateral || l.collateral;
      } else {
        byAsset.set(l.reserve.asset, l);
        amounts.set(l, l.amount);
        out.push(l);
      }
    }
    return out;
  };
  const supplies = merge(r.supplies);
  const borrows = merge(r.borrows);
  const collLine = supplies.find((s) => s.reserve.asset === collAsset);
  const debtLine = borrows.find((b) => b.reserve.asset === debtAsset);

  const before = accountData(supplies, borrows, amounts, R, scaleP);
  const hfOf = (wad: Money | null) => (wad === null ? null : wad.div(WAD));
  const debtDec = m.reserves.get(debtAsset)!.decimals;
  const collDec = m.reserves.get(collAsset)!.decimals;
  const unitD = new Money(10).pow(debtDec);
  const unitC = new Money(10).pow(collDec);
  const fail = (reason: LiquidationReason, extra: Partial<LiquidationResult> = {}): LiquidationResult => ({
    allowed: false,
    reason,
    healthFactorBefore: hfOf(before.hfWad),
    closeFactor: ZERO,
    maxLiquidatableDebt: ZERO,
    debtRepaid: ZERO,
    debtRepaidBaseUnits: 0n,
    collateralToLiquidator: ZERO,
    collateralToLiquidatorBaseUnits: 0n,
    protocolFee: ZERO,
    protocolFeeBaseUnits: 0n,
    deficit: [],
    healthFactorAfter: hfOf(before.hfWad),
    oracleFlags: r.flags,
    ...extra,
  });
  if (before.hfWad === null || !before.hfWad.lt(WAD)) return fail('HEALTH_FACTOR_NOT_BELOW_THRESHOLD');
  if (!collLine?.collateral || amounts.get(collLine)!.isZero()) return fail('COLLATERAL_CANNOT_BE_LIQUIDATED');
  if (!debtLine || amounts.get(debtLine)!.isZero()) return fail('SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER');

  // Work in base units (integers in 'aave') and scaled prices.
  const Bc = amounts.get(collLine)!.mul(unitC);
  const Dd = amounts.get(debtLine)!.mul(unitD);
  const Pc = collLine.price.mul(scaleP);
  const Pd = debtLine.price.mul(scaleP);
  const bonusBps = ONE.plus(collLine.bonus).mul(BPS);
  const feeBps = collLine.reserve.liquidationProtocolFee.mul(BPS);
  const minBase = m.minBaseMaxCloseFactorThreshold.mul(scaleP);
  const minLeft = m.minLeftoverBase.mul(scaleP);

  const debtBase = R.fl(Dd.mul(Pd).div(unitD));
  const collBase = R.fl(Bc.mul(Pc).div(unitC));
  let maxDebt = Dd;
  let closeFactor = ONE;
  if (collBase.gte(minBase) && debtBase.gte(minBase) && before.hfWad.gt(m.closeFactorHfThreshold.mul(WAD))) {
    const cfBase = R.pctMul(before.td, m.closeFactor.mul(BPS));
    closeFactor = m.closeFactor;
    if (debtBase.gt(cfBase)) maxDebt = R.fl(cfBase.mul(unitD).div(Pd));
  }
  let toCover = maxDebt;
  if (o.debtToCover !== undefined) {
    const want = toMoney(o.debtToCover, 'opts.debtToCover', { decimals: debtDec, min: 'nonnegative' }).mul(unitD);
    const w = rounding === 'aave' ? want.floor() : want;
    if (w.lt(toCover)) toCover = w;
  }
  // _calculateAvailableCollateralToLiquidate
  const baseCollateral = R.fl(Pd.mul(toCover).mul(unitC).div(Pc.mul(unitD)));
  const maxColl = R.pctMul(baseCollateral, bonusBps);
  let collAmount: Money;
  let debtNeeded: Money;
  if (maxColl.gt(Bc)) {
    collAmount = Bc;
    debtNeeded = R.pctDiv(R.fl(Pc.mul(collAmount).mul(unitD).div(Pd.mul(unitC))), bonusBps);
  } else {
    collAmount = maxColl;
    debtNeeded = toCover;
  }
  const collInBase = R.fl(collAmount.mul(Pc).div(unitC));
  let fee = ZERO;
  if (!feeBps.isZero()) {
    const bonusColl = collAmount.minus(R.pctDiv(collAmount, bonusBps));
    fee = R.pctMul(bonusColl, feeBps);
    collAmount = collAmount.minus(fee);
  }
  const common = {
    healthFactorBefore: hfOf(before.hfWad),
    closeFactor,
    maxLiquidatableDebt: maxDebt.div(unitD),
  };
  // Dust rule (v3.3): all debt, all collateral, or ≥ MIN_LEFTOVER_BASE of both left.
  if (debtNeeded.lt(Dd) && collAmount.plus(fee).lt(Bc)) {
    const debtLeft = R.fl(Dd.minus(debtNeeded).mul(Pd).div(unitD));
    const collLeft = R.fl(Bc.minus(collAmount).minus(fee).mul(Pc).div(unitC));
    if (!(debtLeft.gte(minLeft) && collLeft.gte(minLeft))) return fail('MUST_NOT_LEAVE_DUST', common);
  }
  // Apply, then the deficit rule: no collateral left → every remaining debt is written off.
  amounts.set(collLine, Bc.minus(collAmount).minus(fee).div(unitC));
  amounts.set(debtLine, Dd.minus(debtNeeded).div(unitD));
  const deficit: LiquidationResult['deficit'] = [];
  if (before.tc.eq(collInBase)) {
    for (const b of borrows) {
      const left = amounts.get(b)!;
      if (left.gt(0)) deficit.push({ asset: b.reserve.asset, amount: left });
      amounts.set(b, ZERO);
    }
  }
  const after = accountData(supplies, borrows, amounts, R, scaleP);
  const units = (x: Money) => BigInt(x.floor().toFixed(0));
  return {
    allowed: true,
    reason: null,
    ...common,
    debtRepaid: debtNeeded.div(unitD),
    debtRepaidBaseUnits: units(debtNeeded),
    collateralToLiquidator: collAmount.div(unitC),
    collateralToLiquidatorBaseUnits: units(collAmount),
    protocolFee: fee.div(unitC),
    protocolFeeBaseUnits: units(fee),
    deficit,
    healthFactorAfter: hfOf(after.hfWad),
    oracleFlags: r.flags,
  };
}
