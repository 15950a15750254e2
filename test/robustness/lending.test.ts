/** Robustness of `riskcore/lending`. */
import fc from 'fast-check';
import * as mod from '../../src/lending/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, fresh } from './arbs.js';
import type { Spec } from './harness.js';
import { LENDING_IRM_EXPORTS } from './lendingIrmNames.js';
import { LENDING_PROTOCOL_EXPORTS } from './lendingProtocolsNames.js';

const { AAVE_V3_ETHEREUM, fastMarket } = mod;

/** A small market (three reserves, one e-mode) so the sweep stays fast; the real Aave snapshot is in the random runs. */
const smallMarket = () => ({
  name: 'test market',
  source: 'robustness suite',
  priceDecimals: 8,
  reserves: [
    {
      asset: 'WETH',
      decimals: 18,
      ltv: '0.805',
      liquidationThreshold: '0.83',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.1',
      supplyCap: '1800000',
      borrowCap: '1400000',
    },
    {
      asset: 'wstETH',
      decimals: 18,
      ltv: '0.785',
      liquidationThreshold: '0.81',
      liquidationBonus: '0.06',
      liquidationProtocolFee: '0.1',
      debtCeiling: '0',
    },
    {
      asset: 'USDC',
      decimals: 6,
      ltv: '0.75',
      liquidationThreshold: '0.78',
      liquidationBonus: '0.045',
      liquidationProtocolFee: '0.1',
      borrowableInIsolation: true,
    },
  ],
  eModes: [
    {
      id: 1,
      label: 'ETH correlated',
      ltv: '0.93',
      liquidationThreshold: '0.95',
      liquidationBonus: '0.01',
      collateralAssets: ['WETH', 'wstETH'],
      borrowableAssets: ['WETH'],
    },
  ],
  liquidation: {
    closeFactor: '0.5',
    closeFactorHfThreshold: '0.95',
    minBaseMaxCloseFactorThreshold: '2000',
    minLeftoverBase: '1000',
  },
});
const market = fc.oneof(
  fresh(smallMarket),
  fresh(() => structuredClone(AAVE_V3_ETHEREUM)),
);
const prices = fc.record({ WETH: dbl(1500, 4000), USDC: dbl(0.99, 1.01) }).map(({ WETH, USDC }) => ({
  WETH: WETH.toFixed(2),
  wstETH: (WETH * 1.15).toFixed(2),
  USDC: USDC.toFixed(4),
  WBTC: '60000',
  USDT: '1',
  DAI: '1',
  UNI: '7',
}));
const account = fc.record({ s: dbl(1, 100), b: dbl(100, 200000), e: fc.constantFrom(0, 1) }).map(({ s, b, e }) => ({
  supplies: [
    { asset: 'WETH', amount: s.toFixed(6) },
    { asset: 'wstETH', amount: (s / 2).toFixed(6) },
  ],
  borrows: [{ asset: e === 1 ? 'WETH' : 'USDC', amount: e === 1 ? (b / 3000).toFixed(6) : b.toFixed(2) }],
  eMode: e,
}));
// the fast path takes balances in base units, one per reserve of the market
const fastArgs = fc.tuple(prices, dbl(1, 50), dbl(1000, 40000)).map(([p, s, b]) => {
  const fm = fastMarket(smallMarket() as never, p);
  return [
    fm,
    fm.assets.map((a) => (a === 'WETH' ? BigInt(Math.round(s * 1e6)) * 10n ** 12n : 0n)),
    fm.assets.map((a) => (a === 'USDC' ? BigInt(Math.round(b * 1e6)) : 0n)),
  ];
});
// a relational field (a price, threshold, amount or e-mode) may make another field invalid: reported there or at the account/market
const lendingAccept = (site: string, p: string) =>
  /^(0|1|2)\./.test(site) && /^(account|market|prices|opts|asset|totals)/.test(p);
// a market's fields are related: an LTV must stay below its threshold (0 there is reported at the ltv), an e-mode
// lists reserve assets (a renamed or deleted reserve is reported at the e-mode), the price decimals bound the prices
const marketAccept = (site: string, p: string) =>
  (/\.liquidationThreshold$/.test(site) && /\.(ltv|liquidationBonus)$/.test(p)) ||
  (/reserves(\.\d+(\.asset)?)?$/.test(site) && /eModes|opts\.eMode|prices/.test(p)) ||
  (/\.eModes(\.\d+)?$/.test(site) && /opts\.eMode/.test(p)) ||
  (/priceDecimals$/.test(site) && /^prices\./.test(p));
// a FastMarket is a prepared value (not a plain object): the harness does not descend into it
const FM_INTERNALS = (s: string) => /^0\./.test(s);

