/**
 * Prepared Hyperliquid markets and accounts: validated once for the margin and pre-trade functions called many times
 * on the same state. A prepared value is recognised by its brand only (`src/core/brand.ts`); an object of the same
 * shape built by hand is validated as ordinary input.
 */
import { RiskInputError } from '../../core/errors.js';
import { parseAccount, parseMarket, preparedMarket, registerAccount, registerMarket } from './parse.js';
import { tierConstants } from './tiers.js';
import type {
  HyperliquidAccount,
  HyperliquidMarket,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
} from './types.js';

/** Classes of the prepared values (not plain objects: copies and hand-built look-alikes are told apart). */
class PreparedHyperliquidMarket {}
class PreparedHyperliquidAccount {}

/**
 * Prepare a market once: every asset's mark price and margin table is validated and kept, so the account and
 * pre-trade functions (`hyperliquidAccountMargin`, `hyperliquidPreTradeCheck`, `hyperliquidMaxOrderSize`, the
 * liquidation and transfer functions) skip that work when given it as their market. Results are identical to those
 * on the raw market. Later changes to the input objects do not reach the prepared value; prepare again when mark
 * prices move. A prepared market is returned as it is.
 *
 * @param market mark price and margin table per asset
 * @returns a prepared (branded, frozen) market
 * @example
 * ```ts
 * import { hyperliquidAccountMargin, prepareHyperliquidMarket, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = prepareHyperliquidMarket({
 *   assets: { BTC: { markPrice: '100000', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC } },
 * });
 * const account = {
 *   balance: '5000',
 *   positions: [{ asset: 'BTC', size: '0.5', entryPrice: '98000', leverage: 20, marginMode: 'cross' as const }],
 * };
 * console.log(market.assetNames, hyperliquidAccountMargin(account, market).crossInitialMargin.toString()); // [ 'BTC' ] 2500
 * ```
 */
export function prepareHyperliquidMarket(
  market: HyperliquidMarket | HyperliquidPreparedMarket,
): HyperliquidPreparedMarket {
  if (preparedMarket(market) !== undefined) return market as HyperliquidPreparedMarket;
  const m = parseMarket(market, 'market');
  for (const a of m.values()) {
    tierConstants(a.tiers); // kept on the table before it is frozen
    for (const t of a.tiers) Object.freeze(t);
    Object.freeze(a.tiers);
    Object.freeze(a);
  }
  const out: HyperliquidPreparedMarket = Object.freeze(
    Object.assign(new PreparedHyperliquidMarket(), {
      kind: 'hyperliquid.market' as const,
      assetNames: Object.freeze([...m.keys()]),
    }),
  );
  return registerMarket(out, m);
}

/**
 * Prepare an account once against a prepared market: balance and positions are validated (one per asset, each
 * asset in the market) and kept, so `hyperliquidAccountMargin`, `hyperliquidPreTradeCheck` and the other account
 * functions take it in place of the raw account when given the same prepared market. Results are identical to those
 * on the raw account. With any other market it is refused (prepare it against that market).
 *
 * @param account balance and positions
 * @param market the prepared market the positions are valued in
 * @returns a prepared (branded, frozen) account
 * @example
 * ```ts
 * import { hyperliquidPreTradeCheck, prepareHyperliquidAccount, prepareHyperliquidMarket,
 *   HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = prepareHyperliquidMarket({
 *   assets: { BTC: { markPrice: '100000', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC } },
 * });
 * const account = prepareHyperliquidAccount({ balance: '1000', positions: [] }, market);
 * const r = hyperliquidPreTradeCheck({ asset: 'BTC', side: 'buy', size: '0.2', price: '100000', leverage: 20 }, { account, market });
 * console.log(r.reason, r.marginEffect.toString()); // ok 1000
 * ```
 */
export function prepareHyperliquidAccount(
  account: HyperliquidAccount,
  market: HyperliquidPreparedMarket,
): HyperliquidPreparedAccount {
  const m = preparedMarket(market);
  if (m === undefined) throw new RiskInputError('market', 'a market from prepareHyperliquidMarket', market);
  const a = parseAccount(account, 'account', m);
  for (const p of a.positions) Object.freeze(p);
  Object.freeze(a.positions);
  const out: HyperliquidPreparedAccount = Object.freeze(
    Object.assign(new PreparedHyperliquidAccount(), { kind: 'hyperliquid.account' as const, market }),
  );
  return registerAccount(out, Object.freeze(a), m);
}
