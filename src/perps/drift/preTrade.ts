/**
 * Drift v2's pre-trade checks: the margin effect of placing (or cancelling) a perp order before it fills — the
 * order adds to the position's open bids or asks and $0.01 of requirement, and a risk-increasing order must leave
 * initial margin met (`meets_place_order_margin_requirement`) — the largest order that passes, and the largest
 * withdrawal of a deposit (math/margin.rs `calculate_max_withdrawable_amount`).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkEnum, checkStrictObject, checkString, joinPath, knownKeys, optionalEnum } from '../../core/validate.js';
import { BASE, MARGIN, PRICE } from './constants.js';
import { babs, bmax, bmin, readIntAt, U64_MAX, type DriftInt } from './int.js';
import {
  accountMargin,
  marginLines,
  marginOf,
  type DriftAccountMarginResult,
  type MarginLines,
  type Valued,
} from './marginKernel.js';
import type { DriftMarginType } from './market.js';
import { readContext, withPosition } from './orderContext.js';
import type { PerpPosition } from './position.js';
import type { DriftPreparedAccount, DriftPreparedMarket } from './prepared.js';
import { spotAssetWeight } from './ratios.js';
import type { DriftAccountInput, DriftMarginContextInput } from './readAccount.js';

/** A perp order to place or cancel. */
export interface DriftOrderInput {
  /** The perp market (a key of `context.perpMarkets`). */
  market: string;
  direction: 'long' | 'short';
  /** Order size, base precision 10⁹ (> 0). */
  baseAssetAmount: DriftInt;
  /** `'place'` (default) or `'cancel'` (removes an open order of that size and direction). */
  action?: 'place' | 'cancel';
}

/**
 * The account and markets an order is checked against: the markets as in `driftAccountMargin`'s context, or a
 * prepared market as `market` (then no other market field), with a raw account or one prepared against it.
 */
export interface DriftOrderContextInput extends DriftMarginContextInput {
  account: DriftAccountInput | DriftPreparedAccount;
  /** A prepared market (`prepareDriftMarket`), in place of the market fields. */
  market?: DriftPreparedMarket;
}

/** Why an order is accepted or rejected. */
export type DriftOrderReason =
  | 'meets-initial-margin'
  | 'meets-maintenance-margin'
  | 'insufficient-collateral'
  | 'cancelled';

/** The margin effect of an order. */
export interface DriftOrderMarginResult {
  accepted: boolean;
  reason: DriftOrderReason;
  /** Whether Drift counts the order as risk-increasing (`is_new_order_risk_increasing`). */
  riskIncreasing: boolean;
  /** Initial and maintenance margin before and after the order is placed (before any fill). */
  initialBefore: DriftAccountMarginResult;
  initialAfter: DriftAccountMarginResult;
  maintenanceAfter: DriftAccountMarginResult;
  /** The account with the order added to the position's open orders. */
  account: {
    spotPositions: { market: string; tokenAmount: bigint; openOrders: bigint; openBids: bigint; openAsks: bigint }[];
    perpPositions: {
      market: string;
      baseAssetAmount: bigint;
      quoteAssetAmount: bigint;
      lastCumulativeFundingRate: bigint;
      openOrders: bigint;
      openBids: bigint;
      openAsks: bigint;
    }[];
  };
}

const ORDER_KEYS = knownKeys('market', 'direction', 'baseAssetAmount', 'action');
const MAX_ORDER = 10n ** 17n;

interface Order {
  market: string;
  long: boolean;
  size: bigint;
  cancel: boolean;
}

function readOrder(value: unknown, path: string, needSize: boolean): Order {
  const o = checkStrictObject(value, path, ORDER_KEYS);
  return {
    market: checkString(o.market, joinPath(path, 'market')),
    long: checkEnum(o.direction, joinPath(path, 'direction'), ['long', 'short'] as const) === 'long',
    size: needSize ? readIntAt(o.baseAssetAmount, path, 'baseAssetAmount', 'u64', 1n, MAX_ORDER) : 0n,
    cancel: optionalEnum(o.action, joinPath(path, 'action'), ['place', 'cancel'] as const, 'place') === 'cancel',
  };
}

/** The account with the order applied to the position's open orders (or removed from them). */
export function applyOrder(v: Valued, index: number, o: Order, path: string): Valued {
  const p = v.perps[index] as PerpPosition;
  const sign = o.cancel ? -1n : 1n;
  const next: PerpPosition = {
    ...p,
    openOrders: p.openOrders + sign,
    openBids: o.long ? p.openBids + sign * o.size : p.openBids,
    openAsks: o.long ? p.openAsks : p.openAsks - sign * o.size,
  };
  if (next.openOrders < 0n || next.openBids < 0n || next.openAsks > 0n) {
    throw new RiskInputError(joinPath(path, 'baseAssetAmount'), 'an open order of the position to cancel', o.size);
  }
  if (next.openOrders > 32n) throw new RiskInputError(path, 'at most 32 open orders (MAX_OPEN_ORDERS)', o.size);
  return { ...v, perps: v.perps.map((q, i) => (i === index ? next : q)) };
}

