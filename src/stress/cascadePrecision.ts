/**
 * Internal: the decimal precision a cascade runs at, chosen from its inputs so that every sum and product of money
 * in the engine is exact and the conservation identities hold to the last digit.
 *
 * Money is {@link Money} (60 significant digits) at the API boundary. A cascade adds and multiplies amounts whose
 * scales may be far apart (a 1e30 account beside 1e-18 of dust, a 9e40 whale), which 60 digits cannot hold; so the
 * engine runs on a clone of Money whose precision P covers the widest exact result it forms:
 *
 *   P = I + max(max(18, Fa) + Fp, G + Fa + Fp) + 4, at least 60, where
 *   - Fa = the most decimal places of any amount (units, cash, debt, fund); ADL closes have 18,
 *   - Fp = the most decimal places of any price: 13 (execution prices), or more in an entry or initial price,
 *   - G = the most decimal places of the penalty, maintenance margin or 1 − liquidation threshold (the third
 *     factor of a fee or a requirement),
 *   - I = the integer digits of the largest amount or entry + those of the highest price a market can reach
 *     (its ceiling) + the digits of the number of accounts × assets (a sum over all of them) + 3.
 *
 * Divisions (price impact, ADL allocation) are rounded deliberately to fixed decimal places and do not enter the
 * identities. P is refused beyond {@link MAX_CASCADE_DIGITS}.
 */
import { RiskInputError } from '../core/errors.js';
import { Money } from '../core/money.js';
import type { EngineAccount, EngineAsset } from './cascadeEngineTypes.js';

/** Most significant digits a cascade's exact arithmetic may need (amounts spanning ~600 orders of magnitude). */
export const MAX_CASCADE_DIGITS = 1200;

const PRICE_DP = 12;
const ADL_DP = 18;
const intDigits = (d: Money): number => (d.isZero() ? 0 : Math.max(0, d.e + 1));
const fracDigits = (d: Money): number => d.decimalPlaces();

/** Figures of one asset that bound the precision: initial price, its ceiling and liquidation threshold. */
export interface PrecisionInputs {
  accounts: EngineAccount[];
  assets: EngineAsset[];
  fund: Money;
  penalty: number;
  mmf: number;
}

/** The Decimal constructor (a clone of Money) with the precision the cascade needs. */
export function cascadeDecimal(x: PrecisionInputs): typeof Money {
  let Fa = fracDigits(x.fund); // amounts: units, cash, debt, fund
  let Fp = PRICE_DP + 1; // prices: execution prices (13 places), entries, initial prices
  let maxInt = intDigits(x.fund);
  for (const a of x.accounts) {
    for (const v of [a.cash, a.debt, ...a.c, ...a.s]) {
      maxInt = Math.max(maxInt, intDigits(v));
      Fa = Math.max(Fa, fracDigits(v));
    }
    for (const v of a.e) {
      maxInt = Math.max(maxInt, intDigits(v));
      Fp = Math.max(Fp, fracDigits(v));
    }
  }
  let priceInt = 0;
  let G = Math.max(fracDigits(new Money(String(x.penalty))), fracDigits(new Money(String(x.mmf))));
  for (const A of x.assets) {
    Fp = Math.max(Fp, fracDigits(A.p0));
    priceInt = Math.max(priceInt, intDigits(A.cap), intDigits(A.p0));
    G = Math.max(G, fracDigits(A.lt1));
  }
  // a product's decimal places are the sum of its factors': units × price, an ADL close (18 places) × price, and
  // a fee or requirement (penalty, margin or 1 − LT) × units × price; a sum keeps the most of its terms
  const frac = Math.max(Math.max(ADL_DP, Fa) + Fp, G + Fa + Fp);
  // integer digits: units × price, summed over accounts × assets (and their cash, debt and P&L terms)
  const count = Math.ceil(Math.log10(x.accounts.length * x.assets.length + 1));
  const I = maxInt + priceInt + count + 3;
  const P = Math.max(60, I + frac + 4);
  if (P > MAX_CASCADE_DIGITS) {
    throw new RiskInputError(
      'accounts',
      `amounts and prices whose exact products fit in ${MAX_CASCADE_DIGITS} significant digits`,
      `${P} digits`,
      'the amounts span too many orders of magnitude (integer digits of the largest, decimal places of the finest) for exact conservation',
    );
  }
  return P === 60 ? Money : Money.clone({ precision: P });
}
