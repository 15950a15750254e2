/**
 * A perp liquidation of an account as Drift v2's `liquidate_perp` (controller/liquidation.rs) sizes and applies it:
 * the position's funding settled, open orders cancelled, the maintenance shortage (with the liquidation buffer) measured, the base amount to cover
 * it from `calculate_base_asset_amount_to_cover_margin_shortage` rounded up to the order step, the transfer at the
 * oracle price with the liquidator and insurance-fund fees charged to the user's quote.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, checkString, knownKeys } from '../../core/validate.js';
import { BASE, LIQ_FEE, MARGIN, QUOTE } from './constants.js';
import {
  accountMargin,
  readValued,
  type DriftAccountMarginResult,
  type DriftMarginContextInput,
  type DriftAccountInput,
  type Valued,
} from './account.js';
import { babs, bmin, readInt, readOptInt, type DriftInt } from './int.js';
import { maxLiquidationFee, maxPctToLiquidate, perpIfFeeRate, rampedFee } from './liquidationFees.js';
import { baseToCover } from './liquidationTransfers.js';
import { perpMarginRatio } from './ratios.js';
import { fundingPayment } from './fundingKernels.js';
import type { PerpMarket } from './market.js';
import type { PerpPosition } from './position.js';

/** Options of {@link driftPerpLiquidation}. */
export interface DriftPerpLiquidationOptions {
  /** The perp market to liquidate (a key of `context.perpMarkets` the account has a position in). */
  market: string;
  /** Liquidation margin buffer, 10⁴ (Drift's `liquidation_margin_buffer_ratio`; default 0). */
  marginBuffer?: DriftInt;
  /** Slots since the user was last active (default 0): past 1 500 the liquidator fee ramps up to its cap. */
  slotsSinceLastActive?: DriftInt;
  /**
   * The per-call limit of `calculate_max_pct_to_liquidate` (default: none, the whole amount that covers the
   * shortage): the initial share (10⁴), the slots over which the rest is released, and the margin already freed.
   */
  pctLimit?: { initialPctToLiquidate: DriftInt; liquidationDuration: DriftInt; liquidationMarginFreed?: DriftInt };
  /** The most base (10⁹) the liquidator takes (default: no limit). */
  liquidatorMaxBaseAssetAmount?: DriftInt;
  /** The user's margin mode (default `'standard'`). */
  mode?: 'standard' | 'highLeverage';
}

/** The liquidation and the account after it. */
export interface DriftPerpLiquidationResult {
  /** Whether the account was below maintenance (plus buffer) once its orders were cancelled. */
  liquidatable: boolean;
  /** Shortage before the liquidation, 10⁶. */
  marginShortage: bigint;
  /** Maintenance margin ratio of the position plus the buffer, 10⁴. */
  marginRatio: bigint;
  /** Base amount transferred to the liquidator, 10⁹ (0 if not liquidatable). */
  baseAssetAmount: bigint;
  /** Its value at the oracle price, 10⁶. */
  baseAssetValue: bigint;
  /** Liquidator fee charged to the user, 10⁶. */
  liquidatorFee: bigint;
  /** Insurance-fund fee charged to the user, 10⁶, and its rate (10⁶). */
  ifFee: bigint;
  ifFeeRate: bigint;
  /** The account after the liquidation (orders cancelled, the position reduced). */
  account: {
    spotPositions: { market: string; tokenAmount: bigint }[];
    perpPositions: {
      market: string;
      baseAssetAmount: bigint;
      quoteAssetAmount: bigint;
      lastCumulativeFundingRate: bigint;
    }[];
  };
  /** Maintenance margin (with the buffer) before and after. */
  before: DriftAccountMarginResult;
  after: DriftAccountMarginResult;
}

const OPTS = knownKeys(
  'market',
  'marginBuffer',
  'mode',
  'slotsSinceLastActive',
  'pctLimit',
  'liquidatorMaxBaseAssetAmount',
);
const PCT_KEYS = knownKeys('initialPctToLiquidate', 'liquidationDuration', 'liquidationMarginFreed');

/** What limits one liquidation call. */
export interface Limits {
  slots: bigint;
  pct?: { initial: bigint; duration: bigint; freed: bigint };
  liquidatorMax?: bigint;
}

