/**
 * Robustness of the recommenders of `riskcore/stress` on the protocols' own rules: recommendCap on the lending form,
 * recommendParameter on the lending form (Morpho Blue, Aave v3) and a venue form (dYdX). The generic forms have their
 * specs in stressProtocolRisk.test.ts and stressRecommendParameter.test.ts.
 */
import fc from 'fast-check';
import { recommendCap, recommendParameter } from '../../src/stress/index.js';
import type { LendingRiskContext } from '../../src/stress/index.js';
import { caseOf, drawArb } from '../stress/lendingCascade/arbs.js';
import type { Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

// as the lending form's spec of simulateProtocolRisk (stressLendingCascade.test.ts): records keyed by asset names
const lendingKeyed = (site: string) =>
  /^1\.assets$/.test(site) ||
  /^0\.lending\.(moves|oracle|depth|prices)$/.test(site) ||
  /^0\.positions\.\d+\.(supplies|borrows|collateral)$/.test(site);
// cross-references: an asset removed from (or renamed in) the market is reported where a position, the context or
// the options name it; an Aave threshold pushed below the LTV at the LTV or the bonus (LT·(1 + bonus) ≤ 1)
const lendingAccept = (site: string, p: string) =>
  (/^0\.lending\.(market|vault)\.(reserves|assets|collaterals)(\.\d+(\.asset)?)?$/.test(site) &&
    /^protocol\.positions\[\d+\]\.(supplies|borrows|collateral)\.\w+$|^protocol\.lending\.(moves|oracle|depth|prices)\.\w+$|^options\.asset$/.test(
      p,
    )) ||
  (site === '0.lending.market.priceDecimals' && /^protocol\.lending\.prices\.\w+$/.test(p)) ||
  (/^0\.lending\.market\.reserves\.\d+\.liquidationThreshold$/.test(site) &&
    /^protocol\.lending\.market\.reserves\[\d+\]\.(ltv|liquidationBonus)$/.test(p)) ||
  (/^0\.(positions|lending)/.test(site) && p === 'options.asset');

const markets = {
  'morpho-blue': { assets: { collateral: { vol: 1 } } },
  'aave-v3': { assets: { WETH: { vol: 1 }, USDC: { vol: 0.01 } } },
} as const;
const run = { paths: 2, steps: 2, dt: 1 / 365, seed: 5, batches: 2 };
const lendingArgs = (protocol: 'morpho-blue' | 'aave-v3', options: Record<string, unknown>) =>
  drawArb(0.8, 1.2).map((d) => {
    const c = caseOf(protocol, { ...d, sizes: d.sizes.slice(0, 2) }, 2);
    const { rounds: _r, moves: _m, ...lending } = c.context;
    return [
      { positions: c.positions, lending: lending as LendingRiskContext },
      markets[protocol],
      { ...run, ...options },
    ];
  });

const capOptions = { capOn: 'supply', budget: 50, step: 0.5, maxMultiple: 1 };
const lendingSpecs = (protocol: 'morpho-blue' | 'aave-v3'): Spec[] => [
  {
    name: 'recommendCap',
    names: ['protocol', 'market', 'options'],
    numRuns: 6,
    args: lendingArgs(protocol, { ...capOptions, asset: protocol === 'aave-v3' ? 'WETH' : 'collateral' }),
    skipKeys: lendingKeyed,
    accept: lendingAccept,
  },
  {
    name: 'recommendParameter',
    names: ['protocol', 'market', 'options'],
    numRuns: 6,
    args: lendingArgs(
      protocol,
      protocol === 'aave-v3'
        ? { parameter: 'liquidationThreshold', asset: 'WETH', values: [0.75, 0.8], budget: 50 }
        : { parameter: 'lltv', values: [0.77, 0.86], budget: 50 },
    ),
    skipKeys: lendingKeyed,
    accept: lendingAccept,
  },
];
for (const protocol of ['morpho-blue', 'aave-v3'] as const)
  robustnessSuite(
    `riskcore/stress recommenders on ${protocol} rules`,
    { recommendCap, recommendParameter },
    lendingSpecs(protocol),
  );

// dYdX: two subaccounts on one perpetual; recommendCap refuses the venue forms at `protocol` (not swept here)
const dydxProtocol = fc
  .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 50 }))
  .map(([e1, e2, depth]) => ({
    kind: 'dydx',
    accounts: [
      {
        id: 'l',
        subaccount: {
          usdcQuantums: String((e1 * 500 - 50000) * 1e6),
          positions: [{ perpetualId: 0, quantums: '10000000000' }],
        },
      },
      {
        id: 's',
        subaccount: {
          usdcQuantums: String((e2 * 250 + 25000) * 1e6),
          positions: [{ perpetualId: 0, quantums: '-5000000000' }],
        },
      },
    ],
    context: {
      market: {
        perpetuals: [
          {
            id: 0,
            atomicResolution: -10,
            price: '5000000000',
            priceExponent: -5,
            liquidityTier: { initialMarginPpm: 50000, maintenanceFractionPpm: 600000 },
          },
        ],
      },
      liquidations: {
        bankruptcyAdjustmentPpm: 1000000,
        spreadToMaintenanceMarginRatioPpm: 1500000,
        maxLiquidationFeePpm: 15000,
      },
      insuranceFundQuantums: '0',
      books: [{ perpetualId: 0, depth: String(depth * 1e6), quantumConversionExponent: -9, subticksPerTick: 100 }],
    },
  }));
