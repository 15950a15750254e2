/**
 * Pre-trade margin of dYdX v4: the subaccount's risk before and after a fill of an order, and whether the chain's
 * collateralization check (`internalCanUpdateSubaccounts`, `IsValidStateTransitionForUndercollateralizedSubaccount`)
 * accepts it — the initial requirement covered after, or an undercollateralized subaccount not made riskier — and
 * the largest order size it accepts.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { readAccount } from './accountRisk.js';
import { fillQuote } from './liquidationCore.js';
import { checkUpdate } from './preTradeCore.js';
import { type DydxRisk, type DydxUpdateResult, settle, transitionResult, withOpenInterest } from './risk.js';
import type { DydxPreparedMarket, DydxPreparedSubaccount } from './prepared.js';
import type { Perp, Sub } from './validate.js';
import {
  type DydxPerpetual,
  type DydxSubaccount,
  checkEnumSide,
  checkExponent,
  checkInt,
  checkUint32,
  optionalInt,
} from './validate.js';

export type { DydxRisk, DydxUpdateResult } from './risk.js';

/** An order as the pre-trade check reads it. */
export interface DydxOrder {
  /** The perpetual traded. */
  readonly perpetualId: number;
  /** 'buy' or 'sell'. */
  readonly side: 'buy' | 'sell';
  /** Size, base quantums (> 0). */
  readonly quantums: bigint | number | string;
  /** Limit price, subticks (> 0). */
  readonly subticks: bigint | number | string;
}
/** Context of {@link dydxPreTradeCheck}. */
export interface DydxPreTradeContext {
  /** The trading subaccount (or one prepared against the prepared market given as `perpetuals`). */
  readonly subaccount: DydxSubaccount | DydxPreparedSubaccount;
  /** The perpetuals the positions and the order refer to, or a prepared market ({@link prepareDydxMarket}). */
  readonly perpetuals: readonly DydxPerpetual[] | DydxPreparedMarket;
  /** The CLOB pair's quantum conversion exponent. */
  readonly quantumConversionExponent: number;
  /**
   * Open-interest change of the match, base quantums ({@link dydxMatchOpenInterestDelta}); the chain margins both
   * the before and after states at the open interest after the match. Default 0.
   */
  readonly openInterestDeltaQuantums?: bigint | number | string;
}
const ORDER_KEYS = knownKeys('perpetualId', 'side', 'quantums', 'subticks');
const CTX_KEYS = knownKeys('subaccount', 'perpetuals', 'quantumConversionExponent', 'openInterestDeltaQuantums');

/** Result of {@link dydxPreTradeCheck}. */
export interface DydxPreTradeResult {
  /** Risk now (funding settled), quote quantums. */
  readonly before: DydxRisk;
  /** Risk if the order fills in full at its limit price, quote quantums. */
  readonly after: DydxRisk;
  /** Free collateral after (NC − IMR). */
  readonly freeCollateralAfter: bigint;
  /** The check's outcome: 'success', or why it is refused. */
  readonly result: DydxUpdateResult;
}

function readOrder(order: unknown, context: unknown, sizeKey: 'quantums' | 'none') {
  const keys = sizeKey === 'none' ? knownKeys('perpetualId', 'side', 'subticks') : ORDER_KEYS;
  const o = checkStrictObject(order, 'order', keys);
  const c = checkStrictObject(context, 'context', sizeKey === 'none' ? MAX_KEYS : CTX_KEYS);
  const { sub, perps } = readAccount(c.subaccount, { perpetuals: c.perpetuals }, 'context');
  const id = checkUint32(o.perpetualId, 'order.perpetualId');
  const listed = perps.get(id);
  if (listed === undefined) throw new RiskInputError('order.perpetualId', 'the id of one of context.perpetuals', id);
  const oiDelta = optionalInt(c.openInterestDeltaQuantums, 'context.openInterestDeltaQuantums', 0n);
  const oi = listed.openInterest + oiDelta;
  if (oi < 0n) {
    throw new RiskInputError(
      'context.openInterestDeltaQuantums',
      `at least −openInterest (${-listed.openInterest})`,
      oiDelta,
    );
  }
  const perp: Perp = oiDelta === 0n ? listed : withOpenInterest(listed, oi);
  const side = checkEnumSide(o.side, 'order.side', ['buy', 'sell']);
  const subticks = checkInt(o.subticks, 'order.subticks', 'positive');
  const qce = checkExponent(c.quantumConversionExponent, 'context.quantumConversionExponent');
  const settled = settle(sub).sub;
  const positions =
    perp === listed ? settled.positions : settled.positions.map((p) => (p.perp.id === id ? { ...p, perp } : p));
  return { o, c, perp, side, subticks, qce, sub: { ...settled, positions } };
}

