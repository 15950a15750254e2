/** Robustness of `riskcore/haircuts`. */
import fc from 'fast-check';
import * as mod from '../../src/haircuts/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, fresh } from './arbs.js';
import type { Fn, Spec } from './harness.js';

const { AAVE_V3_ETHEREUM, fastMarket } = mod;

/** A small market (three reserves, one e-mode) so the sweep stays fast; the real Aave snapshot is in the random runs. */
const smallMarket = () => ({
  name: 'test market', source: 'robustness suite', priceDecimals: 8,
  reserves: [
    { asset: 'WETH', decimals: 18, ltv: '0.805', liquidationThreshold: '0.83', liquidationBonus: '0.05', liquidationProtocolFee: '0.1', supplyCap: '1800000', borrowCap: '1400000' },
    { asset: 'wstETH', decimals: 18, ltv: '0.785', liquidationThreshold: '0.81', liquidationBonus: '0.06', liquidationProtocolFee: '0.1', debtCeiling: '0' },
    { asset: 'USDC', decimals: 6, ltv: '0.75', liquidationThreshold: '0.78', liquidationBonus: '0.045', liquidationProtocolFee: '0.1', borrowableInIsolation: true },
  ],
  eModes: [{ id: 1, label: 'ETH correlated', ltv: '0.93', liquidationThreshold: '0.95', liquidationBonus: '0.01', collateralAssets: ['WETH', 'wstETH'], borrowableAssets: ['WETH'] }],
  liquidation: { closeFactor: '0.5', closeFactorHfThreshold: '0.95', minBaseMaxCloseFactorThreshold: '2000', minLeftoverBase: '1000' },
});
const market = fc.oneof(fresh(smallMarket), fresh(() => structuredClone(AAVE_V3_ETHEREUM)));
const prices = fc.record({ WETH: dbl(1500, 4000), USDC: dbl(0.99, 1.01) }).map(({ WETH, USDC }) => ({ WETH: WETH.toFixed(2), wstETH: (WETH * 1.15).toFixed(2), USDC: USDC.toFixed(4), WBTC: '60000', USDT: '1', DAI: '1', UNI: '7' }));
const account = fc.record({ s: dbl(1, 100), b: dbl(100, 200000), e: fc.constantFrom(0, 1) })
  .map(({ s, b, e }) => ({ supplies: [{ asset: 'WETH', amount: s.toFixed(6) }, { asset: 'wstETH', amount: (s / 2).toFixed(6) }], borrows: [{ asset: e === 1 ? 'WETH' : 'USDC', amount: e === 1 ? (b / 3000).toFixed(6) : b.toFixed(2) }], eMode: e }));
const ctx = { asset: 'ETH', amount: 2, price: 3000, value: 6000, totalValue: 10000 };
// a haircut model is a closure: the suite builds it and applies it to a valid context
const model = (fn: Fn, a: unknown[]) => (fn(...a) as (c: typeof ctx) => number)(ctx);
const holdings = fc.record({ u: dbl(0, 1e6), e: dbl(0, 100) }).map(({ u, e }) => [{ asset: 'USDC', amount: u.toFixed(2) }, { asset: 'ETH', amount: e.toFixed(8) }, { asset: 'ETH', amount: 10n ** 18n, decimals: 18 }]);
const hcPrices = fc.record({ USDC: fc.constant('1'), ETH: dbl(1000, 5000).map((x) => x.toFixed(2)) });
const schedule = fc.record({ USDC: dbl(0, 0.05), ETH: dbl(0.05, 0.3) });
// the fast path takes balances in base units, one per reserve of the market
const fastArgs = fc.tuple(prices, dbl(1, 50), dbl(1000, 40000)).map(([p, s, b]) => {
  const fm = fastMarket(smallMarket() as never, p);
  return [fm, fm.assets.map((a) => (a === 'WETH' ? BigInt(Math.round(s * 1e6)) * 10n ** 12n : 0n)), fm.assets.map((a) => (a === 'USDC' ? BigInt(Math.round(b * 1e6)) : 0n))];
});
// a relational field (a price, threshold, amount or e-mode) may make another field invalid: reported there or at the account/market
const lendingAccept = (site: string, p: string) => /^(0|1|2)\./.test(site) && /^(account|market|prices|opts|asset|totals)/.test(p);
// a market's fields are related: an LTV must stay below its threshold (0 there is reported at the ltv), an e-mode
// lists reserve assets (a renamed or deleted reserve is reported at the e-mode), the price decimals bound the prices
const marketAccept = (site: string, p: string) =>
  (/\.liquidationThreshold$/.test(site) && /\.(ltv|liquidationBonus)$/.test(p)) || (/reserves(\.\d+(\.asset)?)?$/.test(site) && /eModes|opts\.eMode|prices/.test(p)) ||
  (/\.eModes(\.\d+)?$/.test(site) && /opts\.eMode/.test(p)) || (/priceDecimals$/.test(site) && /^prices\./.test(p));
