/**
 * One perp position's contribution to Drift v2's margin (math/margin.rs `calculate_perp_position_value_and_pnl`,
 * linear contracts, market not in settlement): the margin requirement on the worst case of open orders filling, the
 * $0.01 per open order, and the weighted unrealized P&L (with unsettled funding) counted as collateral.
 */
import { checkStrictObject, checkString, joinPath, knownKeys } from '../../core/validate.js';
import { BASE, MAX_UPNL_INITIAL, MARGIN, OPEN_ORDER_MARGIN, PRICE, SPOT_WEIGHT } from './constants.js';
import { fundingPayment } from './fundingKernels.js';
import { babs, bmax, bmin, readInt, readIntAt, readOptIntAt, type DriftInt } from './int.js';
import { readPerpMarket, type DriftMarginType, type DriftPerpMarketInput, type PerpMarket } from './market.js';
import { perpMarginRatio, readMarginOptions, unrealizedWeight, type DriftMarginMode } from './ratios.js';

/** Bounds of the amounts read (built once). */
const E17 = 10n ** 17n;
const NEG_E17 = -E17;
/** A perp position as given (Drift's `PerpPosition`). */
export interface DriftPerpPositionInput {
  /** Name of the perp market (a key of the context's `perpMarkets`). */
  market: string;
  /** Signed base asset amount, 10⁹ (negative: short). */
  baseAssetAmount: DriftInt;
  /** Signed quote asset amount, 10⁶ (entry cost and realized P&L; negative for a long bought). */
  quoteAssetAmount: DriftInt;
  /** Cumulative funding rate at the last settlement, 10⁹ (default 0). */
  lastCumulativeFundingRate?: DriftInt;
  /** Number of open orders (default 0). */
  openOrders?: DriftInt;
  /** Base amount of open bids, ≥ 0 (default 0). */
  openBids?: DriftInt;
  /** Base amount of open asks, ≤ 0 (default 0). */
  openAsks?: DriftInt;
}

/** A validated perp position. */
export interface PerpPosition {
  market: string;
  base: bigint;
  quote: bigint;
  lastCum: bigint;
  openOrders: bigint;
  openBids: bigint;
  openAsks: bigint;
}

const POS_KEYS = knownKeys(
  'market',
  'baseAssetAmount',
  'quoteAssetAmount',
  'lastCumulativeFundingRate',
  'openOrders',
  'openBids',
  'openAsks',
);

export function readPerpPosition(value: unknown, path: string, needMarket: boolean): PerpPosition {
  const o = checkStrictObject(value, path, POS_KEYS);
  const market = needMarket || o.market !== undefined ? checkString(o.market, joinPath(path, 'market')) : '';
  return {
    market,
    base: readIntAt(o.baseAssetAmount, path, 'baseAssetAmount', 'i64', NEG_E17, E17),
    quote: readIntAt(o.quoteAssetAmount, path, 'quoteAssetAmount', 'i64', NEG_E17, E17),
    lastCum: readOptIntAt(o.lastCumulativeFundingRate, path, 'lastCumulativeFundingRate', 'i64', 0n),
    openOrders: readOptIntAt(o.openOrders, path, 'openOrders', 'u8', 0n, 32n),
    openBids: readOptIntAt(o.openBids, path, 'openBids', 'i64', 0n, E17),
    openAsks: readIntAt(o.openAsks ?? 0n, path, 'openAsks', 'i64', NEG_E17, 0n),
  };
}

/** A strict quote price: the current oracle price and its TWAP (10⁶). */
export interface QuotePrice {
  current: bigint;
  twap: bigint;
}

/** One perp position's margin figures. */
export interface DriftPerpPositionMarginResult {
  /** Margin requirement (10⁶): worst-case liability × ratio / 10⁴ + $0.01 per open order. */
  marginRequirement: bigint;
  /** Unrealized P&L with unsettled funding, weighted and priced in quote, capped at $100 for initial (10⁶). */
  weightedUnrealizedPnl: bigint;
  /** Unrealized P&L at the oracle price, without funding (10⁶). */
  unrealizedPnl: bigint;
  /** Funding owed to (+) or by (−) the position since its last settlement (10⁶). */
  unrealizedFunding: bigint;
  /** Worst-case liability value (all bids or all asks filled) at the strict quote price (10⁶). */
  liabilityValue: bigint;
  /** |base| × oracle price (10⁶). */
  baseAssetValue: bigint;
  /** The margin ratio applied (10⁴). */
  marginRatio: bigint;
}

/** Kernel of calculate_perp_position_value_and_pnl (errors at the position's `path`). */
export function positionMargin(
  p: PerpPosition,
  m: PerpMarket,
  q: QuotePrice,
  type: DriftMarginType,
  hlm: boolean,
  path: string,
): DriftPerpPositionMarginResult {
  return positionMarginAt(p, m, q, type, hlm, joinPath(path, 'baseAssetAmount'), joinPath(path, 'quoteAssetAmount'));
}

/** The figures of a position that do not depend on the margin type or mode. */
export interface PositionCore {
  readonly unrealizedFunding: bigint;
  readonly baseValue: bigint;
  readonly pnl: bigint;
  readonly total: bigint;
  readonly worstBase: bigint;
  readonly liabilityValue: bigint;
}

