/** Robustness of `riskcore/stress`. */
import fc from 'fast-check';
import * as mod from '../../src/stress/index.js';
import { robustnessSuite } from './suite.js';
import { account, dbl, fixedAccount, fixedMarket, fixedPositions, fresh, market, positions } from './arbs.js';
import type { Spec } from './harness.js';

const scenario = fc.record({
  name: fc.constant('s'),
  moves: fc.record({ BTC: dbl(-0.6, 0.6), ETH: dbl(-0.6, 0.6) }),
  volShift: fc.record({ BTC: dbl(-0.1, 0.3) }),
  volScale: fc.record({ ETH: dbl(0.5, 2) }),
  haircutMultipliers: fc.record({ ETH: dbl(1, 3) }),
  rateShift: dbl(-0.01, 0.02),
  weight: dbl(0, 1),
});
const scenarios = fc.array(scenario, { minLength: 1, maxLength: 3 });
// subjects: a position list or a netting account, with their market
const subject = fc.oneof(
  fresh(() => [fixedPositions(), fixedMarket()]),
  fresh(() => [fixedAccount(), fixedMarket()]),
  fc.tuple(positions, market),
  fc.tuple(account, market),
);
// an unknown underlying or a missing vol is reported at the position or the market asset; a rate or carry of
// ±1e308 jointly with an expiry; a collateral asset renamed to one without a price at its price
const bookAccept = (site: string, p: string) =>
  (/underlying$|^\d\.assets(\.\w+(\.(vol|price|mark))?)?$/.test(site) && /underlying|assets/.test(p)) ||
  (/\.asset$/.test(site) && /collateral|prices|asset/.test(p)) ||
  (/(rate|dividendYield)$/.test(site) && /expiry$/.test(p));
// a scenario's moves compound with the market: a move that prices an asset beyond the allowed range is reported at the move or the market
const scenarioAccept = (site: string, p: string) =>
  subjectAccept(site, p) || (/^\d\.\d+\.\w+/.test(site) && /scenarios|assets/.test(p));
// the subject is a position list or a netting account: a non-array is reported as an account that is not an object
function subjectAccept(site: string, p: string): boolean {
  return bookAccept(site, p) || (/^0(\.\d+)?$/.test(site) && /^(account|positions)/.test(p));
}
// a market figure or strike that makes a Greek overflow (a denormal price or strike, a vol of 1e308) is reported at
// the position or instrument whose Greeks overflow
const greekOverflowAccept = (site: string, p: string) =>
  /^(1\.(assets\.\w+\.\w+|rate)|[02]\.\d+\.\w+)$/.test(site) && /^(positions|instruments)\[\d+\]$/.test(p);

// Records keyed by user data (asset names, liability names), exempt from the key-strictness checks: a key there
// is a name, not a field, so an added or misspelt one is a different asset, not a typo. Scenario per-asset maps,
// market.assets, reverse-stress directions and vol slopes, a withdrawal run's per-liability run-off and per-asset
// haircut multipliers, and a multi-asset cascade's params.assets and per-account collateral.
const userKeyed = (site: string) =>
  /(^|\.)(moves|oracleMoves|volShift|volScale|haircutMultipliers|liquidityMultipliers|direction|volPerShock|runoff)$/.test(
    site,
  ) ||
  /^\d\.assets$/.test(site) ||
  /^0\.\d+\.collateral$/.test(site);

