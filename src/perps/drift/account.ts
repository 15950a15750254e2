/**
 * An account's cross margin as Drift v2 computes it (math/margin.rs
 * `calculate_margin_requirement_and_total_collateral_and_liability_info`, state/margin_calculation.rs): spot
 * deposits weighted into collateral and borrows into requirement at the strict price, perp positions' margin
 * requirements and weighted unrealized P&L, an optional liquidation margin buffer, and free collateral.
 */
import { RiskInputError } from '../../core/errors.js';
import {
  checkArray,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';
import { MARGIN, OPEN_ORDER_MARGIN, SPOT_WEIGHT } from './constants.js';
import { babs, bmax, divFloor, readInt, readOptInt, type DriftInt } from './int.js';
import {
  readPerpMarket,
  readSpotMarket,
  type DriftMarginType,
  type DriftPerpMarketInput,
  type DriftSpotMarketInput,
  type PerpMarket,
  type SpotMarket,
} from './market.js';
import {
  positionMargin,
  readPerpPosition,
  readQuote,
  type DriftPerpPositionInput,
  type DriftPerpPositionMarginResult,
  type PerpPosition,
  type QuotePrice,
} from './position.js';
import { readMarginOptions, spotAssetWeight, spotLiabilityWeight, type DriftMarginMode } from './ratios.js';

/** A spot balance as given: signed token amount (negative: a borrow). */
export interface DriftSpotPositionInput {
  /** Name of the spot market (a key of the context's `spotMarkets`). */
  market: string;
  /** Signed token amount in the token's decimals. */
  tokenAmount: DriftInt;
  /** Number of open spot orders (default 0). */
  openOrders?: DriftInt;
  /** Tokens of open bids, ≥ 0, and of open asks, ≤ 0 (default 0). */
  openBids?: DriftInt;
  openAsks?: DriftInt;
}

/** An account: spot balances and perp positions. */
export interface DriftAccountInput {
  spotPositions?: readonly DriftSpotPositionInput[];
  perpPositions?: readonly DriftPerpPositionInput[];
}

/** The markets an account is valued in, keyed by name, and the quote (USDC) price. */
export interface DriftMarginContextInput {
  perpMarkets?: Readonly<Record<string, DriftPerpMarketInput>>;
  spotMarkets?: Readonly<Record<string, DriftSpotMarketInput>>;
  /** Quote oracle price, 10⁶ (default 10⁶). */
  quotePrice?: DriftInt;
  /** Quote oracle TWAP, 10⁶ (default: the quote price). */
  quoteTwap?: DriftInt;
}

/** Options of {@link driftAccountMargin}. */
export interface DriftAccountMarginOptions {
  /** Margin requirement type (default `'initial'`). */
  type?: DriftMarginType;
  /** The user's margin mode (default `'standard'`). */
  mode?: DriftMarginMode;
  /** Liquidation margin buffer, 10⁴ (Drift's `liquidation_margin_buffer_ratio`; default 0). */
  marginBuffer?: DriftInt;
}

/** A spot balance's contribution. */
export interface DriftSpotMarginLine {
  market: string;
  /** Token value at the strict price (low for a deposit, high for a borrow), 10⁶, signed. */
  tokenValue: bigint;
  /** The weight applied, 10⁴. */
  weight: bigint;
  /** Weighted value, 10⁶, signed (deposits add to collateral, borrows to requirement). */
  weightedValue: bigint;
}

/** An account's cross margin. */
export interface DriftAccountMarginResult {
  /** Weighted deposits plus weighted unrealized perp P&L, 10⁶ (may be negative). */
  totalCollateral: bigint;
  /** Weighted borrows plus perp margin requirements, 10⁶. */
  marginRequirement: bigint;
  /** max(0, totalCollateral − marginRequirement), 10⁶. */
  freeCollateral: bigint;
  /** Requirement plus buffer on each liability, 10⁶ (equal to the requirement without a buffer). */
  marginRequirementPlusBuffer: bigint;
  /** Collateral plus buffer on each negative contribution, 10⁶. */
  totalCollateralPlusBuffer: bigint;
  /** max(0, requirement plus buffer − collateral plus buffer), 10⁶. */
  marginShortage: bigint;
  /** Whether collateral plus buffer covers requirement plus buffer. */
  meetsRequirement: boolean;
  /** Number of liabilities: borrows, and perp positions with a base, a negative quote or open orders. */
  numberOfLiabilities: number;
  spot: DriftSpotMarginLine[];
  perps: (DriftPerpPositionMarginResult & { market: string })[];
}

export interface SpotPosition {
  market: string;
  amount: bigint;
  openOrders: bigint;
  openBids: bigint;
  openAsks: bigint;
}

/** A validated account and context, ready for the kernel. */
export interface Valued {
  spot: SpotPosition[];
  perps: PerpPosition[];
  spotMarkets: Map<string, SpotMarket>;
  perpMarkets: Map<string, PerpMarket>;
  quote: QuotePrice;
}

const ACCOUNT_KEYS = knownKeys('spotPositions', 'perpPositions');
const CONTEXT_KEYS = knownKeys('perpMarkets', 'spotMarkets', 'quotePrice', 'quoteTwap');
const SPOT_KEYS = knownKeys('market', 'tokenAmount', 'openOrders', 'openBids', 'openAsks');
const OPTS = knownKeys('type', 'mode', 'marginBuffer');

/** Validate an account and its context (markets are validated once, when a position uses them). */
export function readValued(account: unknown, context: unknown): Valued {
  const a = checkStrictObject(account, 'account', ACCOUNT_KEYS);
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const perpRecord = c.perpMarkets === undefined ? {} : checkObject(c.perpMarkets, 'context.perpMarkets');
  const spotRecord = c.spotMarkets === undefined ? {} : checkObject(c.spotMarkets, 'context.spotMarkets');
  const perpMarkets = new Map<string, PerpMarket>();
  const spotMarkets = new Map<string, SpotMarket>();
  const spot = (a.spotPositions === undefined ? [] : checkArray(a.spotPositions, 'account.spotPositions')).map(
    (v, i) => {
      const path = joinPath('account.spotPositions', i);
      const o = checkStrictObject(v, path, SPOT_KEYS);
      const market = checkString(o.market, joinPath(path, 'market'));
      const raw = ownValue(spotRecord as Record<string, unknown>, market);
      if (raw === undefined) throw new RiskInputError(joinPath(path, 'market'), 'a key of context.spotMarkets', market);
      if (!spotMarkets.has(market))
        spotMarkets.set(market, readSpotMarket(raw, joinPath('context.spotMarkets', market)));
      const at = (k: string) => joinPath(path, k);
      return {
        market,
        amount: readInt(o.tokenAmount, at('tokenAmount'), 'i64', -(10n ** 18n), 10n ** 18n),
        openOrders: readOptInt(o.openOrders, at('openOrders'), 'u8', 0n, 32n),
        openBids: readOptInt(o.openBids, at('openBids'), 'i64', 0n, 10n ** 18n),
        openAsks: readInt(o.openAsks ?? 0n, at('openAsks'), 'i64', -(10n ** 18n), 0n),
      };
    },
  );
  const perps = (a.perpPositions === undefined ? [] : checkArray(a.perpPositions, 'account.perpPositions')).map(
    (v, i) => {
      const path = joinPath('account.perpPositions', i);
      const p = readPerpPosition(v, path, true);
      const raw = ownValue(perpRecord as Record<string, unknown>, p.market);
      if (raw === undefined)
        throw new RiskInputError(joinPath(path, 'market'), 'a key of context.perpMarkets', p.market);
      if (!perpMarkets.has(p.market))
        perpMarkets.set(p.market, readPerpMarket(raw, joinPath('context.perpMarkets', p.market)));
      return p;
    },
  );
  return { spot, perps, spotMarkets, perpMarkets, quote: readQuote(c, 'context') };
}

/** `get_strict_token_value`: deposits at the low price, borrows at the high price, floor for negatives. */
export function strictTokenValue(amount: bigint, m: SpotMarket): bigint {
  if (amount === 0n) return 0n;
  const price = amount > 0n ? (m.price < m.twap ? m.price : m.twap) : m.price > m.twap ? m.price : m.twap;
  const v = amount * price;
  const p = 10n ** m.decimals;
  return v < 0n ? divFloor(v, p) : v / p;
}

interface FillSimulation {
  value: bigint;
  weight: bigint;
  weighted: bigint;
  ordersValue: bigint;
  contribution: bigint;
}

/** `get_token_value` (oracle price, floor for negatives). */
function tokenValue(amount: bigint, decimals: bigint, price: bigint): bigint {
  const v = amount * price;
  const p = 10n ** decimals;
  return v < 0n ? divFloor(v, p) : v / p;
}

function weightedValue(amount: bigint, value: bigint, m: SpotMarket, type: DriftMarginType, path: string) {
  if (value > 0n) {
    const weight = spotAssetWeight(babs(amount), m, type, path);
    return { weight, weighted: (value * weight) / SPOT_WEIGHT };
  }
  if (value < 0n) {
    const weight = spotLiabilityWeight(babs(amount), m, type, path);
    return { weight, weighted: (value * weight) / SPOT_WEIGHT };
  }
  return { weight: 0n, weighted: 0n };
}

/**
 * `SpotPosition::get_worst_case_fill_simulation`: all bids or all asks filled at the high price, the riskier side
 * (lower free-collateral contribution; asks on a tie).
 */
function worstCaseFill(
  s: SpotPosition,
  m: SpotMarket,
  value: bigint,
  type: DriftMarginType,
  path: string,
): FillSimulation {
  if (s.openBids === 0n && s.openAsks === 0n) {
    const w = weightedValue(s.amount, value, m, type, path);
    return { value, ...w, ordersValue: 0n, contribution: w.weighted };
  }
  const high = m.price > m.twap ? m.price : m.twap;
  const side = (open: bigint): FillSimulation => {
    const ordersValue = tokenValue(-open, m.decimals, high);
    const after = value - ordersValue;
    const w = weightedValue(s.amount + open, after, m, type, path);
    return { value: after, ...w, ordersValue, contribution: w.weighted + ordersValue };
  };
  const bid = side(s.openBids);
  const ask = side(s.openAsks);
  return ask.contribution <= bid.contribution ? ask : bid;
}

/** Kernel: the cross-margin calculation over validated inputs. */
export function accountMargin(
  v: Valued,
  type: DriftMarginType,
  hlm: boolean,
  buffer: bigint,
): DriftAccountMarginResult {
  let collateral = 0n;
  let collateralBuffer = 0n;
  let requirement = 0n;
  let requirementPlusBuffer = 0n;
  let liabilities = 0;
  const spot: DriftSpotMarginLine[] = [];
  for (const [i, s] of v.spot.entries()) {
    const m = v.spotMarkets.get(s.market) as SpotMarket;
    const value = strictTokenValue(s.amount, m);
    const path = joinPath(joinPath('account.spotPositions', i), 'tokenAmount');
    let weight = 0n;
    let weighted = 0n;
    if (m.quote) {
      // the quote market (index 0) counts at its strict token value, unweighted
      weight = value === 0n ? 0n : SPOT_WEIGHT;
      weighted = value;
      if (value > 0n) collateral += value;
      else if (value < 0n) {
        requirement += -value;
        requirementPlusBuffer += -value + (-value * buffer) / MARGIN;
        liabilities += 1;
      }
    } else {
      const sim = worstCaseFill(s, m, value, type, path);
      weight = sim.weight;
      weighted = sim.weighted;
      const orders = s.openOrders * OPEN_ORDER_MARGIN;
      requirement += orders;
      requirementPlusBuffer += orders;
      if (sim.value > 0n) collateral += sim.weighted;
      else if (sim.value < 0n) {
        requirement += -sim.weighted;
        requirementPlusBuffer += -sim.weighted + (-sim.value * buffer) / MARGIN;
        liabilities += 1;
      } else if (s.openOrders !== 0n || s.openBids !== 0n || s.openAsks !== 0n) liabilities += 1;
      if (sim.ordersValue > 0n) collateral += sim.ordersValue;
      else if (sim.ordersValue < 0n) {
        requirement += -sim.ordersValue;
        requirementPlusBuffer += -sim.ordersValue + (-sim.ordersValue * buffer) / MARGIN;
      }
    }
    spot.push({ market: s.market, tokenValue: value, weight, weightedValue: weighted });
  }
  const perps: DriftAccountMarginResult['perps'] = [];
  for (const [i, p] of v.perps.entries()) {
    const m = v.perpMarkets.get(p.market) as PerpMarket;
    const r = positionMargin(p, m, v.quote, type, hlm, joinPath('account.perpPositions', i));
    collateral += r.weightedUnrealizedPnl;
    if (r.weightedUnrealizedPnl < 0n) collateralBuffer += (r.weightedUnrealizedPnl * buffer) / MARGIN;
    requirement += r.marginRequirement;
    requirementPlusBuffer += r.marginRequirement + (r.liabilityValue * buffer) / MARGIN;
    if (p.base !== 0n || p.quote < 0n || p.openOrders > 0n) liabilities += 1;
    perps.push({ market: p.market, ...r });
  }
  const collateralPlusBuffer = collateral + collateralBuffer;
  const shortage = bmax(requirementPlusBuffer - collateralPlusBuffer, 0n);
  return {
    totalCollateral: collateral,
    marginRequirement: requirement,
    freeCollateral: bmax(collateral - requirement, 0n),
    marginRequirementPlusBuffer: requirementPlusBuffer,
    totalCollateralPlusBuffer: collateralPlusBuffer,
    marginShortage: shortage,
    meetsRequirement: shortage === 0n,
    numberOfLiabilities: liabilities,
    spot,
    perps,
  };
}

export function readAccountOptions(options: unknown): { type: DriftMarginType; hlm: boolean; buffer: bigint } {
  const o = checkStrictObject(options, 'options', OPTS);
  const { type, hlm } = readMarginOptions({ type: o.type, mode: o.mode }, 'options');
  return { type, hlm, buffer: readOptInt(o.marginBuffer, 'options.marginBuffer', 'u32', 0n, 10_000n) };
}

/**
 * An account's total collateral, margin requirement and free collateral as Drift computes them: deposits weighted
 * by asset weight at the lower of price and TWAP, borrows by liability weight at the higher, each perp position's
 * requirement on the worst case of its open orders filling plus $0.01 per order, and its unrealized P&L with
 * unsettled funding weighted as collateral. With `marginBuffer` (liquidation), the shortage includes the buffer on
 * every liability and negative P&L.
 *
 * @param account spot balances and perp positions
 * @param context the markets, keyed by name, and the quote price
 * @example
 * ```ts
 * import { driftAccountMargin } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const sol = { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n };
 * const r = driftAccountMargin(
 *   {
 *     spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }],
 *     perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 50_000_000_000n, quoteAssetAmount: -5_000_000_000n }],
 *   },
 *   { spotMarkets: { USDC: usdc }, perpMarkets: { 'SOL-PERP': sol } },
 * );
 * console.log(r.totalCollateral); // 1000000000n
 * console.log(r.marginRequirement); // 500000000n
 * console.log(r.freeCollateral); // 500000000n
 * ```
 */
export function driftAccountMargin(
  account: DriftAccountInput,
  context: DriftMarginContextInput,
  options: DriftAccountMarginOptions = {},
): DriftAccountMarginResult {
  const v = readValued(account, context);
  const o = readAccountOptions(options);
  return accountMargin(v, o.type, o.hlm, o.buffer);
}