/** The check of a fill of `q` base quantums. */
function fillCheck(s: Sub, perp: Perp, side: 'buy' | 'sell', q: bigint, subticks: bigint, qce: number) {
  const quote = fillQuote(subticks, q, qce);
  return side === 'buy' ? checkUpdate(s, perp, q, -quote) : checkUpdate(s, perp, -q, quote);
}

/**
 * Margin effect of an order before it fills: the subaccount's NC, IMR and MMR now and after a full fill at the limit
 * price (quote = subticks · quantums · 10^exponent), and the chain's verdict: 'success' when NC ≥ IMR after, or
 * when MMR does not rise and NC/MMR does not fall; otherwise 'newlyUndercollateralized' (IMR was covered before) or
 * 'stillUndercollateralized'. Fees are not included; the match's open-interest change is the
 * `openInterestDeltaQuantums` option.
 *
 * @param order perpetual, side, size and limit price
 * @param context the subaccount, perpetuals and the CLOB pair exponent (perpetuals and subaccount may be prepared:
 *   {@link prepareDydxMarket}, {@link prepareDydxSubaccount})
 * @example
 * ```ts
 * import { dydxPreTradeCheck } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const ctx = { subaccount: { usdcQuantums: 100_000_000n, positions: [] }, perpetuals: [btc], quantumConversionExponent: -9 };
 * const r = dydxPreTradeCheck({ perpetualId: 0, side: 'buy', quantums: 500_000_000n, subticks: 5_000_000_000n }, ctx);
 * console.log(r.after.initialMargin, r.freeCollateralAfter, r.result); // 125000000n -25000000n newlyUndercollateralized
 * ```
 */
export function dydxPreTradeCheck(order: DydxOrder, context: DydxPreTradeContext): DydxPreTradeResult {
  const { o, perp, side, subticks, qce, sub } = readOrder(order, context, 'quantums');
  const q = checkInt(o.quantums, 'order.quantums', 'positive');
  const r = fillCheck(sub, perp, side, q, subticks, qce);
  return {
    before: r.before,
    after: r.after,
    freeCollateralAfter: r.after.netCollateral - r.after.initialMargin,
    result: r.result,
  };
}

/** Context of {@link dydxMaxOrderSize}. */
export interface DydxMaxOrderContext extends DydxPreTradeContext {
  /** The CLOB pair's `step_base_quantums`: sizes are multiples of it (> 0). */
  readonly stepBaseQuantums: bigint | number | string;
  /** Largest size considered, base quantums; default 10¹⁸. */
  readonly maxQuantums?: bigint | number | string;
}
const MAX_KEYS = knownKeys(
  'subaccount',
  'perpetuals',
  'quantumConversionExponent',
  'openInterestDeltaQuantums',
  'stepBaseQuantums',
  'maxQuantums',
);