/** Kernel: the type-independent figures of calculate_perp_position_value_and_pnl. */
export function positionCore(p: PerpPosition, m: PerpMarket, q: QuotePrice): PositionCore {
  const cum = p.base > 0n ? m.cumLong : m.cumShort;
  const unrealizedFunding = fundingPayment(cum - p.lastCum, p.base);
  const price = m.oraclePrice;
  const baseValue = (p.base * price) / BASE;
  const pnl = p.base === 0n ? p.quote : baseValue + p.quote;
  const bids = p.base + p.openBids;
  const asks = p.base + p.openAsks;
  const lb = (babs(bids) * price) / BASE;
  const la = (babs(asks) * price) / BASE;
  const worstValue = la >= lb ? la : lb;
  const qMax = bmax(q.current, q.twap);
  return {
    unrealizedFunding,
    baseValue,
    pnl,
    total: pnl + unrealizedFunding,
    worstBase: la >= lb ? asks : bids,
    // × qMax / 10⁶ is exact (and skipped) at a quote price of 1
    liabilityValue: qMax === PRICE ? worstValue : (worstValue * qMax) / PRICE,
  };
}

/**
 * {@link positionMargin} with the paths of its base and quote amounts given (kept by the account kernel), and the
 * position's type-independent figures if already computed.
 */
export function positionMarginAt(
  p: PerpPosition,
  m: PerpMarket,
  q: QuotePrice,
  type: DriftMarginType,
  hlm: boolean,
  basePath: string,
  quotePath: string,
  core: PositionCore = positionCore(p, m, q),
): DriftPerpPositionMarginResult {
  const { total, liabilityValue } = core;
  const ratio = perpMarginRatio(babs(core.worstBase), m, type, hlm, basePath);
  const required = (liabilityValue * ratio) / MARGIN;
  const marginRequirement = p.openOrders === 0n ? required : required + p.openOrders * OPEN_ORDER_MARGIN;
  const weight = unrealizedWeight(total, m, type, quotePath);
  const quotePrice = total > 0n ? bmin(q.current, q.twap) : total < 0n ? bmax(q.current, q.twap) : q.current;
  let weighted = total;
  if (weight !== SPOT_WEIGHT) weighted = (weighted * weight) / SPOT_WEIGHT;
  if (quotePrice !== PRICE) weighted = (weighted * quotePrice) / PRICE;
  if (type === 'initial') weighted = bmin(weighted, MAX_UPNL_INITIAL);
  return {
    marginRequirement,
    weightedUnrealizedPnl: weighted,
    unrealizedPnl: core.pnl,
    unrealizedFunding: core.unrealizedFunding,
    liabilityValue,
    baseAssetValue: babs(p.base === 0n ? 0n : core.baseValue),
    marginRatio: ratio,
  };
}

const OPTS = knownKeys('type', 'mode', 'quotePrice', 'quoteTwap');

/** Options of {@link driftPerpPositionMargin}. */
export interface DriftPositionMarginOptions {
  /** Margin requirement type (default `'initial'`). */
  type?: DriftMarginType;
  /** The user's margin mode (default `'standard'`). */
  mode?: DriftMarginMode;
  /** Quote (USDC) oracle price, 10⁶ (default 10⁶). */
  quotePrice?: DriftInt;
  /** Quote oracle TWAP, 10⁶ (default: the quote price). Liabilities use the larger, gains the smaller. */
  quoteTwap?: DriftInt;
}

export function readQuote(o: Record<string, unknown>, path: string): QuotePrice {
  const current = readInt(o.quotePrice ?? PRICE, joinPath(path, 'quotePrice'), 'i64', 1n, 10n ** 8n);
  const twap = readInt(o.quoteTwap ?? current, joinPath(path, 'quoteTwap'), 'i64', 1n, 10n ** 8n);
  return { current, twap };
}

/**
 * One perp position's margin requirement and weighted unrealized P&L as Drift's margin system counts them.
 *
 * @param position the position (its `market` name, if given, must be a string; the market is the next argument)
 * @param market the perp market with its oracle price and cumulative funding rates
 * @example
 * ```ts
 * import { driftPerpPositionMargin } from 'riskcore/perps';
 * const market = {
 *   marginRatioInitial: 1000, marginRatioMaintenance: 500, imfFactor: 1000, unrealizedPnlImfFactor: 1000,
 *   oraclePrice: 22_050_000_000n,
 * };
 * const r = driftPerpPositionMargin(
 *   { market: 'BTC-PERP', baseAssetAmount: -6_147_540_983n, quoteAssetAmount: 153_688_524_588n },
 *   market,
 * );
 * console.log(r.marginRequirement); // 13555327867n
 * console.log(r.weightedUnrealizedPnl); // 100000000n
 * ```
 */
export function driftPerpPositionMargin(
  position: DriftPerpPositionInput,
  market: DriftPerpMarketInput,
  options: DriftPositionMarginOptions = {},
): DriftPerpPositionMarginResult {
  const p = readPerpPosition(position, 'position', false);
  const m = readPerpMarket(market, 'market');
  const o = checkStrictObject(options, 'options', OPTS);
  const { type, hlm } = readMarginOptions({ type: o.type, mode: o.mode }, 'options');
  return positionMargin(p, m, readQuote(o, 'options'), type, hlm, 'position');
}
