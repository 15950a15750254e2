/** Valid inputs of the two-argument tail-risk forms shared by the var and es robustness suites. */
import fc from 'fast-check';
import { dbl } from './arbs.js';

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
