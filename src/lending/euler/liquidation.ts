/**
 * Euler v2 liquidation (Liquidation.sol): the discount is 1 − health score, capped by maxLiquidationDiscount; the
 * liquidator takes over up to all the debt and receives collateral worth repay / (1 − discount), capped by the
 * collateral balance; debt left on an account without collateral is socialised.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkNumber, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { checkUint } from '../preview/check.js';
import type { ProtocolLiquidationResult } from '../preview/liquidationResult.js';
import {
  CONFIG_SCALE,
  MIN_SOCIALIZATION_LIABILITY_VALUE,
  liquidityOf,
  quote,
  readEulerAccount,
  readEulerVault,
} from './vault.js';
import type { EulerAccount, EulerAccountV, EulerVault, EulerVaultV } from './vault.js';

/** Options of {@link eulerAccountLiquidity}. */
export interface EulerLiquidityOptions {
  /** `'liquidation'` (default: liquidation LTVs, ramped) or `'borrowing'` (borrowing LTVs). */
  ltv?: 'liquidation' | 'borrowing';
  /** Unix seconds, for LTV ramps; omitted: ramps are taken as complete. */
  now?: number;
}

/** Result of {@link eulerAccountLiquidity} (unit of account). */
export interface EulerLiquidityResult {
  /** Σ collateral value × LTV. */
  collateralValue: bigint;
  liabilityValue: bigint;
  /** collateralValue × 1e18 / liabilityValue (wad, down); null without debt. */
  healthScore: bigint | null;
}

const LIQ_KEYS = knownKeys('ltv', 'now');
const OPTS_KEYS = knownKeys('collateral', 'desiredRepay', 'now');

const readNow = (v: unknown, path: string): bigint | null =>
  v === undefined ? null : BigInt(checkNumber(v, path, { ge: 0, le: 2 ** 48 - 1, integer: true }));

/**
 * Account liquidity as EVK's `accountLiquidity(account, liquidation)`: Σ quote(collateral) × LTV / 1e4 against
 * the liability's quote, and the health score collateral / liability.
 *
 * @example
 * ```ts
 * import { eulerAccountLiquidity } from 'riskcore/lending';
 * const vault = { liabilityPrice: 25n * 10n ** 17n, maxLiquidationDiscount: 2000,
 *   collaterals: [{ asset: 'eTST2', price: 4n * 10n ** 17n, borrowLTV: 3000, liquidationLTV: 3000 }] };
 * // 100 eTST2 × 0.4 × 0.3 = 12 against 5 TST × 2.5 = 12.5
 * const r = eulerAccountLiquidity({ debt: 5n * 10n ** 18n, collateral: { eTST2: 100n * 10n ** 18n } }, vault);
 * console.log(r.healthScore); // 960000000000000000n
 * ```
 */
export function eulerAccountLiquidity(
  account: EulerAccount,
  vault: EulerVault,
  opts: EulerLiquidityOptions = {},
): EulerLiquidityResult {
  const v = readEulerVault(vault);
  const a = readEulerAccount(account, v);
  const o = checkStrictObject(opts, 'opts', LIQ_KEYS);
  const mode = o.ltv === undefined ? 'liquidation' : o.ltv;
  if (mode !== 'liquidation' && mode !== 'borrowing')
    throw new RiskInputError('opts.ltv', "'liquidation' or 'borrowing'", o.ltv);
  const l = liquidityOf(a, v, mode === 'liquidation', readNow(o.now, 'opts.now'));
  return {
    ...l,
    healthScore: l.liabilityValue === 0n ? null : mulDivDownRaw(l.collateralValue, WAD, l.liabilityValue),
  };
}

/** Options of {@link eulerLiquidate}. */
export interface EulerLiquidateOptions {
  /** The collateral seized. */
  collateral: string;
  /** Debt the liquidator takes over (assets); omitted: the maximum (the contract's type(uint256).max). */
  desiredRepay?: bigint;
  /** Unix seconds, for the cool-off and LTV ramps; omitted: both taken as elapsed. */
  now?: number;
}

