/**
 * Prepared dYdX v4 markets and subaccounts: the perpetuals (and a subaccount against them) validated once, for the
 * account and pre-trade functions called many times on the same state. A prepared value is recognised by its brand
 * only (`src/core/brand.ts`); an object of the same shape built by hand is validated as ordinary input.
 */
import { isPrepared, markPrepared } from '../../core/brand.js';
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { perpAdjustedImfPpm } from './risk.js';
import { type DydxMarkets, type DydxSubaccount, type Perp, type Sub, checkPerps, checkSubaccount } from './validate.js';

const MARKET_BRAND = 'perps.dydx.market';
const SUB_BRAND = 'perps.dydx.subaccount';
const MARKETS_KEYS = knownKeys('perpetuals');

/** Classes of the prepared values (not plain objects: copies and hand-built look-alikes are told apart). */
class PreparedDydxMarket {}
class PreparedDydxSubaccount {}

/** Perpetuals validated once by {@link prepareDydxMarket}; opaque, accepted wherever the perpetuals are. */
export interface DydxPreparedMarket {
  /** The prepared kind. */
  readonly kind: 'dydx.market';
  /** Ids of the perpetuals, in input order. */
  readonly perpetualIds: readonly number[];
}

/** A subaccount validated once by {@link prepareDydxSubaccount} against a prepared market; opaque. */
export interface DydxPreparedSubaccount {
  /** The prepared kind. */
  readonly kind: 'dydx.subaccount';
  /** The prepared market it was validated against. */
  readonly market: DydxPreparedMarket;
}

const marketStore = new WeakMap<object, Map<number, Perp>>();
const subStore = new WeakMap<object, { sub: Sub; perps: Map<number, Perp> }>();

/** The validated perpetuals of a prepared market, or undefined for anything else. */
export function preparedPerps(value: unknown): Map<number, Perp> | undefined {
  return isPrepared(value, MARKET_BRAND) ? marketStore.get(value as object) : undefined;
}

/** The validated subaccount of a prepared subaccount when it was prepared against `perps`, else undefined. */
export function preparedSub(value: unknown, perps: Map<number, Perp>): Sub | undefined {
  if (!isPrepared(value, SUB_BRAND)) return undefined;
  const s = subStore.get(value as object);
  return s !== undefined && s.perps === perps ? s.sub : undefined;
}

/** True for a prepared subaccount (whichever market it belongs to). */
export const isPreparedSub = (value: unknown): boolean => isPrepared(value, SUB_BRAND);

/**
 * Prepare the perpetuals of dYdX v4 markets once: every perpetual (id, resolution, oracle price, liquidity tier,
 * open interest, funding index) is validated and kept, so {@link dydxAccountRisk} (as its `markets`) and
 * {@link dydxPreTradeCheck} / {@link dydxMaxOrderSize} (as `context.perpetuals`) skip that work on every call. Results
 * are identical to those on the raw perpetuals. Later changes to the input objects do not reach the prepared value;
 * prepare again when prices, open interest or funding indices move. A prepared market is returned as it is.
 *
 * @param markets the perpetuals
 * @returns a prepared (branded, frozen) market
 * @example
 * ```ts
 * import { dydxAccountRisk, prepareDydxMarket } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const market = prepareDydxMarket({ perpetuals: [btc] });
 * const sub = { usdcQuantums: 0n, positions: [{ perpetualId: 0, quantums: 100_000_000n }] };
 * console.log(market.perpetualIds, dydxAccountRisk(sub, market).initialMargin); // [ 0 ] 25000000n
 * ```
 */
export function prepareDydxMarket(markets: DydxMarkets | DydxPreparedMarket): DydxPreparedMarket {
  if (preparedPerps(markets) !== undefined) return markets as DydxPreparedMarket;
  const m = checkStrictObject(markets, 'markets', MARKETS_KEYS);
  const perps = checkPerps(m.perpetuals, 'markets.perpetuals');
  for (const p of perps.values()) {
    perpAdjustedImfPpm(p); // kept on the perpetual before it is frozen
    Object.freeze(p.tier);
    Object.freeze(p);
  }
  const out: DydxPreparedMarket = Object.freeze(
    Object.assign(new PreparedDydxMarket(), {
      kind: 'dydx.market' as const,
      perpetualIds: Object.freeze([...perps.keys()]),
    }),
  );
  marketStore.set(out, perps);
  return markPrepared(out, MARKET_BRAND);
}

/**
 * Prepare a subaccount once against a prepared market: its USDC, positions (each with its perpetual) and leverage
 * settings are validated and kept, so {@link dydxAccountRisk} and {@link dydxPreTradeCheck} take it in place of the
 * raw subaccount when given the same prepared market. Results are identical to those on the raw subaccount. With any
 * other market it is refused (prepare it against that market).
 *
 * @param subaccount USDC balance, positions and leverage settings
 * @param market the prepared market the positions refer to
 * @returns a prepared (branded, frozen) subaccount
 * @example
 * ```ts
 * import { dydxPreTradeCheck, prepareDydxMarket, prepareDydxSubaccount } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const perpetuals = prepareDydxMarket({ perpetuals: [btc] });
 * const subaccount = prepareDydxSubaccount({ usdcQuantums: 100_000_000n, positions: [] }, perpetuals);
 * const order = { perpetualId: 0, side: 'buy' as const, quantums: 500_000_000n, subticks: 5_000_000_000n };
 * const r = dydxPreTradeCheck(order, { subaccount, perpetuals, quantumConversionExponent: -9 });
 * console.log(r.after.initialMargin, r.result); // 125000000n newlyUndercollateralized
 * ```
 */
export function prepareDydxSubaccount(subaccount: DydxSubaccount, market: DydxPreparedMarket): DydxPreparedSubaccount {
  const perps = preparedPerps(market);
  if (perps === undefined) throw new RiskInputError('market', 'a market from prepareDydxMarket', market);
  const sub = checkSubaccount(subaccount, 'subaccount', perps, 'market.perpetuals');
  for (const p of sub.positions) Object.freeze(p);
  Object.freeze(sub.positions);
  const out: DydxPreparedSubaccount = Object.freeze(
    Object.assign(new PreparedDydxSubaccount(), { kind: 'dydx.subaccount' as const, market }),
  );
  subStore.set(out, { sub: Object.freeze(sub), perps });
  return markPrepared(out, SUB_BRAND);
}
