/** Hourly funding payment of each position, exact so that what longs pay is what shorts receive. */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney, type MoneyInput } from '../../core/money.js';
import { checkArray, checkStrictObject, checkString, joinPath, knownKeys } from '../../core/validate.js';

const POSITION_KEYS = knownKeys('account', 'size');
const CONTEXT_KEYS = knownKeys('oraclePrice', 'hourlyRate');
/** Products of exact decimals never round here: 1000 significant digits hold any product of three money amounts. */
const Exact = Money.clone({ precision: 1000 });

/** A position receiving or paying funding. */
export interface HyperliquidFundingPosition {
  account: string;
  /** Signed size (coins). */
  size: MoneyInput;
}

/** Funding payment of one position. */
export interface HyperliquidFundingPayment {
  account: string;
  /** USDC paid (positive) or received (negative): size × oracle × hourly rate, exact. */
  payment: Money;
}

/** Funding of one hour over a set of positions. */
export interface HyperliquidFundingPaymentsResult {
  /** In input order. */
  payments: HyperliquidFundingPayment[];
  /** Sum of the positive payments (USDC). */
  totalPaid: Money;
  /** Sum of what is received, as a positive amount (USDC). */
  totalReceived: Money;
}

/**
 * Hourly funding payments (Hyperliquid's Funding page: position_size × oracle_price × funding_rate, the oracle
 * price, not the mark). Each payment is the exact product, with no rounding, so over positions whose sizes sum to
 * zero the total paid equals the total received exactly.
 *
 * @example
 * ```ts
 * import { hyperliquidFundingPayments } from 'riskcore/perps';
 * const r = hyperliquidFundingPayments(
 *   [{ account: 'long', size: '10' }, { account: 'short', size: '-10' }],
 *   { oraclePrice: '10000', hourlyRate: '0.0011875' },
 * );
 * console.log(r.payments.map((p) => p.payment.toString()), r.totalPaid.eq(r.totalReceived)); // [ '118.75', '-118.75' ] true
 * ```
 */
export function hyperliquidFundingPayments(
  positions: readonly HyperliquidFundingPosition[],
  context: { oraclePrice: MoneyInput; hourlyRate: MoneyInput },
): HyperliquidFundingPaymentsResult {
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const oracle = toMoney(c.oraclePrice, 'context.oraclePrice', { min: 'positive' });
  const rate = toMoney(c.hourlyRate, 'context.hourlyRate');
  if (rate.abs().gt(1))
    throw new RiskInputError('context.hourlyRate', 'a rate per hour of at most 1 in magnitude', c.hourlyRate);
  const unit = new Exact(oracle.toString()).times(rate.toString());
  let paid = new Exact(0);
  let received = new Exact(0);
  const payments = checkArray(positions, 'positions').map((v, i) => {
    const p = joinPath('positions', i);
    const o = checkStrictObject(v, p, POSITION_KEYS);
    const account = checkString(o.account, joinPath(p, 'account'));
    const size = toMoney(o.size, joinPath(p, 'size'));
    const amount = unit.times(size.toString());
    if (amount.isPos()) paid = paid.plus(amount);
    else received = received.minus(amount);
    return { account, payment: new Money(amount.toString()) };
  });
  return { payments, totalPaid: new Money(paid.toString()), totalReceived: new Money(received.toString()) };
}
