/**
 * What-if preview of an Euler v2 account: supply, withdraw, borrow, repay, collateral swap and liquidation to a
 * target health, with the health, borrowing power and liquidation price after, in the vault kit's integers.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkNumber, checkStrictObject, knownKeys } from '../../core/validate.js';
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { liquidateOf } from '../euler/liquidation.js';
import type { EulerLiquidationResult } from '../euler/liquidation.js';
import { liquidityOf, readEulerAccount, readEulerVault } from '../euler/vault.js';
import type { EulerAccount, EulerAccountV, EulerVaultV, EulerVault } from '../euler/vault.js';
import { actionName, readAction, smallestPassing } from './action.js';
import type { PreviewAction, PreviewResult } from './action.js';
import { checkUint } from './check.js';

/** Options of {@link previewEuler}. */
export interface EulerPreviewOptions {
  action: PreviewAction<bigint>;
  /** The collateral whose liquidation price is reported; default: the held collateral of largest value. */
  watch?: string;
  /** Unix seconds, for LTV ramps and the liquidation cool-off; omitted: both taken as elapsed. */
  now?: number;
}

/** Result of {@link previewEuler}: debt-asset base units, wad health, prices per 1e18 base units. */
export type EulerPreviewResult = PreviewResult<EulerAccount, bigint, EulerLiquidationResult>;

const OPTS_KEYS = knownKeys('action', 'watch', 'now');
const P128 = 2n ** 128n - 1n;

/** Health score under liquidation LTVs (wad), null without liability value. */
function healthOf(a: EulerAccountV, v: EulerVaultV, now: bigint | null): bigint | null {
  const l = liquidityOf(a, v, true, now);
  return l.liabilityValue === 0n ? null : mulDivDownRaw(l.collateralValue, WAD, l.liabilityValue);
}

/** The smallest price of `asset` at which the account is not liquidatable (null: none changes the outcome). */
function liquidationPrice(a: EulerAccountV, v: EulerVaultV, asset: string, now: bigint | null): bigint | null {
  if (a.debt === 0n || !(a.collateral.get(asset) ?? 0n)) return null;
  const at = (price: bigint): EulerVaultV => ({
    ...v,
    collaterals: v.collaterals.map((c) => (c.asset === asset ? { ...c, price } : c)),
  });
  const safe = (price: bigint) => {
    const l = liquidityOf(a, at(price), true, now);
    return l.collateralValue > l.liabilityValue || l.liabilityValue === 0n;
  };
  const p = smallestPassing(0n, P128, safe);
  return p === null || p === 0n ? null : p;
}

/**
 * Preview one action on an Euler v2 account without touching the inputs: the account after, the health score
 * (liquidation LTVs, wad), the borrowing power (debt assets borrowable under the borrowing LTVs), the liquidation
 * price of the watched collateral. `withdraw`/`borrow`/`swapCollateral` that fail the account status check
 * (collateral × borrowing LTV must exceed the liability) are `allowed: false` with `'E_AccountLiquidity'`.
 * `liquidate` (with `collateral`) finds the smallest repay after which the health score is at or above
 * `targetHealth` (wad); when none reaches it, the maximum liquidation.
 *
 * @example
 * ```ts
 * import { previewEuler } from 'riskcore/lending';
 * const vault = { liabilityPrice: 25n * 10n ** 17n, maxLiquidationDiscount: 2000,
 *   collaterals: [{ asset: 'eTST2', price: 4n * 10n ** 17n, borrowLTV: 3000, liquidationLTV: 3000 }] };
 * const account = { debt: 5n * 10n ** 18n, collateral: { eTST2: 100n * 10n ** 18n } };
 * const r = previewEuler(account, vault, { action: { type: 'liquidate', targetHealth: 10n ** 18n, collateral: 'eTST2' } });
 * console.log(r.targetReached, r.liquidation!.debtRepaid, r.healthFactor); // 'true 290909090909090909 1000000000000000000'
 * ```
 */