const specs: Spec[] = [
  {
    name: 'healthFactor',
    names: ['input', 'opts'],
    accept: marketAccept,
    args: fc.tuple(dbl(0.1, 100), dbl(100, 1e5), dbl(1000, 4000)).map(([e, d, px]) => [
      {
        collateral: [
          { asset: 'WETH', amount: e.toFixed(6), price: px.toFixed(2), liquidationThreshold: '0.83', ltv: '0.805' },
          { asset: 'WBTC', amount: 10n ** 7n, decimals: 8, price: '60000', liquidationThreshold: '0.78', ltv: '0.73' },
        ],
        debt: [{ asset: 'USDC', amount: d.toFixed(2), price: '1' }],
      },
      {},
    ]),
  },
  { name: 'lendingMarket', names: ['market'], accept: marketAccept, args: market.map((m) => [m]) },
  {
    name: 'accountHealth',
    skipKeys: (s) => s === '2' /* prices are keyed by asset names */,
    names: ['account', 'market', 'prices', 'opts'],
    accept: (s, p) => lendingAccept(s, p) || marketAccept(s, p),
    args: fc.tuple(account, market, prices, fc.constant({})),
  },
  {
    name: 'capRoom',
    names: ['market', 'asset', 'totals'],
    accept: marketAccept,
    args: fc.tuple(
      market,
      fc.constantFrom('WETH', 'USDC'),
      fc.record({
        totalSupplied: dbl(0, 2e6).map((x) => x.toFixed(2)),
        totalBorrowed: dbl(0, 1e6).map((x) => x.toFixed(2)),
      }),
    ),
  },
  {
    name: 'maxBorrow',
    skipKeys: (s) => s === '2' /* prices are keyed by asset names */,
    names: ['account', 'market', 'prices', 'asset', 'totals'],
    accept: (s, p) => lendingAccept(s, p) || marketAccept(s, p),
    args: fc.tuple(
      account,
      market,
      prices,
      fc.constantFrom('WETH', 'USDC'),
      fc.record({ totalBorrowed: dbl(0, 1e5).map((x) => x.toFixed(2)) }),
    ),
  },
  {
    name: 'liquidationAmounts',
    skipKeys: (s) => s === '2' /* prices are keyed by asset names */,
    names: ['account', 'market', 'prices', 'opts'],
    accept: (s, p) => lendingAccept(s, p) || marketAccept(s, p),
    args: fc.tuple(dbl(1, 50), market, fc.constantFrom('exact', 'aave'), dbl(0, 1)).map(([s, m, rounding, cover]) => {
      const debt = (s * 2400 * 0.83) / 0.98; // HF ≈ 0.98 at WETH 2400: liquidatable
      return [
        { supplies: [{ asset: 'WETH', amount: s.toFixed(6) }], borrows: [{ asset: 'USDC', amount: debt.toFixed(2) }] },
        m,
        { WETH: '2400', USDC: '1' },
        { collateralAsset: 'WETH', debtAsset: 'USDC', rounding, debtToCover: (debt * cover).toFixed(2) },
      ];
    }),
  },
  {
    name: 'fastMarket',
    skipKeys: (s) => s === '1' /* prices are keyed by asset names */,
    names: ['market', 'prices', 'opts'],
    accept: marketAccept,
    args: fc.tuple(market, prices, fc.constantFrom({}, { eMode: 1 })),
    call: (fn, a) => {
      const fm = fn(...a) as Record<string, unknown>;
      return fm;
    },
  },
  {
    name: 'fastAccountHealth',
    names: ['supplies', 'borrows', 'fm', 'opts'],
    args: fc
      .tuple(fastArgs, fc.constantFrom({}, { rounding: 'exact' }, { rounding: 'aave' }))
      .map(([[fm, s, b], o]) => [s, b, fm, o]),
  },
  { name: 'fastHealthFactor', names: ['fm', 'supplies', 'borrows'], args: fastArgs, skip: FM_INTERNALS },
  { name: 'fastAccountData', names: ['fm', 'supplies', 'borrows'], args: fastArgs, skip: FM_INTERNALS },
  {
    name: 'fastLiquidation',
    names: ['fm', 'supplies', 'borrows', 'c', 'd', 'opts'],
    skip: FM_INTERNALS,
    args: fc.tuple(fastArgs, fc.constantFrom({}, { debtToCover: 10n ** 9n })).map(([a, o]) => [...a, 0, 2, o]),
  },
];

// the EVM kit and the interest-rate models have their specs in lendingIrm.test.ts; the Compound III, Morpho Blue,
// Euler v2 models and the previews theirs in lendingProtocols.test.ts
robustnessSuite('riskcore/lending', mod as unknown as Record<string, unknown>, specs, [
  'RiskInputError',
  ...LENDING_IRM_EXPORTS,
  ...LENDING_PROTOCOL_EXPORTS,
]);