// as the venue form's spec of simulateProtocolRisk (stressVenueCascade.test.ts): a size, id or market that no longer
// fits another field is reported there; the perpetual's id is what options.asset names
const relational = (_site: string, p: string) =>
  /(perpetualId|\.market$|\.id$|\.asset$|quantums|^protocol\.accounts$|^protocol\.context\.books|^protocol\.kind|^market\.assets|^options\.asset$)/.test(
    p,
  );
robustnessSuite('riskcore/stress parameter recommendation on dYdX rules', { recommendParameter }, [
  {
    name: 'recommendParameter',
    names: ['protocol', 'market', 'options'],
    accept: relational,
    skipKeys: (site) => /^1\.assets$/.test(site),
    args: fc.tuple(
      dydxProtocol,
      fc.constant({ assets: { '0': { vol: 1.2 } } }),
      fc.constant({
        ...run,
        parameter: 'maintenanceFractionPpm',
        asset: '0',
        values: [300000, 600000],
        budget: 10,
      }),
    ),
    numRuns: 10,
  },
]);

// Hyperliquid: two cross accounts on ETH; the searched field is the first tier's maximum leverage
const hlPosition = (size: string, entryPrice: string) => ({
  asset: 'ETH',
  size,
  entryPrice,
  leverage: 10,
  marginMode: 'cross',
});
const hlProtocol = fc
  .tuple(fc.integer({ min: 100, max: 1600 }), fc.integer({ min: 2000, max: 6000 }), fc.integer({ min: 1, max: 50 }))
  .map(([a, b, depth]) => ({
    kind: 'hyperliquid',
    accounts: [
      { id: 'u', account: { balance: String(a), positions: [hlPosition('10', '2000')] } },
      { id: 's', account: { balance: String(b), positions: [hlPosition('-12', '2050')] } },
    ],
    context: {
      market: {
        assets: { ETH: { markPrice: '2000', marginTable: { tiers: [{ lowerBound: '0', maxLeverage: 20 }] } } },
      },
      books: [{ asset: 'ETH', depth: String(depth * 100_000) }],
      vault: '100',
    },
  }));
robustnessSuite('riskcore/stress parameter recommendation on Hyperliquid rules', { recommendParameter }, [
  {
    name: 'recommendParameter',
    names: ['protocol', 'market', 'options'],
    accept: relational,
    skipKeys: (site) => /^1\.assets$/.test(site) || /^0\.context\.market\.assets$/.test(site),
    args: fc.tuple(
      hlProtocol,
      fc.constant({ assets: { ETH: { vol: 1.2 } } }),
      fc.constant({ ...run, parameter: 'maxLeverage', asset: 'ETH', values: [5, 20], budget: 10 }),
    ),
    numRuns: 10,
  },
]);