/** Kernel: liquidate position `index` of a validated account (orders already cancelled). */
export function liquidatePerp(
  v: Valued,
  index: number,
  buffer: bigint,
  hlm: boolean,
  limits: Limits,
): Omit<DriftPerpLiquidationResult, 'account'> & { valued: Valued } {
  const before = accountMargin(v, 'maintenance', hlm, buffer);
  const p = v.perps[index] as PerpPosition;
  const m = v.perpMarkets.get(p.market)!;
  const size = babs(p.base);
  const ratio = perpMarginRatio(size, m, 'maintenance', hlm, 'options.market') + buffer;
  const none = {
    liquidatable: false,
    marginShortage: before.marginShortage,
    marginRatio: ratio,
    baseAssetAmount: 0n,
    baseAssetValue: 0n,
    liquidatorFee: 0n,
    ifFee: 0n,
    ifFeeRate: 0n,
    before,
    after: before,
    valued: v,
  };
  if (before.marginShortage === 0n || size === 0n) return { ...none, liquidatable: before.marginShortage > 0n };
  const fee = liquidatorFee(m, hlm, limits.slots);
  const price = m.oraclePrice;
  const quote = v.quote.current;
  const ifRate = perpIfFeeRate(before.marginShortage, size, ratio, fee, price, quote, m.ifFee);
  const cover = baseToCover(before.marginShortage, ratio, fee, ifRate, price, quote, 'options.market');
  let toCover = cover.amount;
  if (cover.coversShortage) toCover = ceilStep(toCover, m.stepSize);
  let allowed = toCover;
  if (limits.pct !== undefined) {
    const { initial, duration, freed } = limits.pct;
    const pct = maxPctToLiquidate(before.marginShortage, limits.slots, initial, duration, freed);
    allowed = (toCover * pct) / 10_000n;
    if (allowed === 0n) return { ...none, liquidatable: true };
  }
  const positionValue = (size * price) / BASE;
  const minBase = positionValue > 50n * QUOTE ? 0n : size;
  const cap = limits.liquidatorMax === undefined ? size : bmin(size, limits.liquidatorMax);
  const take = ceilStep(bmin(cap, allowed > minBase ? allowed : minBase), m.stepSize);
  const base = bmin(take, size);
  const value = (base * price) / BASE;
  const liqFee = (value * fee) / LIQ_FEE;
  const ifFee = (value * ifRate) / LIQ_FEE;
  const long = p.base > 0n;
  const next: PerpPosition = {
    ...p,
    base: long ? p.base - base : p.base + base,
    quote: (long ? p.quote + value : p.quote - value) - liqFee - ifFee,
  };
  const perps = v.perps.map((q, i) => (i === index ? next : q));
  const after: Valued = { ...v, perps };
  return {
    liquidatable: true,
    marginShortage: before.marginShortage,
    marginRatio: ratio,
    baseAssetAmount: base,
    baseAssetValue: value,
    liquidatorFee: liqFee,
    ifFee,
    ifFeeRate: ifRate,
    before,
    after: accountMargin(after, 'maintenance', hlm, buffer),
    valued: after,
  };
}

/**
 * The liquidator fee of liquidate_perp: `get_base_liquidator_fee` (in high-leverage mode at most 80% of the HLM
 * maintenance ratio) ramped by `get_liquidation_fee` up to `get_max_liquidation_fee`.
 */
function liquidatorFee(m: PerpMarket, hlm: boolean, slots: bigint): bigint {
  let base = m.liquidatorFee;
  if (hlm && m.hlInitial > 0n && m.hlMaintenance > 0n) {
    const r = m.hlMaintenance * (LIQ_FEE / MARGIN);
    base = bmin(base, r - r / 5n);
  }
  return rampedFee(base, maxLiquidationFee(m.liquidatorFee, m.maintenance), slots);
}

/** standardize_base_asset_amount_ceil. */
function ceilStep(x: bigint, step: bigint): bigint {
  const r = x % step;
  return r === 0n ? x : x - r + step;
}

/** Settle the position's funding into its quote (`settle_funding_payment`, which liquidate_perp calls first). */
export function settleFunding(v: Valued, index: number): Valued {
  const p = v.perps[index] as PerpPosition;
  const m = v.perpMarkets.get(p.market) as PerpMarket;
  const cum = p.base > 0n ? m.cumLong : m.cumShort;
  const settled = { ...p, quote: p.quote + fundingPayment(cum - p.lastCum, p.base), lastCum: cum };
  return { ...v, perps: v.perps.map((q, i) => (i === index ? settled : q)) };
}

