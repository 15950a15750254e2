/**
 * {@link poolShockedPrices}: collateral prices for a step of {@link poolRateRisk} from a riskcore/stress
 * {@link Scenario} (its `moves`, `'*'` for assets not named), rounded down to the oracle's decimals.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney } from '../../core/money.js';
import type { MoneyInput } from '../../core/money.js';
import { checkNumber, checkObject, checkStrictObject, joinPath, knownKeys, ownValue } from '../../core/validate.js';
import { type Scenario, setOwn, validateScenario } from '../scenario.js';

const OPTS_KEYS = knownKeys('decimals');

/** Options of {@link poolShockedPrices}. */
export interface PoolShockedPricesOptions {
  /** Decimals of the shocked prices (the market's `priceDecimals`), an integer in [0, 18]; default 8 (Aave). */
  decimals?: number;
}

/** Result of {@link poolShockedPrices}. */
export interface PoolShockedPricesResult {
  /** Price × (1 + move) per asset, rounded down to `decimals`, as decimal strings. */
  prices: Record<string, string>;
}

/**
 * Prices after a stress scenario's relative moves: price × (1 + move), the move read as the exact decimal it
 * prints as, rounded down to `decimals` (a shocked price that rounds to 0 is a RiskInputError: the oracle has no
 * such price). Other scenario fields (vols, haircuts, rates) do not move prices and are ignored.
 * @param prices prices per asset (base currency per whole token)
 * @param scenario a stress scenario (e.g. from `historicalScenarios` or `stablecoinDepeg`)
 * @param options the decimals of the result
 * @example
 * ```ts
 * import { poolShockedPrices } from 'riskcore/stress';
 * const r = poolShockedPrices({ WETH: '2500', USDC: '1' }, { name: 'ETH -35%', moves: { WETH: -0.35 } });
 * console.log(r.prices); // { WETH: '1625', USDC: '1' }
 * ```
 */
export function poolShockedPrices(
  prices: Record<string, MoneyInput>,
  scenario: Scenario,
  options?: PoolShockedPricesOptions,
): PoolShockedPricesResult {
  const p = checkObject(prices, 'prices');
  const s = validateScenario(scenario, 'scenario');
  const o = checkStrictObject(options ?? {}, 'options', OPTS_KEYS);
  const decimals =
    o.decimals === undefined ? 8 : checkNumber(o.decimals, 'options.decimals', { ge: 0, le: 18, integer: true });
  const out: Record<string, string> = {};
  for (const name of Object.keys(p)) {
    const path = joinPath('prices', name);
    const price = toMoney(ownValue(p, name), path, { min: 'positive' });
    const move = (s.moves && (ownValue(s.moves, name) ?? ownValue(s.moves, '*'))) ?? 0;
    const shocked = price.mul(new Money(1).add(new Money(move))).toDecimalPlaces(decimals, Money.ROUND_DOWN);
    if (shocked.isZero())
      throw new RiskInputError(path, `a price that stays above 10^-${decimals} after the move`, ownValue(p, name));
    setOwn(out, name, shocked.toFixed());
  }
  return { prices: out };
}
