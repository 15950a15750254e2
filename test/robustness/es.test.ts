/** Robustness of `riskcore/es`. */
import fc from 'fast-check';
import * as mod from '../../src/es/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, pnl, returns } from './arbs.js';
import type { Spec } from './harness.js';
import { factorModel, sharedTailRiskSpecs } from './tailArbs.js';

// one exposure fewer makes the covariance (or mean) the wrong size, reported there
const wrongSize = (site: string, p: string) => /^0\.\d+$/.test(site) && /^(covariance|mean)/.test(p);

const confidence = dbl(0.9, 0.99);
const relational = (series: string) => (site: string, p: string) =>
  /^1\.(confidence|batches|standardError|model)$/.test(site) && p === series;
const garch = { mu: 0, omega: 1e-6, alpha: 0.08, beta: 0.9 };

const specs: Spec[] = [
  {
    name: 'historicalES',
    accept: relational('pnl'),
    args: fc.tuple(
      pnl(200, 300),
      fc.record({ confidence, method: fc.constantFrom('order-statistic', 'interpolated') }),
    ),
    names: ['pnl', 'options'],
  },
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
    name: 'parametricES',
    names: ['options'],
    args: fc
      .oneof(
        fc.record({
          distribution: fc.constant('normal'),
          mean: dbl(-100, 100),
          stdev: dbl(0.1, 1000),
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
    name: 'ageWeightedES',
    accept: relational('pnl'),
    args: fc.tuple(pnl(200, 300), fc.record({ confidence, lambda: dbl(0.9, 1) })),
    names: ['pnl', 'options'],
  },
  {
    name: 'filteredHistoricalES',
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
    name: 'monteCarloES',
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
  {
    name: 'esContributions',
    names: ['pnlByPosition', 'options'],
    args: fc
      .integer({ min: 200, max: 300 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.array(dbl(-1e4, 1e4), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 3 }),
          fc.record({ confidence }),
        ),
      ),
    // a shorter series than its siblings is reported at the series or the whole set
    accept: (site, p) =>
      (/^0\.\d+(\.\d+)?$/.test(site) && /^pnlByPosition/.test(p)) ||
      (site === '1.confidence' && /^pnlByPosition/.test(p)),
  },
  {
    name: 'acerbiSzekelyTest',
    names: ['pnl', 'varForecasts', 'esForecasts', 'options'],
    numRuns: 20,
    args: fc.integer({ min: 60, max: 120 }).chain((n) =>
      fc
        .tuple(
          fc.array(dbl(-100, 100), { minLength: n, maxLength: n }),
          fc.array(dbl(10, 30), { minLength: n, maxLength: n }),
          fc.constant(null),
          fc.record({
            confidence: dbl(0.95, 0.99),
            simulations: fc.integer({ min: 100, max: 300 }),
            seed: fc.integer({ min: 1, max: 1000 }),
          }),
        )
        .map(([p, v, _e, o]) => [p, v, v.map((x) => x * 1.2), o]),
    ),
    // the three series must have one length: a deleted element may be reported at any of them
    accept: (site, p) => /^[012]\.\d+$/.test(site) && /^(pnl|varForecasts|esForecasts)/.test(p),
  },
  // the tail-risk form of each method: VaR and ES in one result, the subject first
  { name: 'deltaNormalTailRisk', names: ['exposures', 'factors', 'options'], args: factorModel, accept: wrongSize },
  { name: 'deltaNormalES', names: ['exposures', 'factors', 'options'], args: factorModel, accept: wrongSize },
  ...sharedTailRiskSpecs,
];

robustnessSuite('riskcore/es', mod as unknown as Record<string, unknown>, specs, ['RiskInputError']);