/**
 * Largest order size (a multiple of the step, base quantums) that {@link dydxPreTradeCheck} accepts at the limit
 * price, found by bisection over step multiples up to `maxQuantums`; 0 when not even one step passes. The search
 * assumes acceptance is monotone in size on the searched side (true while the order only adds to or only reduces a
 * position; when it flips a position the largest passing size on the far side can be missed). An
 * `openInterestDeltaQuantums`, when given, is held fixed across the sizes searched.
 *
 * @param order perpetual, side and limit price
 * @param context the subaccount, perpetuals, CLOB pair exponent and step
 * @example
 * ```ts
 * import { dydxMaxOrderSize } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const ctx = { subaccount: { usdcQuantums: 100_000_000n, positions: [] }, perpetuals: [btc],
 *   quantumConversionExponent: -9, stepBaseQuantums: 1_000_000n };
 * console.log(dydxMaxOrderSize({ perpetualId: 0, side: 'buy', subticks: 5_000_000_000n }, ctx)); // 400000000n
 * ```
 */
export function dydxMaxOrderSize(order: Omit<DydxOrder, 'quantums'>, context: DydxMaxOrderContext): bigint {
  const { c, perp, side, subticks, qce, sub } = readOrder(order, context, 'none');
  const step = checkInt(c.stepBaseQuantums, 'context.stepBaseQuantums', 'positive');
  const cap = c.maxQuantums === undefined ? 10n ** 18n : checkInt(c.maxQuantums, 'context.maxQuantums', 'nonNegative');
  const ok = (k: bigint) => fillCheck(sub, perp, side, k * step, subticks, qce).result === 'success';
  let lo = 0n;
  let hi = cap / step;
  if (hi === 0n || !ok(1n)) return 0n;
  lo = 1n;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (ok(mid)) lo = mid;
    else hi = mid - 1n;
  }
  return lo * step;
}

/** Context of {@link dydxCollateralTransition}: the subaccount's risk before the update. */
export interface DydxTransitionContext {
  /** NC, IMR and MMR before the update, quote quantums. */
  readonly before: DydxRiskInput;
}
/** A risk as input (integers as bigint, safe integer or decimal string). */
export interface DydxRiskInput {
  /** Net collateral. */
  readonly netCollateral: bigint | number | string;
  /** Initial margin requirement (≥ 0). */
  readonly initialMargin: bigint | number | string;
  /** Maintenance margin requirement (≥ 0). */
  readonly maintenanceMargin: bigint | number | string;
}
const RISK_KEYS = knownKeys('netCollateral', 'initialMargin', 'maintenanceMargin');
const readRisk = (v: unknown, path: string): DydxRisk => {
  const o = checkStrictObject(v, path, RISK_KEYS);
  return {
    netCollateral: checkInt(o.netCollateral, `${path}.netCollateral`),
    initialMargin: checkInt(o.initialMargin, `${path}.initialMargin`, 'nonNegative'),
    maintenanceMargin: checkInt(o.maintenanceMargin, `${path}.maintenanceMargin`, 'nonNegative'),
  };
};

/**
 * Verdict on an update that leaves the initial requirement uncovered
 * (`IsValidStateTransitionForUndercollateralizedSubaccount`): 'success' when MMR does not rise and NC/MMR does not
 * fall (ties broken by the smaller MMR; with both MMR zero, only a rising NC passes); otherwise
 * 'newlyUndercollateralized' when IMR was covered before, else 'stillUndercollateralized'. The full check accepts
 * any update with NC ≥ IMR after, and applies this rule otherwise.
 *
 * @param after NC, IMR and MMR after the update, quote quantums
 * @param context the risk before the update
 * @example
 * ```ts
 * import { dydxCollateralTransition } from 'riskcore/perps';
 * const before = { netCollateral: 900n, initialMargin: 1_200n, maintenanceMargin: 600n };
 * console.log(dydxCollateralTransition({ netCollateral: 500n, initialMargin: 800n, maintenanceMargin: 400n }, { before })); // stillUndercollateralized
 * console.log(dydxCollateralTransition({ netCollateral: 700n, initialMargin: 800n, maintenanceMargin: 400n }, { before })); // success
 * ```
 */
export function dydxCollateralTransition(after: DydxRiskInput, context: DydxTransitionContext): DydxUpdateResult {
  const next = readRisk(after, 'after');
  const c = checkStrictObject(context, 'context', knownKeys('before'));
  return transitionResult(readRisk(c.before, 'context.before'), next);
}
