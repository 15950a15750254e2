/**
 * Robustness of the pool rate and liquidity risk of `riskcore/stress` (src/stress/poolRisk): poolRateRisk,
 * poolRunSchedule and poolShockedPrices. The module object passed to the suite holds exactly these exports; the
 * rest of riskcore/stress is covered by stress.test.ts, which exempts them.
 */
import fc from 'fast-check';
import * as mod from '../../src/stress/index.js';
import { robustnessSuite } from './suite.js';
import type { Spec } from './harness.js';

const NAMES = ['poolRateRisk', 'poolRunSchedule', 'poolShockedPrices'];
const mine = Object.fromEntries(NAMES.map((n) => [n, (mod as Record<string, unknown>)[n]]));

const E6 = 10n ** 6n;
const E18 = 10n ** 18n;
const market = () => ({
  name: 'robustness market',
  source: 'test',
  priceDecimals: 8,
  reserves: [
    { asset: 'WETH', decimals: 18, ltv: '0.805', liquidationThreshold: '0.83', liquidationBonus: '0.05' },
    { asset: 'USDC', decimals: 6, ltv: '0.77', liquidationThreshold: '0.8', liquidationBonus: '0.045' },
  ],
});
const model = fc.oneof(
  fc.constant({
    protocol: 'comet' as const,
    params: {
      supplyKink: 9n * 10n ** 17n,
      supplyPerYearInterestRateBase: 0n,
      supplyPerYearInterestRateSlopeLow: 5n * 10n ** 16n,
      supplyPerYearInterestRateSlopeHigh: 2n * E18,
      borrowKink: 9n * 10n ** 17n,
      borrowPerYearInterestRateBase: 10n ** 16n,
      borrowPerYearInterestRateSlopeLow: 5n * 10n ** 16n,
      borrowPerYearInterestRateSlopeHigh: 3n * E18,
    },
  }),
  fc.constant({
    protocol: 'aave' as const,
    params: {
      optimalUsageRatio: 9000n,
      baseVariableBorrowRate: 0n,
      variableRateSlope1: 550n,
      variableRateSlope2: 6000n,
      reserveFactor: 1000n,
    },
  }),
  fc.constant({ protocol: 'morpho' as const, fee: 10n ** 17n }),
  fc.constant({
    protocol: 'eulerLinearKink' as const,
    interestFee: 1000n,
    params: { baseRate: 0n, slope1: 1406417851n, slope2: 19050045013n, kink: 3865470566n },
  }),
);
const usd = fc.bigInt({ min: 0n, max: 500_000n * E6 });
const pool = fc.record({
  asset: fc.constant('USDC'),
  cash: usd,
  model,
  reserveFactorBps: fc.bigInt({ min: 0n, max: 10_000n }),
  market: fc.constant(null).map(market),
  borrowers: fc.tuple(
    fc.record({
      name: fc.constant('a'),
      collateral: fc.record({ WETH: fc.bigInt({ min: 0n, max: 500n * E18 }) }),
      debt: usd,
    }),
  ),
});
const prices = fc.record({ WETH: fc.integer({ min: 100, max: 5000 }).map(String), USDC: fc.constant('1') });
const scenario = fc.record({
  name: fc.constant('robustness'),
  prices,
  steps: fc.array(
    fc.record({
      elapsed: fc.bigInt({ min: 0n, max: 30n * 86_400n }),
      withdraw: usd,
      deposit: usd,
      repayments: fc.array(fc.record({ borrower: fc.constant('a'), amount: usd }), { minLength: 1, maxLength: 1 }),
      borrowings: fc.array(fc.record({ borrower: fc.constant('a'), amount: usd }), { minLength: 1, maxLength: 1 }),
      prices,
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

// records keyed by user data (asset names): a borrower's collateral, the prices of the scenario and of a step,
// the moves of a stress scenario and the prices given to poolShockedPrices
const userKeyed = (site: string) => /(^|\.)(collateral|prices|moves)$/.test(site) || /^0$/.test(site);

const specs: Spec[] = [
  {
    name: 'poolRateRisk',
    names: ['pool', 'scenario', 'options'],
    numRuns: 30,
    args: fc.tuple(pool, scenario, fc.constantFrom({}, { rounding: 'aave' as const }, { rounding: 'exact' as const })),
    skipKeys: (site) => /(^|\.)(collateral|prices)$/.test(site),
    // cross-field rules: a reserve renamed or dropped leaves the borrower's collateral outside the market; an LT
    // below the LTV or above 1/(1 + bonus) is reported at the LTV or the bonus; a borrower renamed or dropped
    // leaves a repayment or borrowing without its borrower
    accept: (site, path) =>
      (/^0\.market\.reserves/.test(site) &&
        /collateral|\.(ltv|liquidationBonus)$|scenario\.prices|steps\[\d+\]\.prices/.test(path)) ||
      (/^0\.borrowers/.test(site) && /(repayments|borrowings)\[\d+\]\.borrower$/.test(path)),
  },
  {
    name: 'poolRunSchedule',
    names: ['runoff', 'context'],
    args: fc.tuple(
      fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 5 }),
      fc.record({ supply: usd, elapsed: fc.bigInt({ min: 0n, max: 86_400n }) }),
    ),
  },
  {
    name: 'poolShockedPrices',
    names: ['prices', 'scenario', 'options'],
    args: fc.tuple(
      prices,
      fc.record({
        name: fc.constant('shock'),
        moves: fc.record({ WETH: fc.double({ min: -0.9, max: 2, noNaN: true }) }),
      }),
      fc.constantFrom({}, { decimals: 8 }, { decimals: 2 }),
    ),
    skipKeys: userKeyed,
  },
];

robustnessSuite('riskcore/stress pool risk', mine, specs);