const worstSize = (p: PerpPosition): bigint => bmax(babs(p.base + p.openBids), babs(p.base + p.openAsks));

/** `is_new_order_risk_increasing`, on the position before the order (not reduce-only). */
function riskIncreasingOrder(p: PerpPosition, o: Order): boolean {
  if (o.cancel) return false;
  if (o.long) return p.base >= 0n || p.openBids + o.size > babs(p.base);
  return p.base <= 0n || babs(p.openAsks - o.size) > p.base;
}

/**
 * `meets_place_order_margin_requirement`: initial margin if risk-increasing, else maintenance. The account's margin
 * lines (`lines`, a prepared account's, or computed here) are reused for every position the order leaves alone.
 */
function check(
  v: Valued,
  index: number,
  o: Order,
  hlm: boolean,
  path: string,
  lines?: (t: DriftMarginType) => MarginLines,
) {
  const after = applyOrder(v, index, o, path);
  const before = marginLines(v, 'initial', hlm, 0n, lines?.('initial'));
  const initialBefore = marginOf(before);
  // a raw account's maintenance lines take each position's type-independent figures from the initial ones
  const afterInitial = marginLines(after, 'initial', hlm, 0n, before);
  const initialAfter = marginOf(afterInitial);
  const maintenanceAfter = marginOf(marginLines(after, 'maintenance', hlm, 0n, lines?.('maintenance') ?? afterInitial));
  const riskIncreasing = riskIncreasingOrder(v.perps[index] as PerpPosition, o);
  const target = riskIncreasing ? initialAfter : maintenanceAfter;
  const meets = o.cancel || target.totalCollateral >= target.marginRequirement;
  const reason: DriftOrderReason = o.cancel
    ? 'cancelled'
    : !meets
      ? 'insufficient-collateral'
      : riskIncreasing
        ? 'meets-initial-margin'
        : 'meets-maintenance-margin';
  return { after, initialBefore, initialAfter, maintenanceAfter, riskIncreasing, accepted: meets, reason };
}

/**
 * The margin effect of placing (or cancelling) a perp order before it fills, and whether Drift accepts it: the
 * order joins the position's open bids or asks (so the requirement is on the worst side filling) and adds $0.01; a
 * risk-increasing order (`is_new_order_risk_increasing`: same side as the position, or bids/asks beyond it) must
 * leave total collateral ≥ the initial margin requirement, any other ≥ the maintenance requirement. A cancel is
 * always accepted.
 *
 * @param order the order
 * @param context the account and its markets (or a prepared market as `market`, with a raw or prepared account)
 * @param options `mode`: the user's margin mode
 * @example
 * ```ts
 * import { driftOrderMarginCheck } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const context = {
 *   account: { spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }] },
 *   spotMarkets: { USDC: usdc },
 *   perpMarkets: { 'SOL-PERP': { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n } },
 * };
 * const r = driftOrderMarginCheck({ market: 'SOL-PERP', direction: 'long', baseAssetAmount: 50_000_000_000n }, context);
 * console.log(r.accepted); // true
 * console.log(r.reason); // 'meets-initial-margin'
 * console.log(r.initialAfter.marginRequirement); // 500010000n
 * ```
 */
export function driftOrderMarginCheck(
  order: DriftOrderInput,
  context: DriftOrderContextInput,
  options: { mode?: 'standard' | 'highLeverage' } = {},
): DriftOrderMarginResult {
  const o = readOrder(order, 'order', true);
  const c = readContext(context, options);
  const { v, index } = withPosition(c.v, o.market, 'order.market', c);
  const r = check(v, index, o, c.hlm, 'order', c.lines);
  return {
    accepted: r.accepted,
    reason: r.reason,
    riskIncreasing: r.riskIncreasing,
    initialBefore: r.initialBefore,
    initialAfter: r.initialAfter,
    maintenanceAfter: r.maintenanceAfter,
    account: {
      spotPositions: r.after.spot.map((s) => ({
        market: s.market,
        tokenAmount: s.amount,
        openOrders: s.openOrders,
        openBids: s.openBids,
        openAsks: s.openAsks,
      })),
      perpPositions: r.after.perps.map((p) => ({
        market: p.market,
        baseAssetAmount: p.base,
        quoteAssetAmount: p.quote,
        lastCumulativeFundingRate: p.lastCum,
        openOrders: p.openOrders,
        openBids: p.openBids,
        openAsks: p.openAsks,
      })),
    },
  };
}

/** The largest order Drift accepts. */
export interface DriftMaxOrderSizeResult {
  /** Base amount, 10⁹, a multiple of the market's order step. */
  baseAssetAmount: bigint;
}

