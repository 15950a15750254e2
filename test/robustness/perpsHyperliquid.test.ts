/** Robustness of the Hyperliquid rules of `riskcore/perps`. */
import fc from 'fast-check';
import * as mod from '../../src/perps/hyperliquid/index.js';
import { dbl, fresh } from './arbs.js';
import type { Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const { HYPERLIQUID_MARGIN_TABLES: T } = mod;
const table = (name: keyof typeof T) => structuredClone(T[name]) as unknown as { tiers: unknown[]; source?: string };
const money = (min: number, max: number, places = 4) => dbl(min, max).map((x) => x.toFixed(places));
const mark = { BTC: 97000, ETH: 3400 };

const market = fc.record({ btc: dbl(0.8, 1.2), eth: dbl(0.8, 1.2) }).map(({ btc, eth }) => ({
  assets: {
    BTC: { markPrice: (mark.BTC * btc).toFixed(2), marginTable: table('BTC') },
    ETH: { markPrice: (mark.ETH * eth).toFixed(2), marginTable: table('ETH') },
  },
}));
const account = fc
  .record({
    balance: money(-1000, 1e6, 2),
    btc: money(-50, 50, 3),
    eth: money(-500, 500, 3),
    lev: fc.integer({ min: 1, max: 25 }),
    margin: money(0, 1e6, 2),
  })
  .map((a) => ({
    balance: a.balance,
    positions: [
      { asset: 'BTC', size: a.btc, entryPrice: '95000', leverage: a.lev, marginMode: 'cross' as const },
      {
        asset: 'ETH',
        size: a.eth,
        entryPrice: '3300',
        leverage: a.lev,
        marginMode: 'isolated' as const,
        isolatedMargin: a.margin,
      },
    ],
  }));
const isolatedPosition = fc
  .record({ size: money(-500, 500, 3), margin: money(0, 1e6, 2), lev: fc.integer({ min: 1, max: 25 }) })
  .map((p) => ({
    asset: 'ETH',
    size: p.size,
    entryPrice: '3300',
    leverage: p.lev,
    marginMode: 'isolated' as const,
    isolatedMargin: p.margin,
  }));
const candidates = fc.tuple(money(-50, 50, 2), money(-50, 50, 2), money(-100, 5000, 1)).map(([a, b, v]) => [
  { account: 'a', size: a, entryPrice: '95', accountValue: v },
  { account: 'b', size: b, entryPrice: '105', accountValue: '250' },
  { account: 'c', size: '-3', entryPrice: '120', accountValue: '40' },
]);
const order = fc.record({
  asset: fc.constantFrom('BTC', 'ETH'),
  side: fc.constantFrom('buy', 'sell'),
  size: money(0.001, 20, 3),
  price: money(3000, 100000, 1),
  leverage: fc.integer({ min: 1, max: 20 }),
});
// markets are records keyed by asset name: an added or misspelt key there is just another asset
const userKeyed = (site: string) => /(^|\.)assets$/.test(site);
// a position names its asset; a missing or renamed market asset is reported at the position's asset
const assetAccept = (site: string, p: string) => /\.assets(\.\w+)?$/.test(site) && /\.asset$/.test(p);

const specs: Spec[] = [
  {
    name: 'hyperliquidMarginTier',
    names: ['notional', 'marginTable'],
    args: fc.tuple(
      money(0, 4e8, 2),
      fresh(() => table('BTC')),
    ),
  },
  {
    name: 'hyperliquidAccountMargin',
    names: ['account', 'market'],
    args: fc.tuple(account, market),
    skipKeys: userKeyed,
    accept: assetAccept,
  },
  {
    name: 'hyperliquidIsolatedTransfer',
    names: ['position', 'market'],
    args: fc.tuple(isolatedPosition, market),
    skipKeys: userKeyed,
    accept: assetAccept,
  },
  {
    name: 'hyperliquidLiquidationPrices',
    names: ['account', 'market'],
    args: fc.tuple(account, market),
    skipKeys: userKeyed,
    accept: assetAccept,
  },
  {
    name: 'hyperliquidLiquidationPlan',
    names: ['account', 'market', 'options'],
    args: fc.tuple(
      account,
      market,
      fc.record({ secondsSinceLastPartialLiquidation: dbl(0, 60), partialLiquidationThreshold: fc.constant('100000') }),
    ),
    skipKeys: userKeyed,
    accept: assetAccept,
  },
  {
    name: 'hyperliquidAdlRanking',
    names: ['candidates', 'context'],
    args: fc.tuple(candidates, fc.record({ side: fc.constantFrom('long', 'short'), markPrice: money(50, 150, 2) })),
  },
  {
    name: 'hyperliquidAutoDeleverage',
    names: ['position', 'context', 'options'],
    args: fc.tuple(
      fc.record({ account: fc.constant('u'), size: money(1, 30, 2), accountValue: money(-500, 50, 2) }),
      fc.record({ markPrice: money(50, 150, 2), candidates }),
      fc.record({ badDebt: fc.constantFrom('counterparties', 'vault') }),
    ),
  },
  {
    name: 'hyperliquidPremium',
    names: ['impact', 'context'],
    args: fc.tuple(
      fc.record({ impactBidPrice: money(9000, 11000, 2), impactAskPrice: money(9000, 11000, 2) }),
      fc.record({ oraclePrice: money(9000, 11000, 2) }),
    ),
  },
  {
    name: 'hyperliquidFundingRate',
    names: ['premiums', 'options'],
    args: fc.tuple(
      fc.array(money(-0.05, 0.05, 8), { minLength: 1, maxLength: 5 }),
      fc.record({ interestRate8h: fc.constant('0.0001'), hourlyCap: fc.constant('0.04') }),
    ),
  },
  {
    name: 'hyperliquidFundingPayments',
    names: ['positions', 'context'],
    args: fc.tuple(
      fc.array(fc.record({ account: fc.constantFrom('a', 'b'), size: money(-10, 10, 3) }), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.record({ oraclePrice: money(100, 1000, 2), hourlyRate: money(-0.04, 0.04, 8) }),
    ),
  },
  {
    name: 'hyperliquidPreTradeCheck',
    names: ['order', 'context'],
    args: fc.tuple(order, fc.record({ account, market })),
    skipKeys: userKeyed,
    accept: assetAccept,
  },
  {
    name: 'hyperliquidMaxOrderSize',
    names: ['order', 'context', 'options'],
    args: fc.tuple(
      order.map(({ size: _size, ...o }) => o),
      fc.record({ account, market }),
      fc.record({ sizeDecimals: fc.integer({ min: 0, max: 6 }) }),
    ),
    skipKeys: userKeyed,
    accept: assetAccept,
  },
  {
    name: 'prepareHyperliquidMarket',
    names: ['market'],
    args: market.map((m) => [m]),
    skipKeys: userKeyed,
  },
  {
    name: 'prepareHyperliquidAccount',
    names: ['account', 'market'],
    // the market is a prepared value (a class instance): the harness mutates it only as a whole
    args: fc.tuple(account, market).map(([a, m]) => [a, mod.prepareHyperliquidMarket(m as never)]),
  },
];

robustnessSuite('riskcore/perps (Hyperliquid)', mod as unknown as Record<string, unknown>, specs);
