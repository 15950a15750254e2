/**
 * Drift v2's perp bankruptcy (controller/liquidation.rs `resolve_perp_bankruptcy`, math/liquidation.rs
 * `calculate_funding_rate_deltas_to_resolve_bankruptcy`): the insurance fund pays what it can, the market's fee pool
 * what it can of the rest, and the remainder is socialised over every open position through the cumulative funding
 * rates.
 */
import { RiskInputError } from '../../core/errors.js';
import { knownKeys } from '../../core/validate.js';
import { BASE } from './constants.js';
import { babs, bmax, bmin, divCeil, readFields, readOptInt, type DriftInt } from './int.js';
import { checkStrictObject, joinPath } from '../../core/validate.js';

/** FUNDING_RATE_TO_QUOTE_PRECISION_PRECISION_RATIO: 10⁹ / 10⁶. */
const FUNDING_TO_QUOTE = 1_000n;

function fundingDelta(loss: bigint, long: bigint, short: bigint, path: string, value: unknown): bigint {
  const total = babs(long) + babs(short);
  if (total === 0n) {
    throw new RiskInputError(path, 'open interest > 0 (Drift cannot resolve a bankruptcy without positions)', value);
  }
  return divCeil(babs(loss) * BASE, total, path) * FUNDING_TO_QUOTE;
}

/**
 * The cumulative funding delta (10⁹ per base unit) that spreads a bankrupt user's perp loss over all open
 * positions: ⌈|loss|·10⁹ / (|long| + |short|)⌉ × 10³ (`calculate_funding_rate_deltas_to_resolve_bankruptcy`);
 * added to the longs' cumulative rate and subtracted from the shorts'.
 *
 * @param loss `loss`, 10⁶ (the negative quote balance left)
 * @param market `baseAssetAmountLong` and `baseAssetAmountShort`, 10⁹
 * @example
 * ```ts
 * import { driftBankruptcyFundingDelta } from 'riskcore/perps';
 * const d = driftBankruptcyFundingDelta({ loss: -100_000_000n }, { baseAssetAmountLong: 7_000_000_000n, baseAssetAmountShort: -4_000_000_000n });
 * console.log(d); // 9090910000n
 * ```
 */
export function driftBankruptcyFundingDelta(
  loss: { loss: DriftInt },
  market: { baseAssetAmountLong: DriftInt; baseAssetAmountShort: DriftInt },
): bigint {
  const l = readFields(loss, 'loss', { loss: 'i64' }, knownKeys('loss'));
  const m = readFields(
    market,
    'market',
    { baseAssetAmountLong: 'i64', baseAssetAmountShort: 'i64' },
    knownKeys('baseAssetAmountLong', 'baseAssetAmountShort'),
  );
  const total = babs(m.baseAssetAmountLong) + babs(m.baseAssetAmountShort);
  if (total === 0n) {
    throw new RiskInputError(
      'market',
      'open interest > 0 (Drift cannot resolve a bankruptcy without positions)',
      market,
    );
  }
  return divCeil(babs(l.loss) * BASE, total, 'market') * 1_000n;
}

/** The market's state that a bankruptcy reads. */
export interface DriftBankruptcyMarketInput {
  /** Total long and short base, 10⁹. */
  baseAssetAmountLong: DriftInt;
  baseAssetAmountShort: DriftInt;
  /** Cumulative funding rates, 10⁹. */
  cumulativeFundingRateLong: DriftInt;
  cumulativeFundingRateShort: DriftInt;
  /** Quote in the insurance fund vault, 10⁶ (one unit always stays). */
  insuranceFundVaultBalance: DriftInt;
  /** The market's insurance claim limit and what it has already settled, 10⁶. */
  quoteMaxInsurance: DriftInt;
  quoteSettledInsurance?: DriftInt;
  /** Quote tokens in the market's fee pool, 10⁶ (default 0). */
  feePoolTokens?: DriftInt;
}

/** How a perp bankruptcy is paid. */
export interface DriftPerpBankruptcyResult {
  /** Paid by the insurance fund, 10⁶: min(loss, vault − 1, claim left). */
  insuranceFundPayment: bigint;
  /** Paid by the market's fee pool, 10⁶. */
  feePoolPayment: bigint;
  /** Socialised over open positions, 10⁶ (≥ 0). */
  socialLoss: bigint;
  /** Added to the longs' cumulative funding rate and taken from the shorts', 10⁹ per base unit. */
  cumulativeFundingRateDelta: bigint;
  cumulativeFundingRateLong: bigint;
  cumulativeFundingRateShort: bigint;
}

