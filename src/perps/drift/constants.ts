/**
 * Drift v2's fixed-point precisions (programs/drift/src/math/constants.rs of drift-labs/protocol-v2 at
 * 0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62).
 */
export const DRIFT_PRECISION = Object.freeze({
  /** Prices: 10⁶. */
  price: 1_000_000n,
  /** Base asset amounts (perp positions): 10⁹. */
  base: 1_000_000_000n,
  /** Quote amounts (USDC): 10⁶. */
  quote: 1_000_000n,
  /** Perp margin ratios: 10⁴ = 100%. */
  margin: 10_000n,
  /** Spot asset and liability weights: 10⁴ = 1. */
  spotWeight: 10_000n,
  /** Percentages (IMF factors, liquidation fees, confidence): 10⁶ = 100%. */
  percentage: 1_000_000n,
  /** Cumulative funding rates: 10⁹ (price precision × funding-rate buffer 10³). */
  fundingRate: 1_000_000_000n,
  /** Liquidation percentages: 10⁴ = 100%. */
  liquidationPct: 10_000n,
});

export const PRICE = DRIFT_PRECISION.price;
export const BASE = DRIFT_PRECISION.base;
export const QUOTE = DRIFT_PRECISION.quote;
export const MARGIN = DRIFT_PRECISION.margin;
export const SPOT_WEIGHT = DRIFT_PRECISION.spotWeight;
export const PCT = DRIFT_PRECISION.percentage;
export const LIQ_FEE = DRIFT_PRECISION.percentage;
export const SPOT_IMF = DRIFT_PRECISION.percentage;
export const FUNDING_RATE_BUFFER = 1_000n;
/** 10⁹ / 10⁶. */
export const AMM_TO_QUOTE = BASE / QUOTE;
/** OPEN_ORDER_MARGIN_REQUIREMENT: $0.01 per open order. */
export const OPEN_ORDER_MARGIN = QUOTE / 100n;
/** MAX_POSITIVE_UPNL_FOR_INITIAL_MARGIN: $100. */
export const MAX_UPNL_INITIAL = 100n * QUOTE;
