/**
 * Robustness of the Compound III, Morpho Blue and Euler v2 models and of the what-if previews of riskcore/lending
 * (the functions exported under "Compound III, Morpho Blue, Euler v2, previews" of src/lending/index.ts).
 */
import fc from 'fast-check';
import * as lending from '../../src/lending/index.js';
import { robustnessSuite } from './suite.js';
import type { Spec } from './harness.js';
import { LENDING_PROTOCOL_EXPORTS } from './lendingProtocolsNames.js';

const mod = Object.fromEntries(LENDING_PROTOCOL_EXPORTS.map((k) => [k, lending[k]]));

const WAD = 10n ** 18n;
const comet = (wethPrice: bigint) => ({
  baseDecimals: 6,
  basePrice: 100000000n,
  baseSupplyIndex: 1010000000000000n,
  baseBorrowIndex: 1030000000000000n,
  totalSupplyBase: 10n ** 13n,
  totalBorrowBase: 10n ** 12n,
  baseBalance: 10n ** 13n,
  storeFrontPriceFactor: 6n * 10n ** 17n,
  assets: [
    {
      asset: 'WETH',
      decimals: 18,
      price: wethPrice,
      borrowCollateralFactor: 8n * 10n ** 17n,
      liquidateCollateralFactor: 85n * 10n ** 16n,
      liquidationFactor: 93n * 10n ** 16n,
    },
    {
      asset: 'WBTC',
      decimals: 8,
      price: 6000000000000n,
      borrowCollateralFactor: 7n * 10n ** 17n,
      liquidateCollateralFactor: 77n * 10n ** 16n,
      liquidationFactor: 95n * 10n ** 16n,
    },
  ],
});
const wethPrice = fc.bigInt({ min: 150000000000n, max: 400000000000n });
const cometAccount = fc
  .bigInt({ min: 1000n, max: 3000n })
  .map((d) => ({ principal: -d * 10n ** 6n, collateral: { WETH: 10n ** 18n, WBTC: 10n ** 6n } }));
const morpho = fc.tuple(fc.integer({ min: 50, max: 94 }), fc.bigInt({ min: 1000n, max: 2500n })).map(([l, p]) => ({
  lltv: BigInt(l) * 10n ** 16n,
  price: p * 10n ** 24n,
  totalSupplyAssets: 10n ** 13n,
  totalSupplyShares: 10n ** 19n,
  totalBorrowAssets: 2500n * 10n ** 6n,
  totalBorrowShares: 2500n * 10n ** 12n,
}));
const position = { collateral: 10n ** 18n, borrowShares: 1500n * 10n ** 12n };
const vault = fc.bigInt({ min: 20n, max: 45n }).map((p) => ({
  liabilityPrice: 25n * 10n ** 17n,
  maxLiquidationDiscount: 2000,
  liquidationCoolOffTime: 1,
  collaterals: [
    { asset: 'eTST2', price: p * 10n ** 16n, borrowLTV: 3000, liquidationLTV: 3500 },
    {
      asset: 'eTST3',
      price: 22n * 10n ** 17n,
      borrowLTV: 8000,
      liquidationLTV: 8500,
      initialLiquidationLTV: 9000,
      targetTimestamp: 2000,
      rampDuration: 1000,
    },
  ],
}));
const eulerAccount = { debt: 5n * WAD, collateral: { eTST2: 100n * WAD, eTST3: 10n ** 17n }, lastStatusCheck: 1000 };

// Fields of one input constrain others: a renamed or deleted collateral makes the account's key unknown; a zero
// factor, LTV or total makes its partner field the one refused; an amount beyond a balance is refused at the action.
const relational = (site: string, p: string) =>
  (/\.(asset|assets|collaterals)(\.\d+)?(\.asset)?$/.test(site) &&
    /(account|position)\.collateral|opts\.(action|watch)|request\.asset|opts\.collateral/.test(p)) ||
  (/(liquidateCollateralFactor|liquidationLTV|borrowLTV)$/.test(site) &&
    /(borrowCollateralFactor|borrowLTV)$/.test(p)) ||
  (/total\w+$/.test(site) && /(totalBorrowAssets|borrowShares)$/.test(p)) ||
  (/(price|collateral|amount|principal)$/.test(site) && /(collateral|principal|opts\.action\.\w+)$/.test(p)) ||
  (/(initialLiquidationLTV|targetTimestamp)$/.test(site) && /rampDuration$/.test(p));

const actionsBig = fc.constantFrom(
  { type: 'supply', asset: 'WETH', amount: 10n ** 17n },
  { type: 'withdraw', asset: 'WBTC', amount: 10n ** 5n },
  { type: 'borrow', amount: 10n ** 8n },
  { type: 'repay', amount: 10n ** 8n },
  { type: 'swapCollateral', asset: 'WETH', amount: 10n ** 17n, to: 'WBTC', amountTo: 10n ** 5n },
  { type: 'liquidate', targetHealth: WAD },
);

