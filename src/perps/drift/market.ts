/**
 * Validated views of Drift v2 perp and spot market parameters (the fields of state/perp_market.rs and
 * state/spot_market.rs that clearing reads), with the oracle price of the moment. Internal to src/perps/drift.
 */
import { checkStrictObject, joinPath, knownKeys, optionalEnum } from '../../core/validate.js';
import { PRICE } from './constants.js';
import { readInt, readOptInt } from './int.js';

/** Drift's contract tiers, safest first (state/perp_market.rs `ContractTier`). */
export const DRIFT_CONTRACT_TIERS = ['A', 'B', 'C', 'Speculative', 'HighlySpeculative', 'Isolated'] as const;
export type DriftContractTier = (typeof DRIFT_CONTRACT_TIERS)[number];

/** A perp market as given (integers as bigint, safe integer or digit string). */
export interface DriftPerpMarketInput {
  /** Initial margin ratio, 10⁴ (1000 = 10%, 10×). */
  marginRatioInitial: bigint | number | string;
  /** Maintenance margin ratio, 10⁴. */
  marginRatioMaintenance: bigint | number | string;
  /** IMF factor of the √size premium, 10⁶ (0: none). */
  imfFactor?: bigint | number | string;
  /** Weight of positive unrealized P&L in initial collateral, 10⁴ (default 10⁴). */
  unrealizedPnlInitialAssetWeight?: bigint | number | string;
  /** Weight of positive unrealized P&L in maintenance collateral, 10⁴ (default 10⁴). */
  unrealizedPnlMaintenanceAssetWeight?: bigint | number | string;
  /** IMF factor discounting large positive unrealized P&L, 10⁶ (default 0). */
  unrealizedPnlImfFactor?: bigint | number | string;
  /** Net user P&L above which the initial unrealized-P&L weight is scaled down, 10⁶ (default 0: no cap). */
  unrealizedPnlMaxImbalance?: bigint | number | string;
  /** The users' net unsettled P&L against the AMM at the last oracle price, 10⁶ (`calculate_net_user_pnl`). */
  netUserPnl?: bigint | number | string;
  /** High-leverage-mode initial margin ratio, 10⁴ (0 or absent: no HLM). */
  highLeverageMarginRatioInitial?: bigint | number | string;
  /** High-leverage-mode maintenance margin ratio, 10⁴. */
  highLeverageMarginRatioMaintenance?: bigint | number | string;
  /** Oracle price, 10⁶. */
  oraclePrice: bigint | number | string;
  /** Cumulative funding rate of longs, 10⁹ (default 0). */
  cumulativeFundingRateLong?: bigint | number | string;
  /** Cumulative funding rate of shorts, 10⁹ (default 0). */
  cumulativeFundingRateShort?: bigint | number | string;
  /** Liquidator fee, 10⁶ (default 0). */
  liquidatorFee?: bigint | number | string;
  /** Insurance-fund liquidation fee, 10⁶ (default 0). */
  ifLiquidationFee?: bigint | number | string;
  /** Order step size in base precision (default 1). */
  orderStepSize?: bigint | number | string;
  /** Contract tier (default `'Speculative'`). */
  contractTier?: DriftContractTier;
}

/** A validated perp market. */
export interface PerpMarket {
  initial: bigint;
  maintenance: bigint;
  imf: bigint;
  upnlInitial: bigint;
  upnlMaintenance: bigint;
  upnlImf: bigint;
  maxImbalance: bigint;
  netUserPnl: bigint;
  hlInitial: bigint;
  hlMaintenance: bigint;
  oraclePrice: bigint;
  cumLong: bigint;
  cumShort: bigint;
  liquidatorFee: bigint;
  ifFee: bigint;
  stepSize: bigint;
  tier: DriftContractTier;
}

const PERP_KEYS = knownKeys(
  'marginRatioInitial',
  'marginRatioMaintenance',
  'imfFactor',
  'unrealizedPnlInitialAssetWeight',
  'unrealizedPnlMaintenanceAssetWeight',
  'unrealizedPnlImfFactor',
  'unrealizedPnlMaxImbalance',
  'netUserPnl',
  'highLeverageMarginRatioInitial',
  'highLeverageMarginRatioMaintenance',
  'oraclePrice',
  'cumulativeFundingRateLong',
  'cumulativeFundingRateShort',
  'liquidatorFee',
  'ifLiquidationFee',
  'orderStepSize',
  'contractTier',
);