/** Cancel every open order (Drift's liquidation does so first). */
export function cancelOrders(v: Valued): Valued {
  return {
    ...v,
    spot: v.spot.map((s) => ({ ...s, openOrders: 0n, openBids: 0n, openAsks: 0n })),
    perps: v.perps.map((p) => ({ ...p, openOrders: 0n, openBids: 0n, openAsks: 0n })),
  };
}

/**
 * Liquidate an account's perp position in `options.market` as Drift does: settle its funding, cancel its orders,
 * measure the maintenance shortage (plus buffer), transfer to the liquidator the base amount that covers it — rounded up to
 * the order step, the whole position if worth $50 or less — at the oracle price, and charge the liquidator fee and
 * the insurance-fund fee to the user's quote. The account lands at maintenance plus buffer up to Drift's own
 * roundings: the sizing divides by a per-base-unit amount floored to 10⁻⁶ USDC (the base is off by at most 2 parts
 * in that amount), the rest is valued with separate floors, and with a buffer the fees just charged become a loss
 * carrying the buffer, which the sizing leaves out — so a further liquidation may follow; with an IMF factor the
 * account lands above.
 *
 * @param account spot balances and perp positions
 * @param context the markets (with `liquidatorFee`, `ifLiquidationFee`, `orderStepSize`) and the quote price
 * @example
 * ```ts
 * import { driftPerpLiquidation } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const sol = {
 *   marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n,
 *   liquidatorFee: 10_000, ifLiquidationFee: 10_000, orderStepSize: 10_000_000n,
 * };
 * const r = driftPerpLiquidation(
 *   {
 *     spotPositions: [{ market: 'USDC', tokenAmount: 400_000_000n }],
 *     perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 100_000_000_000n, quoteAssetAmount: -10_000_000_000n }],
 *   },
 *   { spotMarkets: { USDC: usdc }, perpMarkets: { 'SOL-PERP': sol } },
 *   { market: 'SOL-PERP' },
 * );
 * console.log(r.baseAssetAmount); // 33340000000n
 * console.log(r.after.marginShortage); // 0n
 * ```
 */
export function driftPerpLiquidation(
  account: DriftAccountInput,
  context: DriftMarginContextInput,
  options: DriftPerpLiquidationOptions,
): DriftPerpLiquidationResult {
  const v = cancelOrders(readValued(account, context));
  const o = checkStrictObject(options, 'options', OPTS);
  const market = checkString(o.market, 'options.market');
  const buffer = readOptInt(o.marginBuffer, 'options.marginBuffer', 'u32', 0n, 10_000n);
  const limits: Limits = {
    slots: readOptInt(o.slotsSinceLastActive, 'options.slotsSinceLastActive', 'u64', 0n, 10n ** 12n),
  };
  if (o.pctLimit !== undefined) {
    const l = checkStrictObject(o.pctLimit, 'options.pctLimit', PCT_KEYS);
    limits.pct = {
      initial: readInt(l.initialPctToLiquidate, 'options.pctLimit.initialPctToLiquidate', 'u16', 0n, 10_000n),
      duration: readInt(l.liquidationDuration, 'options.pctLimit.liquidationDuration', 'u8'),
      freed: readOptInt(l.liquidationMarginFreed, 'options.pctLimit.liquidationMarginFreed', 'u64', 0n),
    };
  }
  if (o.liquidatorMaxBaseAssetAmount !== undefined) {
    const max = readInt(o.liquidatorMaxBaseAssetAmount, 'options.liquidatorMaxBaseAssetAmount', 'u64', 1n);
    limits.liquidatorMax = max;
  }
  const mode = o.mode ?? 'standard';
  if (mode !== 'standard' && mode !== 'highLeverage') {
    throw new RiskInputError('options.mode', "'standard' or 'highLeverage'", o.mode);
  }
  const index = v.perps.findIndex((p) => p.market === market);
  if (index < 0) throw new RiskInputError('options.market', 'a market the account has a perp position in', market);
  const { valued, ...r } = liquidatePerp(settleFunding(v, index), index, buffer, mode === 'highLeverage', limits);
  return {
    ...r,
    account: {
      spotPositions: valued.spot.map((s) => ({ market: s.market, tokenAmount: s.amount })), // orders cancelled
      perpPositions: valued.perps.map((p) => ({
        market: p.market,
        baseAssetAmount: p.base,
        quoteAssetAmount: p.quote,
        lastCumulativeFundingRate: p.lastCum,
      })),
    },
  };
}
