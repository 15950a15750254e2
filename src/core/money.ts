/**
 * Exact money at the API boundary. Balances, equity, margin and collateral are `Decimal` (decimal.js), never
 * binary floats. Inputs may be decimal strings, finite numbers (taken by their shortest round-trip decimal form),
 * `Decimal`, or `bigint` token amounts in base units together with the token's `decimals` (wei with 18).
 *
 * Range: an amount is at most {@link MONEY_MAX} (1e50) in magnitude and has at most {@link MONEY_DECIMALS} (340)
 * decimal places. Anything else — `'1e51'`, `'1e9000000000000001'` (a decimal.js Infinity), `'1e-400'` — is refused
 * with a RiskInputError naming the field, never rounded or overflowed silently.
 */
import { Decimal } from 'decimal.js';
import { RiskInputError } from './errors.js';
import { checkKeys, knownKeys } from './validate.js';

const OPTS_KEYS = knownKeys('decimals', 'min');

/** A Decimal constructor with 60 significant digits and round-half-even, shared by every money computation. */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
/** An exact decimal amount. */
export type Money = InstanceType<typeof Money>;
/** What a money field accepts: a decimal string, a finite number, a Decimal, or a bigint in base units. */
export type MoneyInput = string | number | Decimal | bigint;

/** Largest accepted magnitude of a money amount. */
export const MONEY_MAX = 1e50;
/**
 * Most decimal places a money amount may have: every finite double's shortest decimal form fits (5e-324 has 324),
 * while a string such as '1e-9000000000000001', which decimal.js would silently make 0, is refused.
 */
export const MONEY_DECIMALS = 340;
const MAX = new Money('1e50');

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a money input exactly. `bigint` is read as base units of a token with `decimals` decimals
 * (`toMoney(1500000000000000000n, 'amount', { decimals: 18 })` is 1.5).
 *
 * @example
 * ```ts
 * import { toMoney } from 'riskcore';
 * console.log(toMoney('0.1', 'amount').plus(toMoney('0.2', 'amount')).toString()); // '0.3'
 * console.log(toMoney(1500000000000000000n, 'amount', { decimals: 18 }).toString()); // '1.5'
 * ```
 */
export function toMoney(
  value: unknown,
  path: string,
  opts: { decimals?: number; min?: 'positive' | 'nonnegative' } = {},
): Money {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts))
    throw new RiskInputError(`${path}.opts`, 'an options object', opts);
  checkKeys(opts, 'opts', OPTS_KEYS);
  if (opts.min !== undefined && opts.min !== 'positive' && opts.min !== 'nonnegative') {
    throw new RiskInputError(`${path}.opts.min`, "one of 'positive', 'nonnegative'", opts.min);
  }
  let d: Money;
  if (typeof value === 'bigint') {
    const decimals = opts.decimals ?? 0;
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) {
      throw new RiskInputError(`${path}.decimals`, 'an integer in [0, 36] for a bigint amount', opts.decimals);
    }
    d = new Money(value.toString()).div(new Money(10).pow(decimals));
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RiskInputError(path, 'a finite amount (decimal string, number, Decimal or bigint)', value);
    d = new Money(String(value));
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (!DECIMAL_RE.test(text)) throw new RiskInputError(path, 'a decimal string such as "1234.56"', value);
    d = new Money(text);
  } else if (Decimal.isDecimal(value)) {
    const v = value as Decimal;
    if (!v.isFinite()) throw new RiskInputError(path, 'a finite Decimal', v.toString());
    d = new Money(v.toString());
  } else {
    throw new RiskInputError(path, 'an amount: decimal string, finite number, Decimal or bigint', value);
  }
  // |d| > 1e50 needs a decimal exponent of at least 50: the comparison (two Decimals built) only runs then
  if (!d.isFinite() || (d.e >= 50 && d.abs().gt(MAX)))
    throw new RiskInputError(path, `an amount at most ${MONEY_MAX} in magnitude`, value);
  // decimal.js makes an exponent below its range 0: a non-zero mantissa that came out 0 is an underflow.
  const underflow = typeof value === 'string' && d.isZero() && /[1-9]/.test(value.split(/[eE]/)[0]);
  if (underflow || d.decimalPlaces() > MONEY_DECIMALS)
    throw new RiskInputError(path, `an amount with at most ${MONEY_DECIMALS} decimal places`, value);
  // d is finite here: not above 0 is zero (either sign) or negative, read off without building a Decimal 0
  if (opts.min === 'positive' && (d.isZero() || d.isNeg())) throw new RiskInputError(path, 'an amount > 0', value);
  if (opts.min === 'nonnegative' && d.isNeg() && !d.isZero()) throw new RiskInputError(path, 'an amount >= 0', value);
  return d;
}

/**
 * Convert an exact amount back to bigint base units with `decimals` decimals, rounding half-even (or `down`/`up`).
 *
 * @example
 * ```ts
 * import { toMoney, toBaseUnits } from 'riskcore';
 * console.log(toBaseUnits(toMoney('1.5', 'amount'), 18)); // 1500000000000000000n
 * ```
 */
export function toBaseUnits(
  amount: Money | Decimal,
  decimals: number,
  rounding: 'half-even' | 'down' | 'up' = 'half-even',
): bigint {
  if (!Decimal.isDecimal(amount) || !(amount as Decimal).isFinite())
    throw new RiskInputError('amount', 'a finite Decimal', amount);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36)
    throw new RiskInputError('decimals', 'an integer in [0, 36]', decimals);
  if (rounding !== 'half-even' && rounding !== 'down' && rounding !== 'up')
    throw new RiskInputError('rounding', "one of 'half-even', 'down', 'up'", rounding);
  const mode =
    rounding === 'down' ? Decimal.ROUND_DOWN : rounding === 'up' ? Decimal.ROUND_UP : Decimal.ROUND_HALF_EVEN;
  const scaled = new Money(amount.toString()).mul(new Money(10).pow(decimals)).toDecimalPlaces(0, mode);
  return BigInt(scaled.toFixed(0));
}
