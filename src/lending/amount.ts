/**
 * Money inputs of the lending and collateral functions: exact decimals (core/money), bounded in magnitude so that a
 * value such as '1e400' (a unit slip or junk) is refused at its field instead of flowing into the products.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';

/** Largest accepted magnitude of an amount or price: 10³⁰ (a token supply of 10¹² at 10¹⁸ base units fits). */
export const MAX_MONEY = new Money('1e30');

/**
 * {@link toMoney} refusing |value| > {@link MAX_MONEY} (and a bigint of more base units than that) with a
 * RiskInputError naming `path`.
 */
export function toBoundedMoney(value: unknown, path: string, opts: { decimals?: number; min?: 'positive' | 'nonnegative' } = {}): Money {
  const m = toMoney(value, path, opts);
  if (m.abs().gt(MAX_MONEY)) throw new RiskInputError(path, `an amount of magnitude at most ${MAX_MONEY.toString()}`, typeof value === 'bigint' ? `${value}n` : value);
  return m;
}