/** Result of {@link eulerLiquidate}: the common result and checkLiquidation's maxima. */
export interface EulerLiquidationResult extends ProtocolLiquidationResult {
  protocol: 'euler-v2';
  /** checkLiquidation: the most debt (assets) and the collateral (balance) for it. */
  maxRepay: bigint;
  maxYield: bigint;
  /** 1 − discount, wad: the health score floored at 1 − maxLiquidationDiscount. */
  discountFactor: bigint;
  /** The account after (inputs are not modified). */
  accountAfter: EulerAccount;
}

/** Kernel: calculateLiquidation + executeLiquidation on validated inputs. */
export function liquidateOf(
  a: EulerAccountV,
  v: EulerVaultV,
  coll: string,
  desired: bigint | null,
  now: bigint | null,
): EulerLiquidationResult {
  const l = liquidityOf(a, v, true, now);
  const hf = l.liabilityValue === 0n ? null : mulDivDownRaw(l.collateralValue, WAD, l.liabilityValue);
  const asAccount = (x: EulerAccountV): EulerAccount => ({
    debt: x.debt,
    collateral: Object.fromEntries(x.collateral),
    ...(x.lastStatusCheck === null ? {} : { lastStatusCheck: Number(x.lastStatusCheck) }),
  });
  const fail = (reason: string, extra: Partial<EulerLiquidationResult> = {}): EulerLiquidationResult => ({
    protocol: 'euler-v2',
    allowed: false,
    reason,
    debtRepaid: 0n,
    collateralSeized: [],
    incentiveFactor: 0n,
    badDebt: 0n,
    healthFactorBefore: hf,
    healthFactorAfter: hf,
    maxRepay: 0n,
    maxYield: 0n,
    discountFactor: 0n,
    accountAfter: asAccount(a),
    ...extra,
  });
  if (!a.collateral.has(coll)) return fail('E_CollateralDisabled');
  if (now !== null && now < (a.lastStatusCheck ?? 0n) + v.liquidationCoolOffTime) return fail('E_LiquidationCoolOff');
  if (a.debt === 0n) return fail('NoLiability');
  const c = v.collaterals.find((x) => x.asset === coll)!;
  let repay = 0n;
  let yieldBalance = 0n;
  let discountFactor = 0n;
  if (!(l.collateralValue > l.liabilityValue || l.liabilityValue === 0n)) {
    discountFactor = mulDivDownRaw(l.collateralValue, WAD, l.liabilityValue);
    const minDiscountFactor = WAD - mulDivDownRaw(WAD, v.maxLiquidationDiscount, CONFIG_SCALE);
    if (discountFactor < minDiscountFactor) discountFactor = minDiscountFactor;
    const balance = a.collateral.get(coll) ?? 0n;
    const collateralValue = quote(balance, c.price);
    if (collateralValue === 0n) {
      yieldBalance = balance;
    } else {
      let maxRepayValue = l.liabilityValue;
      let maxYieldValue = mulDivDownRaw(maxRepayValue, WAD, discountFactor);
      if (collateralValue < maxYieldValue) {
        maxRepayValue = mulDivDownRaw(collateralValue, discountFactor, WAD);
        maxYieldValue = collateralValue;
      }
      repay = mulDivDownRaw(maxRepayValue, a.debt, l.liabilityValue);
      yieldBalance = mulDivDownRaw(maxYieldValue, balance, collateralValue);
    }
  }
  const maxRepay = repay;
  const maxYield = yieldBalance;
  if (desired !== null) {
    if (desired > maxRepay) return fail('E_ExcessiveRepayAmount', { maxRepay, maxYield, discountFactor });
    if (maxRepay > 0n) {
      yieldBalance = mulDivDownRaw(desired, yieldBalance, maxRepay);
      repay = desired;
    }
  }
  if (repay === 0n && yieldBalance === 0n) return fail('NoViolation', { maxRepay, maxYield, discountFactor });
  const after: EulerAccountV = { ...a, collateral: new Map(a.collateral), debt: a.debt - repay };
  after.collateral.set(coll, (after.collateral.get(coll) ?? 0n) - yieldBalance);
  let badDebt = 0n;
  const noCollateral = v.collaterals.every((x) => (after.collateral.get(x.asset) ?? 0n) === 0n);
  if (l.liabilityValue >= MIN_SOCIALIZATION_LIABILITY_VALUE && a.debt > repay && noCollateral) {
    badDebt = a.debt - repay;
    after.debt = 0n;
  }
  const la = liquidityOf(after, v, true, now);
  return {
    protocol: 'euler-v2',
    allowed: true,
    reason: null,
    debtRepaid: repay,
    collateralSeized: yieldBalance === 0n ? [] : [{ asset: coll, amount: yieldBalance }],
    incentiveFactor: discountFactor === 0n ? 0n : mulDivDownRaw(WAD, WAD, discountFactor),
    badDebt,
    healthFactorBefore: hf,
    healthFactorAfter: la.liabilityValue === 0n ? null : mulDivDownRaw(la.collateralValue, WAD, la.liabilityValue),
    maxRepay,
    maxYield,
    discountFactor,
    accountAfter: asAccount(after),
  };
}