/** Validate a perp market at `path`. */
export function readPerpMarket(value: unknown, path: string): PerpMarket {
  const o = checkStrictObject(value, path, PERP_KEYS);
  const at = (k: string) => joinPath(path, k);
  return {
    initial: readInt(o.marginRatioInitial, at('marginRatioInitial'), 'u32', 1n, 10_000n),
    maintenance: readInt(o.marginRatioMaintenance, at('marginRatioMaintenance'), 'u32', 1n, 10_000n),
    imf: readOptInt(o.imfFactor, at('imfFactor'), 'u32', 0n, 1_000_000n),
    upnlInitial: readOptInt(
      o.unrealizedPnlInitialAssetWeight,
      at('unrealizedPnlInitialAssetWeight'),
      'u32',
      10_000n,
      10_000n,
    ),
    upnlMaintenance: readOptInt(
      o.unrealizedPnlMaintenanceAssetWeight,
      at('unrealizedPnlMaintenanceAssetWeight'),
      'u32',
      10_000n,
      10_000n,
    ),
    upnlImf: readOptInt(o.unrealizedPnlImfFactor, at('unrealizedPnlImfFactor'), 'u32', 0n, 1_000_000n),
    maxImbalance: readOptInt(o.unrealizedPnlMaxImbalance, at('unrealizedPnlMaxImbalance'), 'u64', 0n, 10n ** 17n),
    netUserPnl: readInt(o.netUserPnl ?? 0n, at('netUserPnl'), 'i64', -(10n ** 17n), 10n ** 17n),
    hlInitial: readOptInt(o.highLeverageMarginRatioInitial, at('highLeverageMarginRatioInitial'), 'u16', 0n, 10_000n),
    hlMaintenance: readOptInt(
      o.highLeverageMarginRatioMaintenance,
      at('highLeverageMarginRatioMaintenance'),
      'u16',
      0n,
      10_000n,
    ),
    oraclePrice: readInt(o.oraclePrice, at('oraclePrice'), 'i64', 1n, 10n ** 15n),
    cumLong: readOptInt(o.cumulativeFundingRateLong, at('cumulativeFundingRateLong'), 'i128', 0n),
    cumShort: readOptInt(o.cumulativeFundingRateShort, at('cumulativeFundingRateShort'), 'i128', 0n),
    liquidatorFee: readOptInt(o.liquidatorFee, at('liquidatorFee'), 'u32', 0n, 1_000_000n),
    ifFee: readOptInt(o.ifLiquidationFee, at('ifLiquidationFee'), 'u32', 0n, 1_000_000n),
    stepSize: readInt(o.orderStepSize ?? 1n, at('orderStepSize'), 'u64', 1n),
    tier: optionalEnum(o.contractTier, at('contractTier'), DRIFT_CONTRACT_TIERS, 'Speculative'),
  };
}

/** A spot market as given. */
export interface DriftSpotMarketInput {
  /** Drift's market index (default 1); index 0 is the quote market (USDC), valued unweighted. */
  marketIndex?: number;
  /** Token decimals (USDC 6, SOL 9). */
  decimals: number;
  /** Oracle price, 10⁶. */
  oraclePrice: bigint | number | string;
  /** Oracle TWAP (5 min), 10⁶: with it, assets are valued at min(price, twap) and liabilities at the max. */
  oracleTwap?: bigint | number | string;
  /** Initial asset weight, 10⁴. */
  initialAssetWeight: bigint | number | string;
  /** Maintenance asset weight, 10⁴. */
  maintenanceAssetWeight: bigint | number | string;
  /** Initial liability weight, 10⁴. */
  initialLiabilityWeight: bigint | number | string;
  /** Maintenance liability weight, 10⁴. */
  maintenanceLiabilityWeight: bigint | number | string;
  /** IMF factor, 10⁶ (default 0). */
  imfFactor?: bigint | number | string;
  /** Deposit value ($, 10⁶) above which the initial asset weight is scaled down (default: none). */
  scaleInitialAssetWeightStart?: bigint | number | string;
  /** Total deposits of the market in tokens (default 0), for the scaled initial asset weight. */
  totalDeposits?: bigint | number | string;
}

/** A validated spot market. */
export interface SpotMarket {
  quote: boolean;
  decimals: bigint;
  price: bigint;
  twap: bigint;
  iaw: bigint;
  maw: bigint;
  ilw: bigint;
  mlw: bigint;
  imf: bigint;
  scaleStart: bigint;
  deposits: bigint;
}

const SPOT_KEYS = knownKeys(
  'marketIndex',
  'decimals',
  'oraclePrice',
  'oracleTwap',
  'initialAssetWeight',
  'maintenanceAssetWeight',
  'initialLiabilityWeight',
  'maintenanceLiabilityWeight',
  'imfFactor',
  'scaleInitialAssetWeightStart',
  'totalDeposits',
);

/** Validate a spot market at `path`. */
export function readSpotMarket(value: unknown, path: string): SpotMarket {
  const o = checkStrictObject(value, path, SPOT_KEYS);
  const at = (k: string) => joinPath(path, k);
  const price = readInt(o.oraclePrice, at('oraclePrice'), 'i64', 1n, 10n ** 15n);
  return {
    quote: readOptInt(o.marketIndex, at('marketIndex'), 'u16', 1n) === 0n,
    decimals: readInt(o.decimals, at('decimals'), 'u32', 0n, 18n),
    price,
    twap: readInt(o.oracleTwap ?? price, at('oracleTwap'), 'i64', 1n, 10n ** 15n),
    iaw: readInt(o.initialAssetWeight, at('initialAssetWeight'), 'u32', 0n, 10_000n),
    maw: readInt(o.maintenanceAssetWeight, at('maintenanceAssetWeight'), 'u32', 0n, 10_000n),
    ilw: readInt(o.initialLiabilityWeight, at('initialLiabilityWeight'), 'u32', 0n, 1_000_000n),
    mlw: readInt(o.maintenanceLiabilityWeight, at('maintenanceLiabilityWeight'), 'u32', 0n, 1_000_000n),
    imf: readOptInt(o.imfFactor, at('imfFactor'), 'u32', 0n, 1_000_000n),
    scaleStart: readOptInt(o.scaleInitialAssetWeightStart, at('scaleInitialAssetWeightStart'), 'u64', 0n),
    deposits: readOptInt(o.totalDeposits, at('totalDeposits'), 'u64', 0n),
  };
}

/** Margin requirement types (math/margin.rs `MarginRequirementType`). */
export const DRIFT_MARGIN_TYPES = ['initial', 'fill', 'maintenance'] as const;
export type DriftMarginType = (typeof DRIFT_MARGIN_TYPES)[number];

/** Read `options.type` (default `'initial'`). */
export function readMarginType(value: unknown, path: string): DriftMarginType {
  return optionalEnum(value, path, DRIFT_MARGIN_TYPES, 'initial');
}

export { PRICE };