const specs: Spec[] = [
  {
    name: 'cometLiquidity',
    names: ['account', 'market'],
    accept: relational,
    args: fc.tuple(cometAccount, wethPrice.map(comet)),
  },
  {
    name: 'cometAbsorb',
    names: ['account', 'market'],
    accept: relational,
    args: fc.tuple(cometAccount, wethPrice.map(comet)),
  },
  { name: 'cometReserves', names: ['market'], accept: relational, args: wethPrice.map((p) => [comet(p)]) },
  {
    name: 'cometQuoteCollateral',
    names: ['request', 'market'],
    accept: relational,
    args: fc.tuple(
      fc.record({ asset: fc.constantFrom('WETH', 'WBTC'), baseAmount: fc.bigInt({ min: 0n, max: 10n ** 12n }) }),
      wethPrice.map(comet),
    ),
  },
  {
    name: 'morphoHealth',
    names: ['position', 'market'],
    accept: relational,
    args: morpho.map((m) => [{ ...position }, m]),
  },
  {
    name: 'morphoIncentiveFactor',
    names: ['market'],
    args: fc.bigInt({ min: 0n, max: WAD - 1n }).map((lltv) => [{ lltv }]),
  },
  {
    name: 'morphoLiquidate',
    names: ['position', 'market', 'opts'],
    accept: (s, p) => relational(s, p) || (/^2\./.test(s) && p === 'opts'),
    args: fc
      .tuple(morpho, fc.constantFrom({ seizedAssets: 10n ** 16n }, { repaidShares: 10n ** 11n }))
      .map(([m, o]) => [{ ...position }, m, o]),
  },
  {
    name: 'eulerAccountLiquidity',
    names: ['account', 'vault', 'opts'],
    accept: relational,
    args: fc
      .tuple(vault, fc.constantFrom({}, { ltv: 'borrowing' }, { now: 1500 }))
      .map(([v, o]) => [structuredClone(eulerAccount), v, o]),
  },
  {
    name: 'eulerLiquidate',
    names: ['account', 'vault', 'opts'],
    accept: relational,
    args: fc
      .tuple(
        vault,
        fc.constantFrom(
          { collateral: 'eTST2' },
          { collateral: 'eTST2', now: 1500 },
          { collateral: 'eTST3', desiredRepay: 10n ** 15n },
        ),
      )
      .map(([v, o]) => [structuredClone(eulerAccount), v, o]),
  },
  {
    name: 'previewComet',
    names: ['account', 'market', 'opts'],
    accept: relational,
    numRuns: 30,
    args: fc
      .tuple(cometAccount, wethPrice.map(comet), actionsBig)
      .map(([a, m, action]) => [
        a,
        m,
        { action: { ...action, ...(action.type === 'supply' ? { asset: 'WETH' } : {}) } },
      ]),
  },
  {
    name: 'previewMorpho',
    names: ['position', 'market', 'opts'],
    accept: relational,
    numRuns: 30,
    args: fc
      .tuple(
        morpho,
        fc.constantFrom(
          { type: 'supply', asset: 'collateral', amount: 10n ** 17n },
          { type: 'withdraw', asset: 'collateral', amount: 10n ** 15n },
          { type: 'borrow', amount: 10n ** 8n },
          { type: 'repay', amount: 10n ** 8n },
          { type: 'liquidate', targetHealth: WAD },
        ),
      )
      .map(([m, action]) => [{ ...position }, m, { action }]),
  },
  {
    name: 'previewEuler',
    names: ['account', 'vault', 'opts'],
    accept: relational,
    numRuns: 30,
    args: fc
      .tuple(
        vault,
        fc.constantFrom(
          { type: 'supply', asset: 'eTST2', amount: WAD },
          { type: 'withdraw', asset: 'eTST3', amount: 10n ** 16n },
          { type: 'borrow', amount: 10n ** 17n },
          { type: 'repay', amount: 10n ** 17n },
          { type: 'swapCollateral', asset: 'eTST2', amount: WAD, to: 'eTST3', amountTo: 10n ** 16n },
          { type: 'liquidate', targetHealth: WAD, collateral: 'eTST2' },
        ),
      )
      .map(([v, action]) => [structuredClone(eulerAccount), v, { action, now: 1500 }]),
  },
  {
    name: 'previewAave',
    names: ['account', 'context', 'opts'],
    skipKeys: (s) => s === '1.prices' /* prices are keyed by asset names */,
    accept: (s, p) => /^(0|1|2)\./.test(s) && /^(account|market|prices|opts|context)/.test(p),
    numRuns: 20,
    args: fc
      .tuple(
        fc.integer({ min: 1900, max: 2600 }),
        fc.constantFrom(
          { type: 'supply', asset: 'WETH', amount: '1' },
          { type: 'withdraw', asset: 'WETH', amount: '0.5' },
          { type: 'borrow', asset: 'USDC', amount: '100' },
          { type: 'repay', asset: 'USDC', amount: '100' },
          { type: 'swapCollateral', asset: 'WETH', amount: '1', to: 'WBTC', amountTo: '0.04' },
          { type: 'liquidate', targetHealth: '1.02', collateral: 'WETH', debtAsset: 'USDC' },
        ),
      )
      .map(([px, action]) => [
        { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '20000' }] },
        { market: structuredClone(lending.AAVE_V3_ETHEREUM), prices: { WETH: String(px), USDC: '1', WBTC: '60000' } },
        { action },
      ]),
  },
];

robustnessSuite('riskcore/lending: Compound III, Morpho Blue, Euler v2, previews', mod, specs);
