/** Robustness of the venue cascades of `riskcore/stress` (src/stress/venueCascade). */
import fc from 'fast-check';
import {
  simulateDriftCascade,
  simulateDydxCascade,
  simulateHyperliquidCascade,
  simulateProtocolRisk,
} from '../../src/stress/index.js';
import type { Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const btc = {
  id: 0,
  atomicResolution: -10,
  price: 5_000_000_000n,
  priceExponent: -5,
  liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 },
};
const dydxAccounts = fc.tuple(fc.bigInt(-48_000n, -45_000n), fc.bigInt(55_000n, 70_000n)).map(([a, b]) => [
  {
    id: 'long',
    subaccount: { usdcQuantums: a * 1_000_000n, positions: [{ perpetualId: 0, quantums: 10_000_000_000n }] },
  },
  {
    id: 'short',
    subaccount: { usdcQuantums: b * 1_000_000n, positions: [{ perpetualId: 0, quantums: -10_000_000_000n }] },
  },
]);
const dydxContext = fc
  .record({ move: fc.integer({ min: -12, max: 0 }), depth: fc.integer({ min: 100_000, max: 10_000_000 }) })
  .map(({ move, depth }) => ({
    market: { perpetuals: [btc] },
    books: [
      {
        perpetualId: 0,
        path: [move / 100, 0.01],
        depth: String(depth),
        oracle: { latency: 1 },
        quantumConversionExponent: -9,
        subticksPerTick: 100,
      },
    ],
    liquidations: {
      bankruptcyAdjustmentPpm: 1_000_000,
      spreadToMaintenanceMarginRatioPpm: 1_500_000,
      maxLiquidationFeePpm: 15_000,
    },
    insuranceFundQuantums: 1_000_000_000n,
  }));

const usdc = {
  marketIndex: 0,
  decimals: 6,
  oraclePrice: 1_000_000,
  initialAssetWeight: 10000,
  maintenanceAssetWeight: 10000,
  initialLiabilityWeight: 10000,
  maintenanceLiabilityWeight: 10000,
};
const sol = {
  marginRatioInitial: 1000,
  marginRatioMaintenance: 500,
  oraclePrice: 100_000_000n,
  liquidatorFee: 10_000,
  ifLiquidationFee: 10_000,
  orderStepSize: 10_000_000n,
};
const driftAccounts = fc.tuple(fc.bigInt(200n, 1_500n), fc.bigInt(1_000n, 5_000n)).map(([a, b]) => [
  {
    id: 'u',
    account: {
      spotPositions: [{ market: 'USDC', tokenAmount: a * 1_000_000n }],
      perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 100_000_000_000n, quoteAssetAmount: -10_000_000_000n }],
    },
  },
  {
    id: 's',
    account: {
      spotPositions: [{ market: 'USDC', tokenAmount: b * 1_000_000n }],
      perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: -50_000_000_000n, quoteAssetAmount: 5_000_000_000n }],
    },
  },
]);
const driftContext = fc
  .record({ move: fc.integer({ min: -20, max: 0 }), depth: fc.integer({ min: 100_000, max: 10_000_000 }) })
  .map(({ move, depth }) => ({
    market: { spotMarkets: { USDC: usdc }, perpMarkets: { 'SOL-PERP': sol } },
    books: [{ market: 'SOL-PERP', path: [move / 100, -0.02], depth: String(depth), oracle: { latency: 1 } }],
    insuranceFund: 10_000_000n,
  }));

const ethTable = { tiers: [{ lowerBound: '0', maxLeverage: 20 }] };
const hlPosition = (size: string, entryPrice: string) => ({
  asset: 'ETH',
  size,
  entryPrice,
  leverage: 20,
  marginMode: 'cross',
});
const hlAccounts = fc.tuple(fc.integer({ min: 100, max: 1600 }), fc.integer({ min: 2000, max: 6000 })).map(([a, b]) => [
  { id: 'u', account: { balance: String(a), positions: [hlPosition('10', '2000')] } },
  { id: 's', account: { balance: String(b), positions: [hlPosition('-12', '2050')] } },
]);
const hlContext = fc
  .record({ move: fc.integer({ min: -12, max: 0 }), depth: fc.integer({ min: 100_000, max: 10_000_000 }) })
  .map(({ move, depth }) => ({
    market: { assets: { ETH: { markPrice: '2000', marginTable: ethTable } } },
    books: [{ asset: 'ETH', path: [move / 100, -0.02], depth: String(depth), oracle: { latency: 1 } }],
    vault: '100',
  }));

// a size, id or market that no longer fits another field is reported there: a position's perpetual or market
// without a book, an account whose id repeats, a delta on a position that changed
const relational = (_site: string, p: string) =>
  /(perpetualId|\.market$|\.id$|\.asset$|quantums|baseAssetAmount|^accounts$|^context\.books)/.test(p);
// records keyed by user data: market names of Drift's spot and perp markets, Hyperliquid's assets
const userKeyed = (site: string) => /^1\.market\.(spotMarkets|perpMarkets|assets)$/.test(site);

const specs: Spec[] = [
  {
    name: 'simulateDydxCascade',
    names: ['accounts', 'context', 'options'],
    accept: relational,
    args: fc.tuple(dydxAccounts, dydxContext, fc.constant({ rounds: 3 })),
    numRuns: 40,
  },
  {
    name: 'simulateDriftCascade',
    names: ['accounts', 'context', 'options'],
    accept: relational,
    skipKeys: userKeyed,
    args: fc.tuple(driftAccounts, driftContext, fc.constant({ rounds: 3, marginBuffer: 0 })),
    numRuns: 40,
  },
  {
    name: 'simulateHyperliquidCascade',
    names: ['accounts', 'context', 'options'],
    accept: relational,
    skipKeys: userKeyed,
    args: fc.tuple(hlAccounts, hlContext, fc.constant({ rounds: 3, roundSeconds: 10 })),
    numRuns: 40,
  },
];

robustnessSuite(
  'riskcore/stress venue cascades',
  { simulateDydxCascade, simulateDriftCascade, simulateHyperliquidCascade },
  specs,
);

// simulateProtocolRisk with a venue protocol (its generic protocols have their spec in stressProtocolRisk.test.ts)
const venueProtocol = fc.tuple(dydxAccounts, dydxContext).map(([accounts, context]) => ({
  kind: 'dydx',
  accounts,
  context: { ...context, books: context.books.map(({ path: _p, ...b }) => b) },
}));
robustnessSuite('riskcore/stress protocol risk on venue rules', { simulateProtocolRisk }, [
  {
    name: 'simulateProtocolRisk',
    names: ['protocol', 'market', 'options'],
    accept: (site, p) => relational(site, p) || /^(protocol\.kind|protocol\.context\.books|market\.assets)/.test(p),
    skipKeys: (site) => /^1\.assets$/.test(site),
    args: fc.tuple(
      venueProtocol,
      fc.constant({ assets: { '0': { vol: 1.2 } } }),
      fc.constant({ paths: 3, steps: 2, dt: 0.01, seed: 5 }),
    ),
    numRuns: 30,
  },
]);
