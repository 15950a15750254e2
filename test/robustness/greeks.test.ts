/**
 * Robustness of `riskcore/greeks` (price, valuation, portfolio); the implied-vol functions are in impliedvol.test.ts,
 * the batch pricing (optionPriceBatch, optionGreeksBatch) in greeksBatch.test.ts.
 */
import fc from 'fast-check';
import * as mod from '../../src/greeks/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, fixedMarket, fixedPositions, fresh, market, position, positions } from './arbs.js';
import { GREEKS_BATCH_EXPORTS } from './greeksBatchNames.js';
import type { Spec } from './harness.js';

const option = fc
  .oneof(
    fc.record({
      type: fc.constantFrom('call', 'put'),
      spot: dbl(50, 150),
      strike: dbl(50, 150),
      expiry: dbl(0, 2),
      vol: dbl(0, 1),
      rate: dbl(-0.02, 0.1),
      dividendYield: dbl(0, 0.05),
    }),
    fc.record({
      model: fc.constant('black76'),
      type: fc.constantFrom('call', 'put'),
      forward: dbl(50, 150),
      strike: dbl(50, 150),
      expiry: dbl(0, 2),
      vol: dbl(0, 1),
      rate: dbl(0, 0.1),
      settlement: fc.constantFrom('linear', 'inverse'),
    }),
    fc.record({
      model: fc.constant('bachelier'),
      type: fc.constantFrom('call', 'put'),
      forward: dbl(-1, 2),
      strike: dbl(-1, 2),
      expiry: dbl(0, 2),
      vol: dbl(0, 1),
    }),
  )
  .map((o) => [o]);
// dropping model from a black76 input leaves a forward that bsm rejects, reported at the forward
const modelAccept = (site: string, p: string) => site === '0.model' && /forward|spot/.test(p);
// a rate or carry of ±1e308 overflows exp((r − q)·T) jointly with the expiry: reported at the expiry or the position
const overflowAccept = (site: string, p: string) => /(rate|dividendYield)$/.test(site) && /^(expiry|position)$/.test(p);
const book = fc.oneof(
  fresh(() => [fixedPositions(), fixedMarket()]),
  fc.tuple(positions, market),
);
// an unknown underlying or an option without a vol is reported at the position or at the market asset
const bookAccept = (site: string, p: string) =>
  /underlying$|^\d\.assets(\.\w+(\.vol)?)?$/.test(site) && /underlying|assets/.test(p);

// market.assets is a record keyed by user-chosen asset names, not a fixed set of fields: an added or renamed asset is
// a different market (an unknown underlying is then reported at the position), not a misspelt key
const assetRecord = (site: string) => /^\d\.assets$/.test(site);

export const specs: Spec[] = [
  { name: 'optionPrice', args: option, names: ['input'], accept: modelAccept },
  { name: 'optionGreeks', args: option, names: ['input'], accept: modelAccept },
  {
    name: 'forwardPrice',
    skipKeys: assetRecord,
    args: fc.tuple(market, fc.constantFrom('BTC', 'ETH'), dbl(0, 5)),
    names: ['market', 'underlying', 'expiry'],
    accept: (s, p) => (s.startsWith('0.assets') && p === 'underlying') || overflowAccept(s, p),
  },
  {
    name: 'positionValue',
    skipKeys: assetRecord,
    args: fc.oneof(
      fresh(() => [fixedPositions()[4], fixedMarket()]),
      fc.tuple(position, market),
    ),
    names: ['position', 'market'],
    accept: (s, p) => bookAccept(s, p) || overflowAccept(s, p),
  },
  {
    name: 'positionGreeks',
    skipKeys: assetRecord,
    args: fc.oneof(
      fresh(() => [fixedPositions()[3], fixedMarket()]),
      fc.tuple(position, market),
    ),
    names: ['position', 'market'],
    accept: (s, p) => bookAccept(s, p) || overflowAccept(s, p),
  },
  { name: 'withEntryPrices', skipKeys: assetRecord, args: book, names: ['positions', 'market'], accept: bookAccept },
  {
    name: 'revaluePnL',
    skipKeys: assetRecord,
    args: fc.oneof(
      fresh(() => [
        fixedPositions(),
        fixedMarket(),
        { ...fixedMarket(), assets: { ...fixedMarket().assets, BTC: { price: 50000, vol: 0.9 } } },
      ]),
      fc.tuple(positions, market, market),
    ),
    names: ['positions', 'base', 'shocked'],
    accept: (s, p) => bookAccept(s, p) || (/^[12]\.assets/.test(s) && /assets|underlying/.test(p)),
  },
  { name: 'portfolioGreeks', skipKeys: assetRecord, args: book, names: ['positions', 'market'], accept: bookAccept },
  {
    name: 'allocateGreeksBatch',
    names: ['rows', 'options'],
    args: fc.tuple(
      fc.integer({ min: 0, max: 64 }),
      fc.constantFrom({ model: 'bsm' }, { model: 'black76', settlement: 'inverse' }, { model: 'bachelier' }),
    ),
  },
];

// specs in impliedvol.test.ts and greeksBatch.test.ts
const OTHERS = ['impliedVol', 'impliedVolBatch', ...GREEKS_BATCH_EXPORTS];
robustnessSuite('riskcore/greeks (price, valuation, portfolio)', mod as unknown as Record<string, unknown>, specs, [
  'RiskInputError',
  ...OTHERS,
]);
