/**
 * Compound III (Comet) interest: utilization from the principal totals and indices, separate kinked supply and
 * borrow curves with per-second rates, and the simple-interest index growth of each accrual (Comet.sol at
 * compound-finance/comet d5a30b0a: getUtilization, getSupplyRate, getBorrowRate, accruedInterestIndices).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { SECONDS_PER_YEAR, WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { readElapsed } from './aave/accrual.js';
import { maxUint, readFields } from './fields.js';

/** Base index scale of Comet (BASE_INDEX_SCALE): an index of 10¹⁵ is 1. */
export const COMET_INDEX_SCALE = 10n ** 15n;
const U64 = maxUint(64);
const U104 = maxUint(104);

/** A Comet market's interest configuration, per year in wad (10¹⁸ = 100%), as deployed (the Configuration struct). */
export interface CometRateParams {
  /** Utilization at the supply kink, wad. */
  supplyKink: bigint;
  supplyPerYearInterestRateBase: bigint;
  supplyPerYearInterestRateSlopeLow: bigint;
  supplyPerYearInterestRateSlopeHigh: bigint;
  /** Utilization at the borrow kink, wad. */
  borrowKink: bigint;
  borrowPerYearInterestRateBase: bigint;
  borrowPerYearInterestRateSlopeLow: bigint;
  borrowPerYearInterestRateSlopeHigh: bigint;
}

/** Comet's stored totals (TotalsBasic): indices at scale 10¹⁵ (uint64) and principal totals (uint104). */
export interface CometTotals {
  baseSupplyIndex: bigint;
  baseBorrowIndex: bigint;
  totalSupplyBase: bigint;
  totalBorrowBase: bigint;
}

/** Result of {@link cometRates}. */
export interface CometRatesResult {
  /** Present borrow / present supply, wad (floor); 0 without supply. */
  utilization: bigint;
  /** Supply rate per second, wad. */
  supplyRate: bigint;
  /** Borrow rate per second, wad. */
  borrowRate: bigint;
}

/** Result of {@link cometAccrue}: the indices after the accrual and the rates it used. */
export interface CometAccrualResult extends CometRatesResult {
  baseSupplyIndex: bigint;
  baseBorrowIndex: bigint;
}

/** Context of {@link cometAccrue}. */
export interface CometAccrualContext {
  params: CometRateParams;
  /** Seconds since the last accrual. */
  elapsed: bigint;
}

const PARAM_FIELDS = Object.fromEntries(
  [
    'supplyKink',
    'supplyPerYearInterestRateBase',
    'supplyPerYearInterestRateSlopeLow',
    'supplyPerYearInterestRateSlopeHigh',
    'borrowKink',
    'borrowPerYearInterestRateBase',
    'borrowPerYearInterestRateSlopeLow',
    'borrowPerYearInterestRateSlopeHigh',
  ].map((k) => [k, { max: U64 }]),
);
const TOTAL_FIELDS = {
  baseSupplyIndex: { max: U64 },
  baseBorrowIndex: { max: U64 },
  totalSupplyBase: { max: U104 },
  totalBorrowBase: { max: U104 },
} as const;
const CONTEXT_KEYS = knownKeys('params', 'elapsed');

/** The per-second curves Comet's constructor derives: each yearly figure floored by 31 536 000. */
export interface CometCurves {
  supplyKink: bigint;
  supplyBase: bigint;
  supplyLow: bigint;
  supplyHigh: bigint;
  borrowKink: bigint;
  borrowBase: bigint;
  borrowLow: bigint;
  borrowHigh: bigint;
}

/** Reads the configuration and derives the per-second curves. */
export function readCometCurves(value: unknown, path: string): CometCurves {
  const p = readFields<keyof CometRateParams>(value, path, PARAM_FIELDS);
  const s = (x: bigint) => x / SECONDS_PER_YEAR;
  return {
    supplyKink: p.supplyKink,
    supplyBase: s(p.supplyPerYearInterestRateBase),
    supplyLow: s(p.supplyPerYearInterestRateSlopeLow),
    supplyHigh: s(p.supplyPerYearInterestRateSlopeHigh),
    borrowKink: p.borrowKink,
    borrowBase: s(p.borrowPerYearInterestRateBase),
    borrowLow: s(p.borrowPerYearInterestRateSlopeLow),
    borrowHigh: s(p.borrowPerYearInterestRateSlopeHigh),
  };
}

/** base + low·min(u, kink) + high·max(u − kink, 0), each product floored (mulFactor). */
const kinked = (u: bigint, kink: bigint, base: bigint, low: bigint, high: bigint): bigint =>
  u <= kink
    ? base + mulDivDownRaw(low, u, WAD)
    : base + mulDivDownRaw(low, kink, WAD) + mulDivDownRaw(high, u - kink, WAD);

/** Per-second rates at a utilization; null where a rate exceeds uint64 (the contract's safe64 reverts). */
export function cometRatesAt(u: bigint, c: CometCurves): { supplyRate: bigint; borrowRate: bigint } | null {
  const supplyRate = kinked(u, c.supplyKink, c.supplyBase, c.supplyLow, c.supplyHigh);
  const borrowRate = kinked(u, c.borrowKink, c.borrowBase, c.borrowLow, c.borrowHigh);
  return supplyRate > U64 || borrowRate > U64 ? null : { supplyRate, borrowRate };
}

