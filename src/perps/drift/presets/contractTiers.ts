/**
 * Per-contract-tier constants of Drift v2's oracle and funding guards.
 *
 * Source: drift-labs/protocol-v2 at 0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62, programs/drift/src/state/perp_market.rs
 * (`get_max_confidence_interval_multiplier`, `get_max_price_divergence_for_funding_rate`).
 */
export const DRIFT_CONTRACT_TIER_GUARDS = Object.freeze({
  source: 'drift-labs/protocol-v2@0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62 programs/drift/src/state/perp_market.rs',
  /** Multiplier of the confidence-interval limit. */
  confidenceMultiplier: Object.freeze({ A: 1n, B: 1n, C: 2n, Speculative: 10n, HighlySpeculative: 50n, Isolated: 50n }),
  /** Divisor of the oracle TWAP giving the funding clamp (1/33 ≈ 3%, 1/20 = 5%, 1/10 = 10%). */
  fundingClampDivisor: Object.freeze({
    A: 33n,
    B: 33n,
    C: 20n,
    Speculative: 10n,
    HighlySpeculative: 10n,
    Isolated: 10n,
  }),
});