export function previewEuler(account: EulerAccount, vault: EulerVault, opts: EulerPreviewOptions): EulerPreviewResult {
  const v = readEulerVault(vault);
  const a0 = readEulerAccount(account, v);
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  const names = v.collaterals.map((c) => c.asset);
  const watchOpt = o.watch === undefined ? null : actionName(o, 'watch', names, 'opts');
  const now =
    o.now === undefined ? null : BigInt(checkNumber(o.now, 'opts.now', { ge: 0, le: 2 ** 48 - 1, integer: true }));
  const act = readAction(o.action, 'opts.action');
  let a: EulerAccountV = { ...a0, collateral: new Map(a0.collateral) };
  let reason: string | null = null;
  let liquidation: EulerLiquidationResult | null = null;
  let reached: boolean | null = null;
  const amount = (k = 'amount') => checkUint(act[k], `opts.action.${k}`, 128);
  const moveColl = (asset: string, delta: bigint, key: string) => {
    const next = (a.collateral.get(asset) ?? 0n) + delta;
    if (next < 0n) throw new RiskInputError(`opts.action.${key}`, `at most the account's ${asset} balance`, -delta);
    a.collateral.set(asset, next);
  };
  const t = act.type;
  if (t === 'supply' || t === 'withdraw') {
    const asset = actionName(act, 'asset', names, 'opts.action');
    const x = amount();
    moveColl(asset, t === 'supply' ? x : -x, 'amount');
  } else if (t === 'borrow' || t === 'repay') {
    if (act.asset !== undefined) actionName(act, 'asset', ['liability'], 'opts.action');
    const x = amount();
    if (t === 'repay' && x > a.debt)
      throw new RiskInputError('opts.action.amount', 'at most the debt (E_RepayTooMuch)', x);
    a.debt = t === 'borrow' ? a.debt + x : a.debt - x;
  } else if (t === 'swapCollateral') {
    moveColl(actionName(act, 'asset', names, 'opts.action'), -amount(), 'amount');
    moveColl(actionName(act, 'to', names, 'opts.action'), amount('amountTo'), 'amountTo');
  } else {
    const target = checkUint(act.targetHealth, 'opts.action.targetHealth', 256);
    const coll = actionName(act, 'collateral', names, 'opts.action');
    if (act.debtAsset !== undefined) actionName(act, 'debtAsset', ['liability'], 'opts.action');
    const max = liquidateOf(a, v, coll, null, now);
    const ok = (r: EulerLiquidationResult) =>
      r.allowed && (r.healthFactorAfter === null || r.healthFactorAfter >= target);
    let r = max;
    if (max.allowed && max.maxRepay > 0n) {
      const best = smallestPassing(1n, max.maxRepay, (x) => ok(liquidateOf(a, v, coll, x, now)));
      if (best !== null) r = liquidateOf(a, v, coll, best, now);
    }
    liquidation = r;
    reached = ok(r);
    if (r.allowed) a = readEulerAccount(r.accountAfter, v);
    else reason = r.reason;
  }
  const b = liquidityOf(a, v, false, now);
  if (
    reason === null &&
    (t === 'withdraw' || t === 'borrow' || t === 'swapCollateral') &&
    a.debt > 0n &&
    !(b.collateralValue > b.liabilityValue)
  )
    reason = 'E_AccountLiquidity';
  let watch = watchOpt;
  if (watch === null) {
    let best = -1n;
    for (const c of v.collaterals) {
      const bal = a.collateral.get(c.asset) ?? 0n;
      const val = mulDivDownRaw(bal, c.price, WAD);
      if (bal > 0n && val > best) {
        best = val;
        watch = c.asset;
      }
    }
  }
  const room = b.collateralValue > b.liabilityValue ? b.collateralValue - b.liabilityValue : 0n;
  return {
    allowed: reason === null,
    reason,
    after: {
      debt: a.debt,
      collateral: Object.fromEntries(a.collateral),
      ...(a.lastStatusCheck === null ? {} : { lastStatusCheck: Number(a.lastStatusCheck) }),
    },
    healthFactor: healthOf(a, v, now),
    borrowingPower: v.liabilityPrice === 0n ? 0n : mulDivDownRaw(room, WAD, v.liabilityPrice),
    liquidationPrice: watch === null ? null : liquidationPrice(a, v, watch, now),
    liquidation,
    targetReached: reached,
  };
}
