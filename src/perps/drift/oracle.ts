/**
 * Drift v2's oracle guards (math/oracle.rs `oracle_validity`, math/amm.rs `is_oracle_mark_too_divergent`,
 * `calculate_oracle_twap_5min_price_spread_pct`) and the strict price band of state/oracle.rs `StrictOraclePrice`.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkEnum, checkStrictObject, joinPath, knownKeys, optionalEnum } from '../../core/validate.js';
import { PCT } from './constants.js';
import { babs, bmax, bmin, readInt, readOptInt, type DriftInt } from './int.js';
import { DRIFT_CONTRACT_TIERS, type DriftContractTier } from './market.js';
import { DRIFT_CONTRACT_TIER_GUARDS } from './presets/contractTiers.js';
import { DRIFT_ORACLE_GUARD_RAILS } from './presets/oracleGuardRails.js';

/** Oracle validity, in Drift's order of severity. */
export type DriftOracleValidity =
  | 'NonPositive'
  | 'TooVolatile'
  | 'TooUncertain'
  | 'StaleForMargin'
  | 'InsufficientDataPoints'
  | 'StaleForAMM'
  | 'Valid';

/** Validity of an oracle reading and the checks behind it. */
export interface DriftOracleValidityResult {
  validity: DriftOracleValidity;
  /** Confidence as a fraction of price, 10⁶. */
  confidencePct: bigint;
  /** Stale for immediate AMM fills / for low-risk AMM fills (delay above the slot limits). */
  staleForAmmImmediate: boolean;
  staleForAmmLowRisk: boolean;
  /** Usable for the margin calculation (not NonPositive, TooVolatile, TooUncertain or StaleForMargin). */
  validForMargin: boolean;
  /** Usable for liquidation (not NonPositive or TooVolatile). */
  validForLiquidation: boolean;
}

const ORACLE_KEYS = knownKeys('price', 'confidence', 'delay', 'hasSufficientDataPoints');
const CTX_KEYS = knownKeys('oracleTwap', 'contractTier', 'guardRails', 'oracleSource');
const RAIL_KEYS = knownKeys(
  'slotsBeforeStaleForAmm',
  'slotsBeforeStaleForMargin',
  'confidenceIntervalMaxSize',
  'tooVolatileRatio',
);
const VAL_OPTS = knownKeys('ammImmediateSlots', 'ammLowRiskSlots');

/**
 * Classify an oracle reading as Drift does: non-positive, too volatile against its TWAP (ratio above
 * `tooVolatileRatio`), confidence too wide (above `confidenceIntervalMaxSize` × the tier's multiplier), stale for
 * margin or for the AMM by slots of delay, or valid.
 *
 * @param oracle `price` (10⁶), `confidence` (10⁶), `delay` (slots), `hasSufficientDataPoints` (default true)
 * @param context `oracleTwap` (10⁶), `contractTier`, `guardRails` (default {@link DRIFT_ORACLE_GUARD_RAILS}),
 *   `oracleSource` (`'stableCoin'` triples the margin staleness limit)
 * @param options slot limits of the immediate and low-risk AMM staleness checks (Drift's per-market overrides, i8;
 *   default: the rails' `slotsBeforeStaleForAmm`, as `get_oracle_status` passes; 0 makes every reading stale for
 *   immediate AMM fills and leaves the low-risk check to the rails, as Drift does)
 * @example
 * ```ts
 * import { driftOracleValidity } from 'riskcore/perps';
 * const r = driftOracleValidity(
 *   { price: 34_000_000, confidence: 1_000_000, delay: 8 },
 *   { oracleTwap: 21_000_000, contractTier: 'B' },
 * );
 * console.log(r.validity); // 'TooUncertain'
 * console.log(r.confidencePct); // 29411n
 * ```
 */
