/** Valid inputs of the two-argument tail-risk forms shared by the var and es robustness suites. */
import fc from 'fast-check';
import { dbl, pnl, returns } from './arbs.js';
import type { Spec } from './harness.js';

const confidence = dbl(0.9, 0.99);

/** `[model, options]` of parametricTailRisk / parametricVaR(model, options). */
export const parametricModel = fc.oneof(
  fc.tuple(
    fc.record({ distribution: fc.constant('normal'), mean: dbl(-100, 100), stdev: dbl(0.1, 1000) }),
    fc.record({ confidence, horizon: dbl(0.1, 10) }),
  ),
  fc.tuple(
    fc.record({
      distribution: fc.constant('student-t'),
      mean: dbl(-100, 100),
      stdev: dbl(0.1, 1000),
      dof: dbl(2.5, 50),
    }),
    fc.record({ confidence }),
  ),
  fc.tuple(
    fc.record({
      distribution: fc.constant('cornish-fisher'),
      mean: dbl(-100, 100),
      stdev: dbl(0.1, 1000),
      skewness: dbl(-0.5, 0.5),
      excessKurtosis: dbl(0, 2),
    }),
    fc.record({ confidence }),
  ),
) as fc.Arbitrary<unknown[]>;

/** `[exposures, factors, options]` of deltaNormalTailRisk on two factors. */
export const factorModel = fc
  .record({
    e: fc.array(dbl(-1e6, 1e6), { minLength: 2, maxLength: 2 }),
    s: fc.array(dbl(0.001, 0.05), { minLength: 2, maxLength: 2 }),
    rho: dbl(-0.9, 0.9),
    confidence,
    horizon: dbl(0.5, 10),
  })
  .map(({ e, s, rho, confidence: c, horizon }) => [
    e,
    {
      covariance: [
        [s[0] * s[0], rho * s[0] * s[1]],
        [rho * s[0] * s[1], s[1] * s[1]],
      ],
      mean: [0.0001, -0.0002],
    },
    { confidence: c, horizon },
  ]) as fc.Arbitrary<unknown[]>;

const relational = (series: string) => (site: string, p: string) =>
  /^1\.(confidence|batches|standardError|model)$/.test(site) && p === series;
const garch = { mu: 0, omega: 1e-6, alpha: 0.08, beta: 0.9 };

/** Specs of the tail-risk forms that riskcore/var and riskcore/es both export (the same functions). */
export const sharedTailRiskSpecs: Spec[] = [
  {
    name: 'ageWeightedTailRisk',
    accept: relational('pnl'),
    args: fc.tuple(pnl(200, 300), fc.record({ confidence, lambda: dbl(0.9, 1) })),
    names: ['pnl', 'options'],
  },
  {
    name: 'filteredHistoricalTailRisk',
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
  { name: 'parametricTailRisk', names: ['model', 'options'], args: parametricModel },
  {
    name: 'monteCarloTailRisk',
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
];
