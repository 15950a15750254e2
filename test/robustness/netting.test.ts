/** Robustness of `riskcore/netting`. */
import fc from 'fast-check';
import * as mod from '../../src/netting/index.js';
import { robustnessSuite } from './suite.js';
import { account, dbl, fixedAccount, fixedMarket, fresh, market, returns } from './arbs.js';
import type { Fn, Spec } from './harness.js';

const { DEFAULT_MARGIN_PARAMS, BTC_LINEAR_TIERS } = mod;

const acctMarket = fc.oneof(
  fresh(() => [fixedAccount(), fixedMarket()]),
  fc.tuple(account, market),
);
// an unknown underlying or a missing vol is reported at the position or at the market asset; a market asset's
// fields are checked where a position uses them; a collateral asset without a price at its (missing) price
const bookAccept = (site: string, p: string) =>
  (/underlying$|^\d\.assets(\.\w+(\.(vol|price|mark))?)?$/.test(site) && /underlying|assets/.test(p)) ||
  (/\.asset$/.test(site) && /collateral|prices|asset/.test(p)) ||
  (/(rate|dividendYield)$/.test(site) && /expiry$/.test(p));
// a tier's maintenance rate may not exceed its initial rate: an initial rate of 0 is reported at the maintenance rate
const tierAccept = (site: string, p: string) => /\.initialRate$/.test(site) && /\.maintenanceRate$/.test(p);
const params = fc.constantFrom(undefined, DEFAULT_MARGIN_PARAMS);
// options carrying the margin parameters only when given (an explicit `params: undefined` key is not a field value)
const withParams = (p: unknown, o: Record<string, unknown>) => (p === undefined ? o : { params: p, ...o });
// records keyed by user data rather than input types with fixed fields: a market's and the parameters' per-asset
// maps and the haircut map (any asset name is a valid key, so an added or misspelt key is just another asset)
const userKeyed = (site: string) => /(^|\.)(assets|haircuts)$/.test(site);
const method = fc.constantFrom('portfolio' as const, 'cross' as const, 'standard' as const);
// a margin context is built from a market: the suite calls the function on a fresh context each time
const specs: Spec[] = [
  {
    name: 'validateAccount',
    names: ['account', 'path', 'market'],
    skip: (s) => s === '1',
    accept: bookAccept,
    skipKeys: userKeyed,
    args: acctMarket.map(([a, m]) => [a, 'account', m]),
  },
  {
    name: 'validateAccountBook',
    names: ['account', 'market'],
    accept: bookAccept,
    skipKeys: userKeyed,
    args: acctMarket,
  },
  {
    name: 'deribitGrid',
    names: ['opts'],
    args: fc
      .record({
        buckets: fc.integer({ min: 1, max: 20 }),
        extended: fc.oneof(
          fc.constant(false as const),
          fc.record({ moves: fc.array(dbl(-0.9, 2), { minLength: 1, maxLength: 3 }), weight: dbl(0, 1) }),
        ),
      })
      .map((o) => [o]),
  },
  {
    name: 'spanGrid',
    names: ['opts'],
    args: fc.record({ extremeMultiple: dbl(1, 5), extremeCover: dbl(0, 1) }).map((o) => [o]),
  },
  {
    name: 'marginParams',
    names: ['overrides'],
    args: fc.oneof(
      fresh((): unknown[] => [{}]),
      fresh((): unknown[] => [{ grid: mod.spanGrid(), aggregation: { method: 'correlation', maxCredit: 0.3 } }]),
      fc.record({ mmFactor: dbl(0.1, 1) }).map((o): unknown[] => [o]),
    ),
  },
  {
    name: 'validateMarginParams',
    names: ['params', 'path'],
    skip: (s) => s === '1',
    accept: tierAccept,
    skipKeys: userKeyed,
    args: fresh(() => [structuredClone(DEFAULT_MARGIN_PARAMS), 'params']),
    numRuns: 20,
  },
  {
    name: 'tieredMargin',
    names: ['notional', 'tiers'],
    accept: tierAccept,
    args: fc.tuple(
      dbl(0, 1e9),
      fresh(() => structuredClone(BTC_LINEAR_TIERS.tiers)),
    ),
  },
  {
    name: 'prepareMargin',
    names: ['market', 'params'],
    accept: (s, p) => bookAccept(s, p) || tierAccept(s, p),
    skipKeys: userKeyed,
    args: fc.tuple(fc.oneof(fresh(fixedMarket), market), params),
    call: (fn: Fn, a) => {
      const c = fn(...a) as { params: unknown; market: unknown };
      return { params: c.params, market: c.market };
    },
  },
  {
    name: 'shockVol',
    names: ['vol', 't', 'scan', 'dir'],
    args: fc.tuple(
      dbl(0, 3),
      dbl(0, 3),
      fc
        .constantFrom(
          {
            mode: 'deribit',
            up: 0.5,
            down: 0.25,
            minVolForShockUp: 0.5,
            shortTermVegaPower: 0.3,
            longTermVegaPower: 0.13,
          },
          { mode: 'relative', up: 0.3, down: 0.3 },
          { mode: 'absolute', up: 0.1, down: 0.1 },
        )
        .map((s) => ({ ...s })),
      fc.constantFrom('up', 'down', 'none'),
    ),
  },
  {
    name: 'accountMargin',
    names: ['account', 'market', 'options'],
    accept: bookAccept,
    skipKeys: userKeyed,
    args: fc.tuple(acctMarket, params, method).map(([[a, m], p, me]) => [a, m, withParams(p, { method: me })]),
  },
  {
    name: 'liquidationPrice',
    names: ['account', 'market', 'options'],
    numRuns: 30,
    accept: bookAccept,
    skipKeys: userKeyed,
    args: fc
      .tuple(acctMarket, params, method)
      .map(([[a, m], p, me]) => [
        a,
        m,
        withParams(p, { underlying: 'BTC', method: me, minFactor: 1e-3, maxFactor: 100 }),
      ]),
  },
  {
    name: 'capitalEfficiency',
    names: ['account', 'market', 'options'],
    accept: bookAccept,
    skipKeys: userKeyed,
    args: fc.tuple(acctMarket, params).map(([[a, m], p]) => [a, m, withParams(p, {})]),
  },
  { name: 'netExposures', names: ['account', 'market'], accept: bookAccept, skipKeys: userKeyed, args: acctMarket },
  {
    name: 'dynamicMarginPath',
    names: ['returns', 'options'],
    numRuns: 30,
    args: fc.tuple(
      returns(260, 320),
      fc.record({
        lambda: dbl(0.9, 0.99),
        confidence: dbl(0.95, 0.999),
        liquidationDays: dbl(1, 5),
        oracleLatencyDays: dbl(0, 1),
        warmup: fc.integer({ min: 20, max: 60 }),
        apc: fc.record({
          buffer: fc.record({ fraction: dbl(0, 0.5) }),
          stressedWeight: fc.record({ weight: dbl(0, 1), stressedVol: dbl(0.01, 0.2) }),
          floor: fc.record({ lookback: fc.integer({ min: 10, max: 200 }) }),
          maxDailyIncrease: dbl(0.01, 1),
        }),
      }),
    ),
    // the warm-up and the floor's lookback are bounded by the series length (reported at the series)
    accept: (s, p) => /^1\.(warmup|apc\.floor\.lookback)$/.test(s) && p === 'returns',
  },
  {
    name: 'procyclicality',
    names: ['path', 'from', 'to'],
    args: fc
      .array(dbl(0.01, 1), { minLength: 5, maxLength: 50 })
      .chain((a) => fc.tuple(fc.constant(Float64Array.from(a)), fc.integer({ min: 0, max: 2 }), fc.constant(a.length))),
    // from and to bound each other and the path's length (a shorter path is reported at to)
    accept: (s, p) => (/^[12]$/.test(s) && /^(from|to)$/.test(p)) || (/^0\.\d+$/.test(s) && p === 'to'),
  },
  {
    name: 'withDynamicRange',
    names: ['params', 'underlying', 'fraction'],
    numRuns: 20,
    accept: tierAccept,
    skipKeys: userKeyed,
    args: fc.tuple(
      fresh(() => structuredClone(DEFAULT_MARGIN_PARAMS)),
      fc.constantFrom('BTC', 'ETH'),
      dbl(0.01, 0.9),
    ),
  },
];

// span2Margin has its own suite: test/robustness/nettingSpan2.test.ts
robustnessSuite('riskcore/netting', mod as unknown as Record<string, unknown>, specs, [
  'RiskInputError',
  'span2Margin',
]);