const specs: Spec[] = [
  {
    name: 'validateScenario',
    names: ['scenario', 'path'],
    skip: (s) => s === '1',
    args: scenario.map((s) => [s, 'scenario']),
  },
  {
    name: 'validateScenarios',
    names: ['scenarios', 'path'],
    skip: (s) => s === '1',
    args: scenarios.map((s) => [s, 'scenarios']),
  },
  {
    name: 'applyScenario',
    names: ['market', 'scenario'],
    accept: scenarioAccept,
    args: fc.tuple(fc.oneof(fresh(fixedMarket), market), scenario),
  },
  {
    name: 'priceVolGrid',
    names: ['options'],
    args: fc
      .record({
        assets: fc.constant(['BTC', 'ETH']),
        priceMoves: fc.array(dbl(-0.5, 0.5), { minLength: 1, maxLength: 4 }),
        volShifts: fc.array(dbl(-0.1, 0.2), { minLength: 1, maxLength: 3 }),
        volMode: fc.constantFrom('absolute', 'relative'),
      })
      .map((o) => [o]),
  },
  {
    name: 'spanScenarios',
    names: ['options'],
    accept: (s, p) => s === '0.priceScanRange' && p === 'options.extremeMultiple',
    args: fc
      .record({
        assets: fc.constant(['BTC']),
        priceScanRange: dbl(0.01, 0.3),
        volScanRange: dbl(0, 0.3),
        extremeMultiple: dbl(1, 3),
        extremeWeight: dbl(0, 1),
      })
      .map((o) => [o]),
  },
  {
    name: 'stablecoinDepeg',
    names: ['options'],
    args: fc
      .record({
        asset: fc.constant('USDC'),
        depeg: dbl(0, 0.9),
        haircutMultiplier: dbl(1, 5),
        liquidityMultiplier: dbl(1, 5),
      })
      .map((o) => [o]),
  },
  {
    name: 'lstDepeg',
    names: ['options'],
    args: fc
      .record({ lst: fc.constant('stETH'), base: fc.constant('ETH'), discount: dbl(0, 0.5), baseMove: dbl(-0.5, 0.5) })
      .map((o) => [o]),
  },
  {
    name: 'oracleStale',
    names: ['options'],
    args: fc.record({ asset: fc.constant('ETH'), move: dbl(-0.5, 0.5) }).map((o) => [o]),
  },
  {
    name: 'oracleJump',
    names: ['options'],
    args: fc.record({ asset: fc.constant('ETH'), jump: dbl(-0.5, 0.5) }).map((o) => [o]),
  },
  {
    name: 'historicalScenarios',
    names: ['ids'],
    args: fc
      .subarray(
        mod.HISTORICAL_EVENTS.map((e) => e.id),
        { minLength: 1 },
      )
      .map((ids) => [ids]),
  },
  // an asset removed from params.assets is reported where an account refers to it
  {
    name: 'simulateLiquidationCascade',
    names: ['accounts', 'params'],
    numRuns: 30,
    accept: (s, p) => /^1\.assets\.\w+$/.test(s) && /^accounts\[\d+\]\.(perps\[\d+\]\.asset|collateral\.\w+)$/.test(p),
    args: fc.oneof(
      fc.tuple(
        fc.array(
          fc.record({
            id: fc.constant('a'),
            collateral: dbl(1, 20).map((x) => x.toFixed(4)),
            debt: dbl(100, 1500).map((x) => x.toFixed(2)),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.record({
          price: fc.constant('100'),
          shock: dbl(-0.3, 0),
          liquidationThreshold: dbl(0.5, 0.9),
          penalty: dbl(0, 0.1),
          depth: dbl(1000, 1e5).map((x) => x.toFixed(0)),
          rounds: fc.integer({ min: 1, max: 8 }),
        }),
      ),
      // several assets: collateral per asset, perps naming their asset, an oracle with latency and a jump
      fc.tuple(
        fc.array(
          fc.record({
            id: fc.constant('m'),
            collateral: fc.record({ ETH: dbl(1, 20).map((x) => x.toFixed(4)) }),
            debt: dbl(100, 1500).map((x) => x.toFixed(2)),
            perps: fc.constant([{ asset: 'BTC', size: '-0.01', entryPrice: '100' }]),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.record({
          assets: fc.record({
            ETH: fc.record({
              price: fc.constant('100'),
              shock: dbl(-0.3, 0),
              depth: fc.constant('100000'),
              oracle: fc.constant({ latency: 1, jumps: [{ round: 1, move: -0.1 }] }),
            }),
            BTC: fc.record({ price: fc.constant('100'), path: fc.constant([0.05, 0]) }),
          }),
          insuranceFund: fc.constant('10'),
          rounds: fc.integer({ min: 1, max: 5 }),
        }),
      ),
    ),
  },
  {
    name: 'liquidityStress',
    names: ['sheet', 'run'],
    accept: (s, p) => /^(0\.(buckets|liabilities)|1\.runoff)/.test(s) && /runoff|buckets/.test(p),
    args: fc.tuple(dbl(0, 1000), dbl(0, 0.5)).map(([a, r]) => [
      {
        buckets: [
          { name: '1d', days: 1 },
          { name: '7d', days: 7 },
          { name: '30d', days: 30 },
        ],
        assets: [
          { name: 'USDC', amount: a.toFixed(2) },
          { name: 'stETH', amount: '200', haircut: 0.1, liquidityDays: 7 },
        ],
        liabilities: [{ name: 'deposits', amount: '400', runoff: [r, 0.3, 0.3] }],
      },
      { name: 'run', runoff: { deposits: [0.5, 0.2, 0.1] }, haircutMultipliers: { stETH: 2 } },
    ]),
  },
  // flows whose present value is 0 (one flow of amount 0) are refused at the list
  {
    name: 'fixedIncomeRisk',
    names: ['cashflows', 'yieldRate', 'frequency'],
    accept: (s, p) => /^0\.\d+\.amount$/.test(s) && p === 'cashflows',
    args: fc.tuple(
      fc.array(fc.record({ time: dbl(0.1, 30), amount: dbl(1, 1e6) }), { minLength: 1, maxLength: 6 }),
      dbl(-0.01, 0.15),
      fc.constantFrom(0, 1, 2, 4, 12),
    ),
  },
  {
    name: 'fixedRateCashflows',
    names: ['o'],
    args: fc
      .record({
        notional: dbl(1, 1e9),
        rate: dbl(0, 0.2),
        maturity: dbl(0.25, 30),
        frequency: fc.constantFrom(1, 2, 4, 12),
      })
      .map((o) => [o]),
  },
  {
    name: 'stressTest',
    names: ['subject', 'market', 'scenarios', 'options'],
    numRuns: 30,
    accept: scenarioAccept,
    args: fc.tuple(subject, scenarios).map(([[s, m], sc]) => [s, m, sc, {}]),
  },
  // the prepared form: prepareStress(market, scenarios, options), then stressTest(subject, context)
  {
    name: 'prepareStress',
    names: ['subject', 'market', 'scenarios', 'options'],
    numRuns: 30,
    accept: scenarioAccept,
    args: fc.tuple(subject, scenarios).map(([[s, m], sc]) => [s, m, sc, {}]),
    call: (fn, [s, m, sc, o]) => mod.stressTest(s as never, fn(m, sc, o) as mod.StressContext),
  },
  {
    name: 'reverseStressTest',
    names: ['subject', 'market', 'options'],
    numRuns: 20,
    accept: subjectAccept,
    args: fc
      .tuple(subject, fc.constantFrom('liquidation', 'insolvency'))
      .map(([[s, m], target]) => [s, m, { direction: { BTC: -1, ETH: -0.5 }, target, maxShock: 0.99, gridPoints: 16 }]),
  },
  {
    name: 'reverseStressPerAsset',
    names: ['subject', 'market', 'options'],
    numRuns: 15,
    accept: subjectAccept,
    args: fc
      .tuple(subject, fc.constantFrom('liquidation', 'insolvency'), fc.constantFrom('down', 'up'))
      .map(([[s, m], target, side]) => [s, m, { target, side, assets: ['BTC', 'ETH'], gridPoints: 16 }]),
  },
  {
    name: 'hedge',
    names: ['positions', 'market', 'instruments', 'options'],
    accept: (s, p) => bookAccept(s, p) || greekOverflowAccept(s, p),
    args: fc
      .tuple(
        fc.oneof(
          fresh(() => [fixedPositions(), fixedMarket()]),
          fc.tuple(positions, market),
        ),
        fc.constantFrom(['delta'], ['delta', 'gamma'], ['delta', 'gamma', 'vega']),
      )
      .map(([[p, m], target]) => [
        p,
        m,
        [
          { kind: 'perp', underlying: 'BTC', quantity: 1 },
          { kind: 'perp', underlying: 'ETH', quantity: 1 },
          { kind: 'option', underlying: 'ETH', quantity: 1, type: 'call', strike: 3000, expiry: 0.25 },
          { kind: 'option', underlying: 'BTC', quantity: 1, type: 'put', strike: 60000, expiry: 0.25 },
        ],
        { target },
      ]),
  },
  // the (subject, market, options) form; the deprecated positional form is checked in test/stress/apiForms.test.ts
  {
    name: 'hedgeEffect',
    names: ['subject', 'market', 'options'],
    numRuns: 20,
    accept: scenarioAccept,
    args: fc
      .tuple(subject, scenarios)
      .map(([[s, m], sc]) => [
        s,
        m,
        { hedgePositions: [{ kind: 'perp', underlying: 'BTC', quantity: -0.5 }], scenarios: sc },
      ]),
  },
];

robustnessSuite(
  'riskcore/stress',
  mod as unknown as Record<string, unknown>,
  specs.map((s) => ({ ...s, skipKeys: userKeyed })),
  // pool rate and liquidity risk (src/stress/poolRisk): specs in stressPoolRisk.test.ts; lending cascades
  // (src/stress/lendingCascade): specs in stressLendingCascade.test.ts; protocol risk: specs in
  // stressProtocolRisk.test.ts and (its shards) stressProtocolRiskShard.test.ts
  [
    'RiskInputError',
    'poolRateRisk',
    'poolRunSchedule',
    'poolShockedPrices',
    'simulateProtocolRisk',
    'recommendCap',
    'recommendParameter', // spec in stressRecommendParameter.test.ts
    'simulateLendingCascade',
    // venue cascades (src/stress/venueCascade): specs in stressVenueCascade.test.ts
    'simulateDydxCascade',
    'simulateDriftCascade',
    'simulateHyperliquidCascade',
    'planProtocolRiskShards',
    'runProtocolRiskShard',
    'combineProtocolRiskShards',
  ],
);