/** getUtilization on validated totals. */
export function cometUtilization(t: Record<keyof CometTotals, bigint>): bigint {
  const supply = (t.totalSupplyBase * t.baseSupplyIndex) / COMET_INDEX_SCALE;
  const borrow = (t.totalBorrowBase * t.baseBorrowIndex) / COMET_INDEX_SCALE;
  return supply === 0n ? 0n : (borrow * WAD) / supply;
}

function ratesOrThrow(u: bigint, c: CometCurves): { supplyRate: bigint; borrowRate: bigint } {
  const r = cometRatesAt(u, c);
  if (r === null) throw new RiskInputError('totals.totalBorrowBase', 'a utilization whose rates fit in uint64', u);
  return r;
}

/**
 * Utilization and per-second supply and borrow rates of a Comet market: u = ⌊presentBorrow·10¹⁸ / presentSupply⌋
 * (present values ⌊principal·index / 10¹⁵⌋), and each curve base + slopeLow·u up to its kink, base + slopeLow·kink +
 * slopeHigh·(u − kink) above it, with the per-second figures the constructor derives (yearly / 31 536 000, floored)
 * and every product floored (mulFactor).
 * @param totals the market's totals
 * @param params the market's yearly configuration
 * @example
 * ```ts
 * import { cometRates } from 'riskcore/lending';
 * const e = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n;
 * const params = {
 *   supplyKink: e(0.8), supplyPerYearInterestRateBase: 0n, supplyPerYearInterestRateSlopeLow: e(0.04),
 *   supplyPerYearInterestRateSlopeHigh: e(0.4), borrowKink: e(0.8), borrowPerYearInterestRateBase: e(0.01),
 *   borrowPerYearInterestRateSlopeLow: e(0.05), borrowPerYearInterestRateSlopeHigh: e(0.3),
 * };
 * const totals = { baseSupplyIndex: 2n * 10n ** 15n, baseBorrowIndex: 4n * 10n ** 15n, totalSupplyBase: 500n, totalBorrowBase: 25n };
 * const r = cometRates(totals, params);
 * console.log(r.utilization); // 100000000000000000n
 * console.log(r.borrowRate * 31_536_000n); // 14999999944608000n
 * ```
 */
export function cometRates(totals: CometTotals, params: CometRateParams): CometRatesResult {
  const t = readFields<keyof CometTotals>(totals, 'totals', TOTAL_FIELDS);
  const c = readCometCurves(params, 'params');
  const utilization = cometUtilization(t);
  return { utilization, ...ratesOrThrow(utilization, c) };
}

/** Index growth of one accrual: idx + ⌊idx·rate·Δt / 10¹⁸⌋; null beyond uint64 (safe64). */
export function cometGrow(index: bigint, rate: bigint, dt: bigint): bigint | null {
  const next = index + mulDivDownRaw(index, rate * dt, WAD);
  return next > U64 ? null : next;
}

/**
 * One accrual of a Comet market after `context.elapsed` seconds (accrueInternal): the rates at the current
 * utilization, then each index + ⌊index·rate·Δt / 10¹⁸⌋ — simple interest within one accrual, so splitting the time
 * into more accruals compounds and gives a larger index. An index beyond uint64 (safe64 reverts) is a
 * RiskInputError on `context.elapsed`.
 * @param totals the market's totals
 * @param context the yearly configuration and the elapsed seconds
 * @example
 * ```ts
 * import { cometAccrue } from 'riskcore/lending';
 * const params = {
 *   supplyKink: 8n * 10n ** 17n, supplyPerYearInterestRateBase: 0n, supplyPerYearInterestRateSlopeLow: 4n * 10n ** 16n,
 *   supplyPerYearInterestRateSlopeHigh: 4n * 10n ** 17n, borrowKink: 8n * 10n ** 17n,
 *   borrowPerYearInterestRateBase: 10n ** 16n, borrowPerYearInterestRateSlopeLow: 5n * 10n ** 16n,
 *   borrowPerYearInterestRateSlopeHigh: 3n * 10n ** 17n,
 * };
 * const totals = { baseSupplyIndex: 10n ** 15n, baseBorrowIndex: 10n ** 15n, totalSupplyBase: 100n, totalBorrowBase: 50n };
 * const r = cometAccrue(totals, { params, elapsed: 86_400n });
 * console.log(r.baseBorrowIndex); // 1000095890410835n
 * ```
 */
export function cometAccrue(totals: CometTotals, context: CometAccrualContext): CometAccrualResult {
  const t = readFields<keyof CometTotals>(totals, 'totals', TOTAL_FIELDS);
  const ctx = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const c = readCometCurves(ctx.params, 'context.params');
  const dt = readElapsed({ elapsed: ctx.elapsed }, 'context');
  const utilization = cometUtilization(t);
  const rates = ratesOrThrow(utilization, c);
  if (dt === 0n)
    return { utilization, ...rates, baseSupplyIndex: t.baseSupplyIndex, baseBorrowIndex: t.baseBorrowIndex };
  const baseSupplyIndex = cometGrow(t.baseSupplyIndex, rates.supplyRate, dt);
  const baseBorrowIndex = cometGrow(t.baseBorrowIndex, rates.borrowRate, dt);
  if (baseSupplyIndex === null || baseBorrowIndex === null) {
    throw new RiskInputError('context.elapsed', 'short enough that the indices fit in uint64', dt);
  }
  return { utilization, ...rates, baseSupplyIndex, baseBorrowIndex };
}
