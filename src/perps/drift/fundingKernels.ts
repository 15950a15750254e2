/**
 * Kernels of Drift v2's funding arithmetic (math/funding.rs, controller/funding.rs, state/perp_market.rs). Internal
 * to src/perps/drift; the public functions are in funding.ts.
 */
import { AMM_TO_QUOTE, FUNDING_RATE_BUFFER, PRICE, QUOTE } from './constants.js';
import { babs, bmax, bmin, div } from './int.js';
import type { DriftContractTier } from './market.js';
import { DRIFT_CONTRACT_TIER_GUARDS } from './presets/contractTiers.js';

/** `_calculate_funding_payment`: |Δ|·|base| / 10⁶ / 10³, signed so that longs pay a positive rate. */
export function fundingPaymentRaw(delta: bigint, base: bigint): bigint {
  const magnitude = (babs(delta) * babs(base)) / PRICE / FUNDING_RATE_BUFFER;
  const sign = (base > 0n ? -1n : 1n) * (delta > 0n ? 1n : -1n);
  return magnitude * sign;
}

/** `calculate_funding_payment` (and `_in_quote_precision`): the raw payment / 10³, truncated toward zero. */
export function fundingPayment(delta: bigint, base: bigint): bigint {
  if (delta === 0n) return 0n;
  return fundingPaymentRaw(delta, base) / AMM_TO_QUOTE;
}

/** `get_max_price_divergence_for_funding_rate`: 1/33 of the oracle TWAP for tiers A–B, 1/20 for C, else 1/10. */
export function maxFundingDivergence(tier: DriftContractTier, oracleTwap: bigint): bigint {
  return oracleTwap / DRIFT_CONTRACT_TIER_GUARDS.fundingClampDivisor[tier];
}

/** FUNDING_RATE_OFFSET_DENOMINATOR: the offset oracle_twap/5000 per hour, 7.3% a year. */
export const FUNDING_RATE_OFFSET_DENOMINATOR = 5000n;

/** The rate of controller/funding.rs `update_funding_rate` (10⁹ per base unit per period). */
export function fundingRate(
  markTwap: bigint,
  oracleTwap: bigint,
  period: bigint,
  tier: DriftContractTier,
  offset: boolean,
): bigint {
  const adjustment = (24n * 3600n) / bmax(3600n, period);
  let spread = markTwap - oracleTwap;
  if (offset) spread += babs(oracleTwap) / FUNDING_RATE_OFFSET_DENOMINATOR;
  const cap = maxFundingDivergence(tier, oracleTwap);
  const clamped = bmax(-cap, bmin(spread, cap));
  return (clamped * FUNDING_RATE_BUFFER) / adjustment;
}

/** `calculate_funding_rate_from_pnl_limit`. */
export function rateFromPnlLimit(limit: bigint, base: bigint, path: string): bigint {
  if (base === 0n) return 0n;
  const biased = limit < 0n ? limit + 1n : limit;
  return div(biased * QUOTE_TO_BASE_AMT_FUNDING, base, path);
}

/** QUOTE_TO_BASE_AMT_FUNDING_PRECISION of constants.rs: AMM_RESERVE · FUNDING_RATE_PRECISION / QUOTE = 10¹². */
export const QUOTE_TO_BASE_AMT_FUNDING = (1_000_000_000n * PRICE * FUNDING_RATE_BUFFER) / QUOTE;