export function driftOracleValidity(
  oracle: { price: DriftInt; confidence: DriftInt; delay: DriftInt; hasSufficientDataPoints?: boolean },
  context: {
    oracleTwap: DriftInt;
    contractTier: DriftContractTier;
    guardRails?: {
      slotsBeforeStaleForAmm: DriftInt;
      slotsBeforeStaleForMargin: DriftInt;
      confidenceIntervalMaxSize: DriftInt;
      tooVolatileRatio: DriftInt;
    };
    oracleSource?: 'standard' | 'stableCoin';
  },
  options: { ammImmediateSlots?: DriftInt; ammLowRiskSlots?: DriftInt } = {},
): DriftOracleValidityResult {
  const o = checkStrictObject(oracle, 'oracle', ORACLE_KEYS);
  const c = checkStrictObject(context, 'context', CTX_KEYS);
  const opt = checkStrictObject(options, 'options', VAL_OPTS);
  const price = readInt(o.price, 'oracle.price', 'i64', -(10n ** 15n), 10n ** 15n);
  const conf = readInt(o.confidence, 'oracle.confidence', 'u64', 0n, 10n ** 15n);
  const delay = readInt(o.delay, 'oracle.delay', 'i64', -(10n ** 12n), 10n ** 12n);
  const sufficient = o.hasSufficientDataPoints ?? true;
  if (typeof sufficient !== 'boolean') {
    throw new RiskInputError('oracle.hasSufficientDataPoints', 'a boolean', o.hasSufficientDataPoints);
  }
  const twap = readInt(c.oracleTwap, 'context.oracleTwap', 'i64', -(10n ** 15n), 10n ** 15n);
  const tier = checkEnum(c.contractTier, 'context.contractTier', DRIFT_CONTRACT_TIERS);
  const rails = readRails(c.guardRails, 'context.guardRails');
  const stable = optionalEnum(c.oracleSource, 'context.oracleSource', ['standard', 'stableCoin'] as const, 'standard');
  const railSlots = rails.slotsBeforeStaleForAmm > 127n ? 127n : rails.slotsBeforeStaleForAmm;
  const immOverride = readInt(opt.ammImmediateSlots ?? railSlots, 'options.ammImmediateSlots', 'i64', 0n, 127n);
  const lowOverride = readInt(opt.ammLowRiskSlots ?? railSlots, 'options.ammLowRiskSlots', 'i64', 0n, 127n);

  const confidencePct = price > 0n ? (conf * PCT) / price : 0n;
  const tooVolatile = bmax(price, twap) / bmax(bmin(twap, price), 1n) > rails.tooVolatileRatio;
  const confTooLarge =
    confidencePct > rails.confidenceIntervalMaxSize * DRIFT_CONTRACT_TIER_GUARDS.confidenceMultiplier[tier];
  const immediate = immOverride !== 0n ? delay > immOverride : true;
  const lowRisk = lowOverride !== 0n ? delay > lowOverride : delay > rails.slotsBeforeStaleForAmm;
  const staleMargin = delay > rails.slotsBeforeStaleForMargin * (stable === 'stableCoin' ? 3n : 1n);
  let validity: DriftOracleValidity;
  if (price <= 0n) validity = 'NonPositive';
  else if (tooVolatile) validity = 'TooVolatile';
  else if (confTooLarge) validity = 'TooUncertain';
  else if (staleMargin) validity = 'StaleForMargin';
  else if (!sufficient) validity = 'InsufficientDataPoints';
  else if (immediate || lowRisk) validity = 'StaleForAMM';
  else validity = 'Valid';
  return {
    validity,
    confidencePct,
    staleForAmmImmediate: immediate,
    staleForAmmLowRisk: lowRisk,
    validForMargin: !['NonPositive', 'TooVolatile', 'TooUncertain', 'StaleForMargin'].includes(validity),
    validForLiquidation: !['NonPositive', 'TooVolatile'].includes(validity),
  };
}

