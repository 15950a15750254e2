/** Robustness of `riskcore/haircuts` (its deprecated lending aliases are the functions of riskcore/lending, tested in lending.test.ts). */
import fc from 'fast-check';
import * as mod from '../../src/haircuts/index.js';
import * as lending from '../../src/lending/index.js';
import { robustnessSuite } from './suite.js';
import { dbl } from './arbs.js';
import type { Fn, Spec } from './harness.js';

const ctx = { asset: 'ETH', amount: 2, price: 3000, value: 6000, totalValue: 10000 };
// a haircut model is a closure: the suite builds it and applies it to a valid context
const model = (fn: Fn, a: unknown[]) => (fn(...a) as (c: typeof ctx) => number)(ctx);
const holdings = fc.record({ u: dbl(0, 1e6), e: dbl(0, 100) }).map(({ u, e }) => [
  { asset: 'USDC', amount: u.toFixed(2) },
  { asset: 'ETH', amount: e.toFixed(8) },
  { asset: 'ETH', amount: 10n ** 18n, decimals: 18 },
]);
const hcPrices = fc.record({ USDC: fc.constant('1'), ETH: dbl(1000, 5000).map((x) => x.toFixed(2)) });
const schedule = fc.record({ USDC: dbl(0, 0.05), ETH: dbl(0.05, 0.3) });
// a collateral asset renamed to one without a price is reported at its (missing) price
const assetAccept = (site: string, p: string) => /\.asset$/.test(site) && /prices\./.test(p);

const specs: Spec[] = [
  {
    name: 'fixedHaircut',
    skipKeys: (s) => s === '0' /* the schedule is keyed by asset names */,
    names: ['schedule', 'opts'],
    call: model,
    args: fc.tuple(fc.record({ ETH: dbl(0, 1), USDC: dbl(0, 1) }), fc.record({ default: dbl(0, 1) })),
  },
  {
    name: 'volatilityHaircut',
    skipKeys: (s) => s === '0.vol' /* vol per asset name */,
    names: ['params'],
    call: model,
    args: fc
      .record({ vol: fc.record({ ETH: dbl(0, 3) }), horizon: dbl(0, 1), confidence: dbl(0.5, 0.999) })
      .map((p) => [p]),
  },
  {
    name: 'liquidityHaircut',
    skipKeys: (s) => s === '0.dailyVolume' || s === '0.coefficient' /* per asset name */,
    names: ['params'],
    call: model,
    args: fc
      .record({ dailyVolume: fc.record({ ETH: dbl(1, 1e9) }), coefficient: dbl(0, 1), cap: dbl(0, 1) })
      .map((p) => [p]),
  },
  {
    name: 'concentrationAddOn',
    names: ['params'],
    call: model,
    args: fc.record({ threshold: dbl(0, 1), slope: dbl(0, 5), cap: dbl(0, 1) }).map((p) => [p]),
  },
  {
    name: 'composeHaircuts',
    names: ['models', 'how'],
    skip: (s) => /^0\.\d+$/.test(s) === false && s.startsWith('0.'),
    call: (fn, a) =>
      model(fn, [Array.isArray(a[0]) ? (a[0] as unknown[]).map((m) => (typeof m === 'function' ? m : m)) : a[0], a[1]]),
    args: fc
      .tuple(schedule, fc.constantFrom('max', 'sum'))
      .map(([s, how]) => [
        [mod.fixedHaircut({ ...s }), mod.concentrationAddOn({ threshold: 0.5, slope: 0.2, cap: 0.1 })],
        how,
      ]),
  },
  {
    name: 'collateralValue',
    skipKeys: (s) =>
      s === '1' ||
      s === '2' ||
      s === '3.shorts' ||
      s === '3.priceStamps' /* prices, haircuts, shorts and stamps are keyed by asset names */,
    names: ['holdings', 'prices', 'haircuts', 'opts'],
    accept: assetAccept,
    args: fc.tuple(
      holdings,
      hcPrices,
      schedule,
      fc.record({
        wrongWayCredit: dbl(0, 1),
        shorts: fc.record({ ETH: dbl(0, 5).map((x) => x.toFixed(4)) }),
        oracle: fc.constant({ now: 5000, maxAge: 3600, maxDeviation: 0.02 }),
        priceStamps: fc.constant({ ETH: { updatedAt: 4000, referencePrice: '3000' } }),
      }),
    ),
  },
  {
    name: 'crossCollateralEquity',
    skipKeys: (s) => s === '0.prices' || s === '0.haircuts' /* keyed by asset names */,
    names: ['input'],
    accept: assetAccept,
    args: fc
      .tuple(holdings, hcPrices, schedule, dbl(-1e4, 1e4))
      .map(([c, p, h, u]) => [{ collateral: c, prices: p, haircuts: h, unrealizedPnl: u.toFixed(2) }]),
  },
  // refuse: true turns the flags into a RiskInputError at the price (by design)
  {
    name: 'checkPrice',
    names: ['asset', 'price', 'stamp', 'pricePath', 'policy'],
    skip: (s) => s === '3',
    accept: (s, p) => s === '4.refuse' && p === 'prices.ETH',
    args: fc.tuple(
      fc.constant('ETH'),
      dbl(1000, 5000).map((x) => x.toFixed(2)),
      fc.record({
        updatedAt: fc.integer({ min: 0, max: 5000 }),
        referencePrice: dbl(1000, 5000).map((x) => x.toFixed(2)),
      }),
      fc.constant('prices.ETH'),
      fc.record({
        now: fc.integer({ min: 5000, max: 10000 }),
        maxAge: fc.integer({ min: 1, max: 3600 }),
        maxDeviation: dbl(0.001, 0.1),
        refuse: fc.constant(false),
      }),
    ),
  },
];

// the lending names re-exported (deprecated) are the very functions of riskcore/lending, covered there
const aliases = Object.keys(mod).filter(
  (k) =>
    k in lending &&
    (mod as Record<string, unknown>)[k] === (lending as Record<string, unknown>)[k] &&
    k !== 'RiskInputError',
);

robustnessSuite('riskcore/haircuts', mod as unknown as Record<string, unknown>, specs, ['RiskInputError', ...aliases]);