// a collateral asset renamed to one without a price is reported at its (missing) price
const assetAccept = (site: string, p: string) => /\.asset$/.test(site) && /prices\./.test(p);

// the fast path checks the FastMarket's shape, not the integers fastMarket computed (documented)
const FM_INTERNALS = (s: string) => /^0\./.test(s);

const specs: Spec[] = [
  { name: 'fixedHaircut', names: ['schedule', 'opts'], call: model, args: fc.tuple(fc.record({ ETH: dbl(0, 1), USDC: dbl(0, 1) }), fc.record({ default: dbl(0, 1) })) },
  { name: 'volatilityHaircut', names: ['params'], call: model, args: fc.record({ vol: fc.record({ ETH: dbl(0, 3) }), horizon: dbl(0, 1), confidence: dbl(0.5, 0.999) }).map((p) => [p]) },
  { name: 'liquidityHaircut', names: ['params'], call: model, args: fc.record({ dailyVolume: fc.record({ ETH: dbl(1, 1e9) }), coefficient: dbl(0, 1), cap: dbl(0, 1) }).map((p) => [p]) },
  { name: 'concentrationAddOn', names: ['params'], call: model, args: fc.record({ threshold: dbl(0, 1), slope: dbl(0, 5), cap: dbl(0, 1) }).map((p) => [p]) },
  { name: 'composeHaircuts', names: ['models', 'how'], skip: (s) => /^0\.\d+$/.test(s) === false && s.startsWith('0.'),
    call: (fn, a) => model(fn, [Array.isArray(a[0]) ? (a[0] as unknown[]).map((m) => (typeof m === 'function' ? m : m)) : a[0], a[1]]),
    args: fc.tuple(schedule, fc.constantFrom('max', 'sum')).map(([s, how]) => [[mod.fixedHaircut({ ...s }), mod.concentrationAddOn({ threshold: 0.5, slope: 0.2, cap: 0.1 })], how]) },
  { name: 'collateralValue', names: ['holdings', 'prices', 'haircuts', 'opts'], accept: assetAccept,
    args: fc.tuple(holdings, hcPrices, schedule, fc.record({ wrongWayCredit: dbl(0, 1), shorts: fc.record({ ETH: dbl(0, 5).map((x) => x.toFixed(4)) }), oracle: fc.constant({ now: 5000, maxAge: 3600, maxDeviation: 0.02 }), priceStamps: fc.constant({ ETH: { updatedAt: 4000, referencePrice: '3000' } }) })) },
  { name: 'crossCollateralEquity', names: ['input'], accept: assetAccept,
    args: fc.tuple(holdings, hcPrices, schedule, dbl(-1e4, 1e4)).map(([c, p, h, u]) => [{ collateral: c, prices: p, haircuts: h, unrealizedPnl: u.toFixed(2) }]) },
  // refuse: true turns the flags into a RiskInputError at the price (by design)
  { name: 'checkPrice', names: ['asset', 'price', 'stamp', 'pricePath', 'policy'], skip: (s) => s === '3', accept: (s, p) => s === '4.refuse' && p === 'prices.ETH',
    args: fc.tuple(fc.constant('ETH'), dbl(1000, 5000).map((x) => x.toFixed(2)), fc.record({ updatedAt: fc.integer({ min: 0, max: 5000 }), referencePrice: dbl(1000, 5000).map((x) => x.toFixed(2)) }), fc.constant('prices.ETH'), fc.record({ now: fc.integer({ min: 5000, max: 10000 }), maxAge: fc.integer({ min: 1, max: 3600 }), maxDeviation: dbl(0.001, 0.1), refuse: fc.constant(false) })) },
  { name: 'healthFactor', names: ['input', 'opts'], accept: marketAccept,
    args: fc.tuple(dbl(0.1, 100), dbl(100, 1e5), dbl(1000, 4000)).map(([e, d, px]) => [{
      collateral: [{ asset: 'WETH', amount: e.toFixed(6), price: px.toFixed(2), liquidationThreshold: '0.83', ltv: '0.805' }, { asset: 'WBTC', amount: 10n ** 7n, decimals: 8, price: '60000', liquidationThreshold: '0.78', ltv: '0.73' }],
      debt: [{ asset: 'USDC', amount: d.toFixed(2), price: '1' }],
    }, {}]) },
  { name: 'lendingMarket', names: ['market'], accept: marketAccept, args: market.map((m) => [m]) },
  { name: 'accountHealth', names: ['account', 'market', 'prices', 'opts'], accept: (s, p) => lendingAccept(s, p) || marketAccept(s, p), args: fc.tuple(account, market, prices, fc.constant({})) },
  { name: 'capRoom', names: ['market', 'asset', 'totals'], accept: marketAccept, args: fc.tuple(market, fc.constantFrom('WETH', 'USDC'), fc.record({ totalSupplied: dbl(0, 2e6).map((x) => x.toFixed(2)), totalBorrowed: dbl(0, 1e6).map((x) => x.toFixed(2)) })) },
  { name: 'maxBorrow', names: ['account', 'market', 'prices', 'asset', 'totals'], accept: (s, p) => lendingAccept(s, p) || marketAccept(s, p),
    args: fc.tuple(account, market, prices, fc.constantFrom('WETH', 'USDC'), fc.record({ totalBorrowed: dbl(0, 1e5).map((x) => x.toFixed(2)) })) },
  { name: 'liquidationAmounts', names: ['account', 'market', 'prices', 'opts'], accept: (s, p) => lendingAccept(s, p) || marketAccept(s, p),
    args: fc.tuple(dbl(1, 50), market, fc.constantFrom('exact', 'aave'), dbl(0, 1)).map(([s, m, rounding, cover]) => {
      const debt = s * 2400 * 0.83 / 0.98; // HF ≈ 0.98 at WETH 2400: liquidatable
      return [{ supplies: [{ asset: 'WETH', amount: s.toFixed(6) }], borrows: [{ asset: 'USDC', amount: debt.toFixed(2) }] }, m, { WETH: '2400', USDC: '1' },
        { collateralAsset: 'WETH', debtAsset: 'USDC', rounding, debtToCover: (debt * cover).toFixed(2) }];
    }) },
  { name: 'fastMarket', names: ['market', 'prices', 'opts'], accept: marketAccept, args: fc.tuple(market, prices, fc.constantFrom({}, { eMode: 1 })), call: (fn, a) => { const fm = fn(...a) as Record<string, unknown>; return fm; } },
  { name: 'fastHealthFactor', names: ['fm', 'supplies', 'borrows'], args: fastArgs, skip: FM_INTERNALS },
  { name: 'fastAccountData', names: ['fm', 'supplies', 'borrows'], args: fastArgs, skip: FM_INTERNALS },
  { name: 'fastLiquidation', names: ['fm', 'supplies', 'borrows', 'c', 'd', 'debtToCover'], skip: FM_INTERNALS,
    args: fastArgs.map((a) => [...a, 0, 2, -1n]) },
];

robustnessSuite('riskcore/haircuts', mod as unknown as Record<string, unknown>, specs, ['RiskInputError']);