const MARKET_KEYS = knownKeys(
  'baseAssetAmountLong',
  'baseAssetAmountShort',
  'cumulativeFundingRateLong',
  'cumulativeFundingRateShort',
  'insuranceFundVaultBalance',
  'quoteMaxInsurance',
  'quoteSettledInsurance',
  'feePoolTokens',
);

/**
 * Resolve a bankrupt user's perp loss as Drift does: the insurance fund pays up to its balance less one unit and the
 * market's remaining insurance claim, the fee pool pays what it can of the rest, and what remains is socialised by
 * moving the cumulative funding rates (longs up, shorts down) by ⌈loss·10⁹ / open interest⌉ · 10³.
 *
 * @param bankruptcy `quoteAssetAmount`: the user's negative quote balance left in the market, 10⁶
 * @param market open interest, cumulative funding rates, insurance vault and claim, fee pool
 * @example
 * ```ts
 * import { driftResolvePerpBankruptcy } from 'riskcore/perps';
 * const r = driftResolvePerpBankruptcy(
 *   { quoteAssetAmount: -100_000_000n },
 *   {
 *     baseAssetAmountLong: 7_000_000_000n, baseAssetAmountShort: -4_000_000_000n,
 *     cumulativeFundingRateLong: 0n, cumulativeFundingRateShort: 0n,
 *     insuranceFundVaultBalance: 40_000_001n, quoteMaxInsurance: 10n ** 12n, feePoolTokens: 10_000_000n,
 *   },
 * );
 * console.log(r.insuranceFundPayment); // 40000000n
 * console.log(r.socialLoss); // 50000000n
 * console.log(r.cumulativeFundingRateDelta); // 4545455000n
 * ```
 */
export function driftResolvePerpBankruptcy(
  bankruptcy: { quoteAssetAmount: DriftInt },
  market: DriftBankruptcyMarketInput,
): DriftPerpBankruptcyResult {
  const b = readFields(bankruptcy, 'bankruptcy', { quoteAssetAmount: 'i64' }, knownKeys('quoteAssetAmount'));
  if (b.quoteAssetAmount >= 0n) {
    throw new RiskInputError(
      'bankruptcy.quoteAssetAmount',
      'a negative quote balance (a loss)',
      bankruptcy.quoteAssetAmount,
    );
  }
  const o = checkStrictObject(market, 'market', MARKET_KEYS);
  const m = readFields(
    {
      baseAssetAmountLong: o.baseAssetAmountLong,
      baseAssetAmountShort: o.baseAssetAmountShort,
      cumulativeFundingRateLong: o.cumulativeFundingRateLong,
      cumulativeFundingRateShort: o.cumulativeFundingRateShort,
      insuranceFundVaultBalance: o.insuranceFundVaultBalance,
      quoteMaxInsurance: o.quoteMaxInsurance,
    },
    'market',
    {
      baseAssetAmountLong: 'i64',
      baseAssetAmountShort: 'i64',
      cumulativeFundingRateLong: 'i64',
      cumulativeFundingRateShort: 'i64',
      insuranceFundVaultBalance: 'u64',
      quoteMaxInsurance: 'u64',
    },
    MARKET_KEYS,
  );
  const settled = readOptInt(o.quoteSettledInsurance, joinPath('market', 'quoteSettledInsurance'), 'u64', 0n);
  const feePool = readOptInt(o.feePoolTokens, joinPath('market', 'feePoolTokens'), 'u64', 0n);
  if (settled > m.quoteMaxInsurance) {
    throw new RiskInputError('market.quoteSettledInsurance', 'at most quoteMaxInsurance', o.quoteSettledInsurance);
  }
  const loss = b.quoteAssetAmount;
  const ifPayment = bmin(bmin(-loss, bmax(m.insuranceFundVaultBalance - 1n, 0n)), m.quoteMaxInsurance - settled);
  const remaining = loss + ifPayment;
  const feePoolPayment = remaining < 0n ? bmin(-remaining, feePool) : 0n;
  const social = remaining + feePoolPayment;
  const delta = fundingDelta(social, m.baseAssetAmountLong, m.baseAssetAmountShort, 'market', market);
  const applied = social < 0n ? delta : 0n;
  return {
    insuranceFundPayment: ifPayment,
    feePoolPayment,
    socialLoss: -social,
    cumulativeFundingRateDelta: applied,
    cumulativeFundingRateLong: m.cumulativeFundingRateLong + applied,
    cumulativeFundingRateShort: m.cumulativeFundingRateShort - applied,
  };
}