function readRails(value: unknown, path: string) {
  if (value === undefined) return DRIFT_ORACLE_GUARD_RAILS;
  const r = checkStrictObject(value, path, RAIL_KEYS);
  const at = (k: string) => joinPath(path, k);
  return {
    slotsBeforeStaleForAmm: readInt(r.slotsBeforeStaleForAmm, at('slotsBeforeStaleForAmm'), 'i64', 0n, 10n ** 9n),
    slotsBeforeStaleForMargin: readInt(
      r.slotsBeforeStaleForMargin,
      at('slotsBeforeStaleForMargin'),
      'i64',
      0n,
      10n ** 9n,
    ),
    confidenceIntervalMaxSize: readInt(
      r.confidenceIntervalMaxSize,
      at('confidenceIntervalMaxSize'),
      'u64',
      0n,
      10n ** 9n,
    ),
    tooVolatileRatio: readInt(r.tooVolatileRatio, at('tooVolatileRatio'), 'i64', 1n, 10n ** 9n),
  };
}

/** Mark–oracle divergence. */
export interface DriftMarkOracleDivergenceResult {
  /** (price − 5-minute oracle TWAP) / price, 10⁶. */
  spreadPct: bigint;
  /** |spreadPct| above max(limit, 10%): Drift pauses funding and AMM fills. */
  tooDivergent: boolean;
}

const DIV_KEYS = knownKeys('oracleTwap5min', 'markOraclePercentDivergence');

/**
 * Whether a mark (reserve) price has diverged too far from the 5-minute oracle TWAP.
 *
 * @param markPrice the AMM reserve price or another mark, 10⁶
 * @param context `oracleTwap5min` (10⁶) and `markOraclePercentDivergence` (10⁶; default 10%, never less than 10%)
 * @example
 * ```ts
 * import { driftMarkOracleDivergence } from 'riskcore/perps';
 * const d = driftMarkOracleDivergence(33_000_000, { oracleTwap5min: 29_000_000 });
 * console.log(d.spreadPct); // 121212n
 * console.log(d.tooDivergent); // true
 * ```
 */
export function driftMarkOracleDivergence(
  markPrice: DriftInt,
  context: { oracleTwap5min: DriftInt; markOraclePercentDivergence?: DriftInt },
): DriftMarkOracleDivergenceResult {
  const mark = readInt(markPrice, 'markPrice', 'u64', 1n, 10n ** 15n);
  const c = checkStrictObject(context, 'context', DIV_KEYS);
  const twap5 = readInt(c.oracleTwap5min, 'context.oracleTwap5min', 'i64', -(10n ** 15n), 10n ** 15n);
  const limit = readOptInt(
    c.markOraclePercentDivergence,
    'context.markOraclePercentDivergence',
    'u64',
    DRIFT_ORACLE_GUARD_RAILS.markOraclePercentDivergence,
    10n ** 9n,
  );
  const spreadPct = ((mark - twap5) * PCT) / mark;
  return { spreadPct, tooDivergent: babs(spreadPct) > bmax(limit, PCT / 10n) };
}

/** The conservative price band of a strict oracle price. */
export interface DriftPriceBandResult {
  /** min(price, twap): values collateral and gains. */
  low: bigint;
  /** max(price, twap): values liabilities and losses. */
  high: bigint;
}

const BAND_KEYS = knownKeys('twap');

/**
 * The strict price band Drift values with: assets and positive P&L at the lower of the oracle price and its
 * 5-minute TWAP, liabilities at the higher (`StrictOraclePrice::min` / `max`).
 *
 * @param price oracle price, 10⁶
 * @param context `twap`: the 5-minute TWAP, 10⁶ (absent: the band is the price itself)
 * @example
 * ```ts
 * import { driftPriceBand } from 'riskcore/perps';
 * const band = driftPriceBand(101_000_000, { twap: 99_500_000 });
 * console.log(band.low); // 99500000n
 * console.log(band.high); // 101000000n
 * ```
 */
export function driftPriceBand(price: DriftInt, context: { twap?: DriftInt } = {}): DriftPriceBandResult {
  const p = readInt(price, 'price', 'i64', 1n, 10n ** 15n);
  const c = checkStrictObject(context, 'context', BAND_KEYS);
  const t = readInt(c.twap ?? p, 'context.twap', 'i64', 1n, 10n ** 15n);
  return { low: bmin(p, t), high: bmax(p, t) };
}
