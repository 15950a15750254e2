/** Robustness of `riskcore/var`. */
import fc from 'fast-check';
import * as mod from '../../src/var/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, pnl, returns } from './arbs.js';
import { factorModel, sharedTailRiskSpecs } from './tailArbs.js';

// at most 99%: every series below has ≥ 200 observations, so the 1% tail always holds one
const confidence = dbl(0.9, 0.99);
// the minimum series length depends on confidence, batches and window: junk there may be reported at the series
const relational = (series: string) => (site: string, p: string) =>
  /^(1|2)\.(confidence|batches|standardError|window|model)$/.test(site) && p === series;
import type { Fn, Spec } from './harness.js';

const hits = fc.array(fc.oneof(fc.boolean(), fc.constantFrom(0, 1)), { minLength: 50, maxLength: 300 });
const garch = { mu: 0, omega: 1e-6, alpha: 0.08, beta: 0.9 };

const marginSeries = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    margin: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    pnl: fc.array(fc.double({ min: -200, max: 200, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

const specs: Spec[] = [
  {
    name: 'historicalVaR',
    accept: relational('pnl'),
    args: fc.tuple(
      pnl(200, 300),
      fc.record({ confidence, method: fc.constantFrom('order-statistic', 'interpolated') }),
    ),
    names: ['pnl', 'options'],
  },
  {
    name: 'parametricVaR',
    names: ['options'],
    args: fc
      .oneof(
        fc.record({
          distribution: fc.constant('normal'),
          mean: dbl(-100, 100),
          stdev: dbl(0, 1000),
          confidence,
          horizon: dbl(0.1, 10),
        }),
        fc.record({
          distribution: fc.constant('student-t'),
          mean: dbl(-100, 100),
          stdev: dbl(0.1, 1000),
          confidence,
          dof: dbl(2.5, 50),
        }),
        fc.record({
          distribution: fc.constant('cornish-fisher'),
          mean: dbl(-100, 100),
          stdev: dbl(0.1, 1000),
          confidence,
          skewness: dbl(-0.5, 0.5),
          excessKurtosis: dbl(0, 2),
        }),
      )
      .map((o) => [o]),
  },
  {
    name: 'ewmaVolatility',
    args: fc.tuple(returns(), fc.record({ lambda: dbl(0.8, 0.99), initialVariance: dbl(1e-6, 1e-3) })),
    names: ['returns', 'options'],
  },
  {
    name: 'fitGarch11',
    args: fc.tuple(returns(300, 400), fc.record({ initialVariance: fc.constantFrom('presample', 'sample') })),
    names: ['returns', 'options'],
    call: (fn: Fn, a) => {
      const f = fn(...a) as { forecast: (h: number) => number };
      return { f, h1: f.forecast(1), h10: f.forecast(10) };
    },
    numRuns: 20,
  },
  {
    name: 'ageWeightedVaR',
    accept: relational('pnl'),
    args: fc.tuple(pnl(200, 300), fc.record({ confidence, lambda: dbl(0.9, 1) })),
    names: ['pnl', 'options'],
  },
  {
    name: 'filteredHistoricalVaR',
    names: ['returns', 'options'],
    numRuns: 30,
    accept: relational('returns'),
    args: fc.oneof(
      fc.tuple(
        returns(200, 250),
        fc.record({ confidence, model: fc.constant('ewma'), lambda: dbl(0.85, 0.99), exposure: dbl(1, 1e6) }),
      ),
      fc.tuple(
        returns(200, 250),
        fc.record({ confidence, model: fc.constant('garch'), garch: fc.constant(garch), exposure: dbl(1, 1e6) }),
      ),
    ),
  },
  {
    name: 'deltaNormalVaR',
    names: ['options'],
    // one exposure fewer makes the covariance (or mean) the wrong size, reported there
    accept: (site, p) => /^0\.exposures\.\d+$/.test(site) && /^(covariance|mean)/.test(p),
    args: fc
      .record({
        e: fc.array(dbl(-1e6, 1e6), { minLength: 2, maxLength: 2 }),
        s: fc.array(dbl(0.001, 0.05), { minLength: 2, maxLength: 2 }),
        rho: dbl(-0.9, 0.9),
        confidence,
        horizon: dbl(0.5, 10),
      })
      .map(({ e, s, rho, confidence: c, horizon }) => [
        {
          exposures: e,
          covariance: [
            [s[0] * s[0], rho * s[0] * s[1]],
            [rho * s[0] * s[1], s[1] * s[1]],
          ],
          confidence: c,
          mean: [0.0001, -0.0002],
          horizon,
        },
      ]),
  },
  {
    name: 'monteCarloVaR',
    accept: relational('pnl'),
    args: fc.tuple(
      pnl(2000, 2500),
      fc.record({
        confidence,
        standardError: fc.constantFrom('batch-means', 'asymptotic'),
        batches: fc.integer({ min: 5, max: 20 }),
      }),
    ),
    names: ['pnl', 'options'],
  },
  { name: 'kupiecTest', args: fc.tuple(hits, fc.record({ confidence })), names: ['hits', 'options'] },
  { name: 'christoffersenTest', args: fc.tuple(hits, fc.record({ confidence })), names: ['hits', 'options'] },
  {
    name: 'baselTrafficLight',
    args: fc
      .integer({ min: 1, max: 1000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n), fc.record({ confidence }))),
    names: ['exceedances', 'observations', 'options'],
  },
  {
    name: 'rollingBacktest',
    names: ['pnl', 'model', 'options'],
    numRuns: 20,
    accept: relational('pnl'),
    args: fc.tuple(
      pnl(200, 260),
      fc.constantFrom('historical', 'normal', 'ewma'),
      fc.record({ window: fc.integer({ min: 100, max: 120 }), confidence }),
    ),
  },
  // the tail-risk form of each method: VaR and ES in one result, the subject first
  {
    name: 'historicalTailRisk',
    accept: relational('pnl'),
    args: fc.tuple(
      pnl(200, 300),
      fc.record({ confidence, method: fc.constantFrom('order-statistic', 'interpolated') }),
    ),
    names: ['pnl', 'options'],
  },
  {
    name: 'deltaNormalTailRisk',
    names: ['exposures', 'factors', 'options'],
    args: factorModel,
    // one exposure fewer makes the covariance (or mean) the wrong size, reported there
    accept: (site, p) => /^0\.\d+$/.test(site) && /^(covariance|mean)/.test(p),
  },
  ...sharedTailRiskSpecs,
  {
    name: 'marginBacktest',
    names: ['series', 'options'],
    args: marginSeries.chain((s) =>
      fc.tuple(fc.constant(s), fc.record({ coverage: confidence, mpor: fc.integer({ min: 1, max: 5 }) })),
    ),
    // a shorter margin makes pnl the wrong length, reported at pnl
    accept: (site, p) => site.startsWith('0.margin') && p === 'series.pnl',
  },
  {
    name: 'marginBacktestTable',
    names: ['seriesByName', 'options'],
    args: fc.tuple(fc.record({ BTC: marginSeries, ETH: marginSeries }), fc.record({ coverage: confidence })),
    accept: (site, p) => /^0\.(BTC|ETH)\.margin/.test(site) && /^seriesByName\.(BTC|ETH)\.pnl$/.test(p),
    // the series are keyed by user names (accounts, products)
    skipKeys: (site) => site === '0',
  },
];

robustnessSuite('riskcore/var', mod as unknown as Record<string, unknown>, specs, ['RiskInputError']);