/**
 * One Euler v2 liquidation as `liquidate(violator, collateral, repayAssets, minYield)` computes it (interest as
 * already accrued into `debt`; the account's `collateral` keys are its enabled collaterals): refused for a collateral
 * the account has not enabled (`'E_CollateralDisabled'`), in the cool-off (`'E_LiquidationCoolOff'`) or when `desiredRepay` exceeds
 * the maximum (`'E_ExcessiveRepayAmount'`); a healthy account (collateral × liquidation LTV > liability) gives
 * `'NoViolation'` and an account without debt `'NoLiability'` (both no-ops in the contract). The discount factor is the health score, floored at
 * 1 − maxLiquidationDiscount; the maximum yield is worth liability / discount factor, capped by the collateral's
 * value (then the repay shrinks to collateral × discount factor); a partial repay takes a proportional yield; an
 * account left with debt and no collateral has the rest socialised (`badDebt`) when its liability was worth ≥ 1e6.
 *
 * @example
 * ```ts
 * import { eulerLiquidate } from 'riskcore/lending';
 * const vault = { liabilityPrice: 25n * 10n ** 17n, maxLiquidationDiscount: 2000,
 *   collaterals: [{ asset: 'eTST2', price: 4n * 10n ** 17n, borrowLTV: 3000, liquidationLTV: 3000 }] };
 * // health 0.96: repay all 5 TST for collateral worth 12.5 / 0.96 = 13.02 units, i.e. 32.55 eTST2 (0.4 each)
 * const r = eulerLiquidate({ debt: 5n * 10n ** 18n, collateral: { eTST2: 100n * 10n ** 18n } }, vault, { collateral: 'eTST2' });
 * console.log(r.maxRepay, r.maxYield); // '5000000000000000000 32552083333333333332'
 * ```
 */
export function eulerLiquidate(
  account: EulerAccount,
  vault: EulerVault,
  opts: EulerLiquidateOptions,
): EulerLiquidationResult {
  const v = readEulerVault(vault);
  const a = readEulerAccount(account, v);
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  if (typeof o.collateral !== 'string' || !v.collaterals.some((x) => x.asset === o.collateral))
    throw new RiskInputError(joinPath('opts', 'collateral'), 'a collateral of the vault', o.collateral);
  const desired = o.desiredRepay === undefined ? null : checkUint(o.desiredRepay, 'opts.desiredRepay', 256);
  return liquidateOf(a, v, o.collateral, desired, readNow(o.now, 'opts.now'));
}