/**
 * The largest order (a multiple of the order step) in `order.direction` that {@link driftOrderMarginCheck} accepts:
 * a bisection over step multiples on the monotone initial-margin check.
 *
 * @param order `market` and `direction` (`baseAssetAmount` is not read)
 * @param context the account and its markets (or a prepared market as `market`, with a raw or prepared account)
 * @example
 * ```ts
 * import { driftMaxOrderSize } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const context = {
 *   account: { spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }] },
 *   spotMarkets: { USDC: usdc },
 *   perpMarkets: {
 *     'SOL-PERP': { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n, orderStepSize: 10_000_000n },
 *   },
 * };
 * console.log(driftMaxOrderSize({ market: 'SOL-PERP', direction: 'long' }, context).baseAssetAmount); // 99990000000n
 * ```
 */
export function driftMaxOrderSize(
  order: { market: string; direction: 'long' | 'short' },
  context: DriftOrderContextInput,
  options: { mode?: 'standard' | 'highLeverage' } = {},
): DriftMaxOrderSizeResult {
  const o = readOrder(order, 'order', false);
  if (o.cancel) throw new RiskInputError('order.action', "absent or 'place'", 'cancel');
  const c = readContext(context, options);
  const hlm = c.hlm;
  const { v, index } = withPosition(c.v, o.market, 'order.market', c);
  const m = v.perpMarkets.get(o.market)!;
  const p = v.perps[index] as PerpPosition;
  const step = m.stepSize;
  // the account's lines, computed once for every order size tried
  const kept = new Map<DriftMarginType, MarginLines>();
  const lines = (t: DriftMarginType) => {
    let l = kept.get(t);
    if (l === undefined) kept.set(t, (l = marginLines(v, t, hlm, 0n, c.lines?.(t))));
    return l;
  };
  const ok = (k: bigint) => k === 0n || check(v, index, { ...o, size: k * step }, hlm, 'order', lines).accepted;
  const free = marginOf(lines('initial')).freeCollateral;
  const ratio = m.initial < 1n ? 1n : m.initial;
  const notional = (free * MARGIN) / ratio + 1n;
  let hi = ((notional * BASE) / m.oraclePrice + 2n * worstSize(p)) / step + 2n;
  hi = bmin(hi, (10n ** 17n - babs(p.base)) / step);
  if (p.openOrders >= 32n) return { baseAssetAmount: 0n };
  let lo = 0n;
  while (ok(hi) && hi < 10n ** 17n / step) hi *= 2n;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return { baseAssetAmount: lo * step };
}

/** The largest withdrawal of a deposit. */
export interface DriftMaxWithdrawableResult {
  /** Tokens, in the token's decimals: min(deposit, the margin limit). */
  amount: bigint;
  /** Drift's margin limit (`calculate_max_withdrawable_amount`); `u64::MAX` when the asset weight is 0. */
  marginLimit: bigint;
}

/**
 * The largest amount of a deposit that can be withdrawn with initial margin still met: all of it without
 * liabilities, else (free collateral − 1) × 10⁴ / initial asset weight at the oracle price
 * (`calculate_max_withdrawable_amount`), at most the deposit.
 *
 * @param spot `market`: the spot market of the deposit
 * @param context the account and its markets (or a prepared market as `market`, with a raw or prepared account)
 * @example
 * ```ts
 * import { driftMaxWithdrawable } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const context = {
 *   account: {
 *     spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }],
 *     perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 50_000_000_000n, quoteAssetAmount: -5_000_000_000n }],
 *   },
 *   spotMarkets: { USDC: usdc },
 *   perpMarkets: { 'SOL-PERP': { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n } },
 * };
 * console.log(driftMaxWithdrawable({ market: 'USDC' }, context).amount); // 499999999n
 * ```
 */
export function driftMaxWithdrawable(
  spot: { market: string },
  context: DriftOrderContextInput,
  options: { mode?: 'standard' | 'highLeverage' } = {},
): DriftMaxWithdrawableResult {
  const s = checkStrictObject(spot, 'spot', knownKeys('market'));
  const market = checkString(s.market, 'spot.market');
  const { v, hlm, lines } = readContext(context, options);
  const m = v.spot.some((x) => x.market === market) ? v.spotMarkets.get(market) : undefined;
  if (m === undefined) throw new RiskInputError('spot.market', 'a spot market the account has a balance in', market);
  const tokens = v.spot.filter((x) => x.market === market).reduce((a, x) => a + x.amount, 0n);
  const amount = tokens > 0n ? tokens : 0n;
  const calc = lines === undefined ? accountMargin(v, 'initial', hlm, 0n) : marginOf(lines('initial'));
  const weight = spotAssetWeight(amount, m, 'initial', 'spot.market');
  if (weight === 0n) return { amount, marginLimit: U64_MAX };
  if (calc.numberOfLiabilities === 0) return { amount, marginLimit: amount };
  const [ns, ds] = m.decimals > 6n ? [10n ** (m.decimals - 6n), 1n] : [1n, 10n ** (6n - m.decimals)];
  const free = calc.freeCollateral > 0n ? calc.freeCollateral - 1n : 0n;
  const limit = (((((free * MARGIN) / weight) * PRICE) / m.price) * ns) / ds;
  return { amount: bmin(amount, limit), marginLimit: limit };
}
