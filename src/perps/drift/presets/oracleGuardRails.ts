/**
 * Drift v2's default oracle guard rails.
 *
 * Source: drift-labs/protocol-v2 at 0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62,
 * programs/drift/src/state/state.rs (`impl Default for PriceDivergenceGuardRails` and `ValidityGuardRails`).
 */
export const DRIFT_ORACLE_GUARD_RAILS = Object.freeze({
  source: 'drift-labs/protocol-v2@0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62 programs/drift/src/state/state.rs',
  /** Mark–oracle divergence limit, 10⁶ (10%); Drift never uses less than 10%. */
  markOraclePercentDivergence: 100_000n,
  /** Oracle vs 5-minute TWAP divergence limit, 10⁶ (50%). */
  oracleTwap5minPercentDivergence: 500_000n,
  /** Slots of delay after which the oracle is stale for the AMM (~5 s). */
  slotsBeforeStaleForAmm: 10n,
  /** Slots of delay after which the oracle is stale for margin (~60 s; 3× for stable-coin oracles). */
  slotsBeforeStaleForMargin: 120n,
  /** Largest confidence interval as a fraction of price, 10⁶ (2%), times the tier's multiplier. */
  confidenceIntervalMaxSize: 20_000n,
  /** Price over TWAP (or TWAP over price) above which the oracle is too volatile (5×). */
  tooVolatileRatio: 5n,
});
