/**
 * The cross-margin kernel of Drift v2 (math/margin.rs
 * `calculate_margin_requirement_and_total_collateral_and_liability_info`) over a validated account, line by line:
 * each spot balance and perp position gives its result line and its contribution to the totals, and the totals are
 * the sums of the contributions (integer sums, so in any grouping the same). A line whose position, market and
 * quote price are the same objects as in an earlier calculation of the same type is taken from it, which is how a
 * pre-trade check recomputes only the position an order changes.
 */
import { joinPath } from '../../core/validate.js';
import { MARGIN, OPEN_ORDER_MARGIN, SPOT_WEIGHT } from './constants.js';
import { babs, bmax, divFloor, pow10 } from './int.js';
import type { DriftMarginType, PerpMarket, SpotMarket } from './market.js';
import {
  positionCore,
  positionMarginAt,
  type DriftPerpPositionMarginResult,
  type PerpPosition,
  type PositionCore,
  type QuotePrice,
} from './position.js';
import { spotAssetWeight, spotLiabilityWeight } from './ratios.js';

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

/** `get_strict_token_value`: deposits at the low price, borrows at the high price, floor for negatives. */
export function strictTokenValue(amount: bigint, m: SpotMarket): bigint {
  if (amount === 0n) return 0n;
  const price = amount > 0n ? (m.price < m.twap ? m.price : m.twap) : m.price > m.twap ? m.price : m.twap;
  const v = amount * price;
  const p = pow10(m.decimals);
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
  const p = pow10(decimals);
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

/** A line's contribution to the totals. */
interface Contribution {
  collateral: bigint;
  collateralBuffer: bigint;
  requirement: bigint;
  requirementPlusBuffer: bigint;
  liabilities: number;
}

/** A spot balance's line, with the objects it was computed from. */
interface SpotLine extends Contribution {
  readonly line: DriftSpotMarginLine;
  readonly source: SpotPosition;
  readonly market: SpotMarket;
}

/** A perp position's line, with the objects it was computed from. */
interface PerpLine extends Contribution {
  readonly line: DriftAccountMarginResult['perps'][number];
  readonly core: PositionCore;
  readonly source: PerpPosition;
  readonly market: PerpMarket;
  readonly quote: QuotePrice;
}

/** Every line of one margin calculation (type, mode and buffer), and the sums of their contributions. */
export interface MarginLines {
  readonly type: DriftMarginType;
  readonly hlm: boolean;
  readonly buffer: bigint;
  readonly spot: readonly SpotLine[];
  readonly perps: readonly PerpLine[];
  readonly total: Contribution;
}

/** The sum of contributions (exact: a sum less some lines plus others is the sum of the lines kept and added). */
function addTo(t: Contribution, c: Contribution, sign: 1 | -1): void {
  // zeros skipped: a bigint sum allocates
  if (sign === 1) {
    if (c.collateral !== 0n) t.collateral += c.collateral;
    if (c.collateralBuffer !== 0n) t.collateralBuffer += c.collateralBuffer;
    if (c.requirement !== 0n) t.requirement += c.requirement;
    if (c.requirementPlusBuffer !== 0n) t.requirementPlusBuffer += c.requirementPlusBuffer;
    t.liabilities += c.liabilities;
  } else {
    if (c.collateral !== 0n) t.collateral -= c.collateral;
    if (c.collateralBuffer !== 0n) t.collateralBuffer -= c.collateralBuffer;
    if (c.requirement !== 0n) t.requirement -= c.requirement;
    if (c.requirementPlusBuffer !== 0n) t.requirementPlusBuffer -= c.requirementPlusBuffer;
    t.liabilities -= c.liabilities;
  }
}

// error paths, built once per index
const spotPaths: string[] = [];
const perpPaths: { base: string; quote: string }[] = [];
function spotPath(i: number): string {
  let p = spotPaths[i];
  if (p === undefined) spotPaths[i] = p = joinPath(joinPath('account.spotPositions', i), 'tokenAmount');
  return p;
}
function perpPath(i: number): { base: string; quote: string } {
  let p = perpPaths[i];
  if (p === undefined) {
    const at = joinPath('account.perpPositions', i);
    perpPaths[i] = p = { base: joinPath(at, 'baseAssetAmount'), quote: joinPath(at, 'quoteAssetAmount') };
  }
  return p;
}

function spotLine(s: SpotPosition, m: SpotMarket, type: DriftMarginType, buffer: bigint, i: number): SpotLine {
  const value = strictTokenValue(s.amount, m);
  let collateral = 0n;
  let requirement = 0n;
  let requirementPlusBuffer = 0n;
  let liabilities = 0;
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
    const sim = worstCaseFill(s, m, value, type, spotPath(i));
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
  const line = { market: s.market, tokenValue: value, weight, weightedValue: weighted };
  return {
    line,
    source: s,
    market: m,
    collateral,
    collateralBuffer: 0n,
    requirement,
    requirementPlusBuffer,
    liabilities,
  };
}

function perpLine(
  p: PerpPosition,
  m: PerpMarket,
  q: QuotePrice,
  x: { type: DriftMarginType; hlm: boolean; buffer: bigint },
  i: number,
  core: PositionCore,
): PerpLine {
  const path = perpPath(i);
  const r = positionMarginAt(p, m, q, x.type, x.hlm, path.base, path.quote, core);
  const pnl = r.weightedUnrealizedPnl;
  const buffered = x.buffer !== 0n;
  return {
    line: {
      market: p.market,
      marginRequirement: r.marginRequirement,
      weightedUnrealizedPnl: pnl,
      unrealizedPnl: r.unrealizedPnl,
      unrealizedFunding: r.unrealizedFunding,
      liabilityValue: r.liabilityValue,
      baseAssetValue: r.baseAssetValue,
      marginRatio: r.marginRatio,
    },
    core,
    source: p,
    market: m,
    quote: q,
    collateral: pnl,
    collateralBuffer: buffered && pnl < 0n ? (pnl * x.buffer) / MARGIN : 0n,
    requirement: r.marginRequirement,
    requirementPlusBuffer: buffered
      ? r.marginRequirement + (r.liabilityValue * x.buffer) / MARGIN
      : r.marginRequirement,
    liabilities: p.base !== 0n || p.quote < 0n || p.openOrders > 0n ? 1 : 0,
  };
}

/**
 * Kernel: the lines of the cross-margin calculation of `v`, each taken from `reuse` (a calculation of the same type,
 * mode and buffer) where it was computed from the same position, market and quote objects.
 */
export function marginLines(
  v: Valued,
  type: DriftMarginType,
  hlm: boolean,
  buffer: bigint,
  reuse?: MarginLines,
): MarginLines {
  // a calculation of another type or mode still gives each unchanged position's type-independent figures
  const same = reuse !== undefined && reuse.type === type && reuse.hlm === hlm && reuse.buffer === buffer;
  // the sums start from the reused calculation's when it has no line beyond this one's (its lines not kept are
  // taken out below), else from zero
  const fromReuse = same && reuse.spot.length <= v.spot.length && reuse.perps.length <= v.perps.length;
  const total: Contribution = fromReuse
    ? { ...reuse.total }
    : { collateral: 0n, collateralBuffer: 0n, requirement: 0n, requirementPlusBuffer: 0n, liabilities: 0 };
  const spot: SpotLine[] = [];
  for (let i = 0; i < v.spot.length; i++) {
    const s = v.spot[i];
    const m = v.spotMarkets.get(s.market) as SpotMarket;
    const old = same ? reuse.spot[i] : undefined;
    if (old !== undefined && old.source === s && old.market === m) {
      spot.push(old);
      if (!fromReuse) addTo(total, old, 1);
    } else {
      const l = spotLine(s, m, type, buffer, i);
      spot.push(l);
      if (fromReuse && old !== undefined) addTo(total, old, -1);
      addTo(total, l, 1);
    }
  }
  const perps: PerpLine[] = [];
  const x = { type, hlm, buffer };
  for (let i = 0; i < v.perps.length; i++) {
    const p = v.perps[i];
    const m = v.perpMarkets.get(p.market) as PerpMarket;
    const prior = reuse?.perps[i];
    const unchanged = prior !== undefined && prior.source === p && prior.market === m && prior.quote === v.quote;
    const old = same ? prior : undefined;
    if (same && unchanged) {
      perps.push(prior);
      if (!fromReuse) addTo(total, prior, 1);
    } else {
      const l = perpLine(p, m, v.quote, x, i, unchanged ? prior.core : positionCore(p, m, v.quote));
      perps.push(l);
      if (fromReuse && old !== undefined) addTo(total, old, -1);
      addTo(total, l, 1);
    }
  }
  return { type, hlm, buffer, spot, perps, total };
}

/** Kernel: the result of a calculation's lines (every line a fresh object). */
export function marginOf(lines: MarginLines): DriftAccountMarginResult {
  const { collateral, collateralBuffer, requirement, requirementPlusBuffer, liabilities } = lines.total;
  const spot: DriftSpotMarginLine[] = [];
  const perps: DriftAccountMarginResult['perps'] = [];
  for (const l of lines.spot) spot.push({ ...l.line });
  for (const l of lines.perps) perps.push({ ...l.line });
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

/** Kernel: the cross-margin calculation over validated inputs. */
export function accountMargin(
  v: Valued,
  type: DriftMarginType,
  hlm: boolean,
  buffer: bigint,
): DriftAccountMarginResult {
  return marginOf(marginLines(v, type, hlm, buffer));
}
