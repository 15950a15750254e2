/** Funding: premium from impact prices, the 8-hour rate with the interest component and clamp, the hourly cap. */
import { Money, toMoney, type MoneyInput } from '../../core/money.js';
import { checkArray, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { HYPERLIQUID_MAINNET_PARAMS as P } from './presets/params.js';

const IMPACT_KEYS = knownKeys('impactBidPrice', 'impactAskPrice');
const ORACLE_KEYS = knownKeys('oraclePrice');
const RATE_OPTION_KEYS = knownKeys('interestRate8h', 'hourlyCap');
const ZERO = new Money(0);
const CLAMP = new Money(P.premiumClamp);

/** Impact prices: average execution prices of the impact notional on each side of the book (USDC per coin). */
export interface HyperliquidImpactPrices {
  impactBidPrice: MoneyInput;
  impactAskPrice: MoneyInput;
}

/**
 * Premium of one sample (Hyperliquid's Funding page): impact_price_difference / oracle_price, where
 * impact_price_difference = max(impact_bid_px − oracle_px, 0) − max(oracle_px − impact_ask_px, 0).
 *
 * @example
 * ```ts
 * import { hyperliquidPremium } from 'riskcore/perps';
 * console.log(hyperliquidPremium({ impactBidPrice: '10100', impactAskPrice: '10110' }, { oraclePrice: '10000' }).toString()); // '0.01'
 * ```
 */
export function hyperliquidPremium(impact: HyperliquidImpactPrices, context: { oraclePrice: MoneyInput }): Money {
  const i = checkStrictObject(impact, 'impact', IMPACT_KEYS);
  const bid = toMoney(i.impactBidPrice, 'impact.impactBidPrice', { min: 'positive' });
  const ask = toMoney(i.impactAskPrice, 'impact.impactAskPrice', { min: 'positive' });
  const c = checkStrictObject(context, 'context', ORACLE_KEYS);
  const oracle = toMoney(c.oraclePrice, 'context.oraclePrice', { min: 'positive' });
  return Money.max(bid.minus(oracle), ZERO)
    .minus(Money.max(oracle.minus(ask), ZERO))
    .div(oracle);
}

/** Options of {@link hyperliquidFundingRate}. */
export interface HyperliquidFundingRateOptions {
  /** Interest rate per 8 hours (default 0.0001 = 0.01%). */
  interestRate8h?: MoneyInput;
  /** Cap on the hourly rate, either sign (default 0.04 = 4%). */
  hourlyCap?: MoneyInput;
}

/** Funding rate of one hour. */
export interface HyperliquidFundingRateResult {
  /** Average of the premium samples. */
  averagePremium: Money;
  /** clamp(interest − P, −0.0005, 0.0005). */
  clampedInterest: Money;
  /** P + clamp(interest − P, −0.0005, 0.0005): the 8-hour rate. */
  eightHourRate: Money;
  /** One eighth of the 8-hour rate, capped at ±hourlyCap: the rate paid this hour (positive: longs pay). */
  hourlyRate: Money;
  /** Whether the cap bound. */
  capped: 'capped' | 'uncapped';
}

/**
 * Funding rate from the premium samples of an hour (Hyperliquid's Funding page): F = P + clamp(r − P, −0.0005,
 * 0.0005) with P the average premium and r the interest rate of 0.01% per 8 hours; F is an 8-hour rate, paid every
 * hour at one eighth, the hourly rate capped at 4%.
 *
 * @example
 * ```ts
 * import { hyperliquidFundingRate } from 'riskcore/perps';
 * const f = hyperliquidFundingRate(['0.01']);
 * console.log(f.clampedInterest.toString(), f.eightHourRate.toString(), f.hourlyRate.toString()); // '-0.0005 0.0095 0.0011875'
 * ```
 */
export function hyperliquidFundingRate(
  premiums: readonly MoneyInput[],
  options: HyperliquidFundingRateOptions = {},
): HyperliquidFundingRateResult {
  const o = checkStrictObject(options, 'options', RATE_OPTION_KEYS);
  const interest =
    o.interestRate8h === undefined ? new Money(P.interestRate8h) : toMoney(o.interestRate8h, 'options.interestRate8h');
  const cap =
    o.hourlyCap === undefined
      ? new Money(P.hourlyFundingCap)
      : toMoney(o.hourlyCap, 'options.hourlyCap', { min: 'nonnegative' });
  const samples = checkArray(premiums, 'premiums', 1).map((v, i) => toMoney(v, joinPath('premiums', i)));
  let sum = ZERO;
  for (const s of samples) sum = sum.plus(s);
  const averagePremium = sum.div(samples.length);
  const clampedInterest = Money.min(Money.max(interest.minus(averagePremium), CLAMP.neg()), CLAMP);
  const eightHourRate = averagePremium.plus(clampedInterest);
  const raw = eightHourRate.div(8);
  const hourlyRate = Money.min(Money.max(raw, cap.neg()), cap);
  return {
    averagePremium,
    clampedInterest,
    eightHourRate,
    hourlyRate,
    capped: hourlyRate.eq(raw) ? 'uncapped' : 'capped',
  };
}
