/**
 * Properties of the interest-rate models (fast-check, fixed seed): rates monotone in utilization; rates independent of
 * how a period is split into accruals; indices of one accrual over n seconds against n one-second accruals — not
 * equal in any of the four protocols (Aave's linear supply index and three-term borrow expansion, Comet's simple
 * interest per accrual, Morpho's three-term Taylor growth and trapezoid rate average, Euler's per-step rpow rounding),
 * and bounded here by the compounding term plus a few wei of rounding per step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MORPHO_ADAPTIVE_CURVE,
  RAY,
  WAD,
  aaveRates,
  cometRates,
  eulerAdaptiveRate,
  eulerLinearKinkRate,
  irmRatePath,
  morphoAdaptiveRate,
  type IrmModel,
} from '../../../src/lending/index.js';

const SEED = 20261207;
const u = fc.bigInt({ min: 0n, max: WAD });
const aaveParams = fc
  .record({
    opt: fc.bigInt({ min: 100n, max: 9900n }),
    s1: fc.bigInt({ min: 0n, max: 30_000n }),
    rf: fc.bigInt({ min: 0n, max: 10_000n }),
  })
  .chain(({ opt, s1, rf }) =>
    fc
      .record({ s2: fc.bigInt({ min: s1, max: 60_000n }), base: fc.bigInt({ min: 0n, max: 10_000n }) })
      .map(({ s2, base }) => ({
        optimalUsageRatio: opt,
        baseVariableBorrowRate: base,
        variableRateSlope1: s1,
        variableRateSlope2: s2,
        reserveFactor: rf,
      })),
  );
const yearly = (max: bigint) => fc.bigInt({ min: 0n, max });
const cometParams = fc
  .tuple(
    u,
    u,
    yearly(5n * 10n ** 16n),
    yearly(3n * 10n ** 17n),
    yearly(5n * WAD),
    yearly(5n * 10n ** 16n),
    yearly(3n * 10n ** 17n),
    yearly(5n * WAD),
  )
  .map(([sk, bk, sb, sl, sh, bb, bl, bh]) => ({
    supplyKink: sk,
    supplyPerYearInterestRateBase: sb,
    supplyPerYearInterestRateSlopeLow: sl,
    supplyPerYearInterestRateSlopeHigh: sh,
    borrowKink: bk,
    borrowPerYearInterestRateBase: bb,
    borrowPerYearInterestRateSlopeLow: bl,
    borrowPerYearInterestRateSlopeHigh: bh,
  }));
const eulerParams = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 10n ** 18n }),
    fc.bigInt({ min: 0n, max: 2n * 10n ** 10n }),
    fc.bigInt({ min: 0n, max: 2n * 10n ** 11n }),
    fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
  )
  .map(([baseRate, slope1, slope2, kink]) => ({ baseRate, slope1, slope2, kink }));
const sorted = fc.tuple(u, u).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
const opts = { seed: SEED, numRuns: 200 };

describe('rates are monotone in utilization', () => {
  it('Aave v3: borrow and liquidity rates', () => {
    fc.assert(
      fc.property(aaveParams, sorted, (p, [a, b]) => {
        const at = (x: bigint) => aaveRates({ totalDebt: x, virtualUnderlyingBalance: WAD - x }, p);
        expect(at(a).variableBorrowRate <= at(b).variableBorrowRate).toBe(true);
        expect(at(a).liquidityRate <= at(b).liquidityRate).toBe(true);
      }),
      opts,
    );
  });
  it('Compound III: supply and borrow curves', () => {
    fc.assert(
      fc.property(cometParams, sorted, (p, [a, b]) => {
        const at = (x: bigint) =>
          cometRates(
            { baseSupplyIndex: 10n ** 15n, baseBorrowIndex: 10n ** 15n, totalSupplyBase: WAD, totalBorrowBase: x },
            p,
          );
        expect(at(a).borrowRate <= at(b).borrowRate && at(a).supplyRate <= at(b).supplyRate).toBe(true);
      }),
      opts,
    );
  });
  it('Morpho AdaptiveCurveIrm: average rate and end rate at target, for any stored rate and time', () => {
    const C = MORPHO_ADAPTIVE_CURVE;
    const rat = fc.bigInt({ min: C.minRateAtTarget, max: C.maxRateAtTarget });
    fc.assert(
      fc.property(rat, fc.bigInt({ min: 0n, max: 10n * 31_536_000n }), sorted, (r, el, [a, b]) => {
        const at = (x: bigint) =>
          morphoAdaptiveRate({ totalSupplyAssets: WAD, totalBorrowAssets: x }, { rateAtTarget: r, elapsed: el });
        expect(at(a).avgBorrowRate <= at(b).avgBorrowRate && at(a).endRateAtTarget <= at(b).endRateAtTarget).toBe(true);
      }),
      opts,
    );
  });
  it('Euler IRMLinearKink', () => {
    fc.assert(
      fc.property(eulerParams, sorted, (p, [a, b]) => {
        const at = (x: bigint) => eulerLinearKinkRate({ cash: WAD - x, borrows: x }, p).interestRate;
        expect(at(a) <= at(b)).toBe(true);
      }),
      opts,
    );
  });
});

describe("Euler's adaptive curve is Morpho's curve", () => {
  it('with Morpho constants and no elapsed time: the same rate (×10⁹, ray) at any utilization and rate at target', () => {
    const C = MORPHO_ADAPTIVE_CURVE;
    const params = {
      targetUtilization: C.targetUtilization,
      initialRateAtTarget: C.initialRateAtTarget,
      minRateAtTarget: C.minRateAtTarget,
      maxRateAtTarget: C.maxRateAtTarget,
      curveSteepness: C.curveSteepness,
      adjustmentSpeed: C.adjustmentSpeed,
    };
    const rat = fc.bigInt({ min: C.minRateAtTarget, max: C.maxRateAtTarget });
    fc.assert(
      fc.property(rat, u, u, (r, x, last) => {
        const e = eulerAdaptiveRate(
          { cash: WAD - x, borrows: x },
          { params, state: { rateAtTarget: r, lastUtilization: last }, elapsed: 0n },
        );
        const m = morphoAdaptiveRate(
          { totalSupplyAssets: WAD, totalBorrowAssets: x },
          { rateAtTarget: r, elapsed: 0n },
        );
        expect(e.interestRate).toBe(m.avgBorrowRate * 10n ** 9n);
      }),
      opts,
    );
  });
});

const model = fc.oneof(
  aaveParams.map((params): IrmModel => ({ protocol: 'aave', params })),
  cometParams.map((params): IrmModel => ({ protocol: 'comet', params })),
  eulerParams.map((params): IrmModel => ({ protocol: 'eulerLinearKink', params, interestFee: 1000n })),
  fc
    .bigInt({ min: 0n, max: WAD / 4n })
    .map((fee): IrmModel => ({ protocol: 'morpho', fee, rateAtTarget: MORPHO_ADAPTIVE_CURVE.initialRateAtTarget })),
);

describe('splitting a period into accruals', () => {
  it('rates do not depend on the split (Aave, Comet, Euler); Morpho at target keeps its rate at target', () => {
    fc.assert(
      fc.property(
        model,
        u,
        fc.bigInt({ min: 1n, max: 31_536_000n }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (m, x, n, f) => {
          const k = BigInt(Math.floor(Number(n) * f));
          const one = irmRatePath([{ elapsed: n, utilization: x }], m).points;
          const two = irmRatePath(
            [
              { elapsed: k, utilization: x },
              { elapsed: n - k, utilization: x },
            ],
            m,
          ).points;
          if (m.protocol === 'morpho') {
            const t = MORPHO_ADAPTIVE_CURVE.targetUtilization;
            const at = irmRatePath(
              [
                { elapsed: 0n, utilization: t },
                { elapsed: n, utilization: t },
              ],
              m,
            ).points;
            expect(at[1].rateAtTarget).toBe(MORPHO_ADAPTIVE_CURVE.initialRateAtTarget);
          } else {
            expect(two[0].borrowRate).toBe(one[0].borrowRate);
            expect(two[1].supplyRate).toBe(one[0].supplyRate);
          }
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('one accrual of n seconds vs n one-second accruals: within the compounding term and a few wei a step', () => {
    const one = (m: IrmModel): bigint => (m.protocol === 'comet' ? 10n ** 15n : m.protocol === 'morpho' ? WAD : RAY);
    fc.assert(
      fc.property(model, u, fc.integer({ min: 1, max: 300 }), (m, ux, n) => {
        // Morpho's rate itself depends on the split (the rate at target adapts per call): compared at target, where
        // it does not, so only the accrual differs
        const x = m.protocol === 'morpho' ? MORPHO_ADAPTIVE_CURVE.targetUtilization : ux;
        const single = irmRatePath([{ elapsed: BigInt(n), utilization: x }], m).points[0];
        const steps = Array.from({ length: n }, () => ({ elapsed: 1n, utilization: x }));
        const many = irmRatePath(steps, m).points[n - 1];
        const unit = one(m);
        for (const key of ['borrowIndex', 'supplyIndex'] as const) {
          // growth of the borrow index over the period, in index units: the compounding of the borrow side also
          // enters the supply index of Euler and Morpho (supply growth = borrow growth · u · (1 − fee))
          const gb = single.borrowIndex - unit;
          const gs = single.supplyIndex - unit;
          const g = gb > gs ? gb : gs;
          const d = many[key] > single[key] ? many[key] - single[key] : single[key] - many[key];
          // compounding gains at most g²/unit (g ≪ unit here); the floors of a step (up to three) lose at most 4 wei
          expect(d <= (g * g) / unit + 4n * BigInt(n) + 4n).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('the difference is real: Comet at 10%/year over an hour compounds in 1-second accruals', () => {
    const params = {
      supplyKink: WAD,
      supplyPerYearInterestRateBase: 0n,
      supplyPerYearInterestRateSlopeLow: 0n,
      supplyPerYearInterestRateSlopeHigh: 0n,
      borrowKink: WAD,
      borrowPerYearInterestRateBase: 10n ** 17n,
      borrowPerYearInterestRateSlopeLow: 0n,
      borrowPerYearInterestRateSlopeHigh: 0n,
    };
    const m: IrmModel = { protocol: 'comet', params };
    const single = irmRatePath([{ elapsed: 3600n, utilization: 0n }], m).points[0].borrowIndex;
    const many = irmRatePath(
      Array.from({ length: 3600 }, () => ({ elapsed: 1n, utilization: 0n })),
      m,
    ).points[3599].borrowIndex;
    // simple interest: 10¹⁵ + ⌊10¹⁵·3170979198·3600/10¹⁸⌋; per-second steps lose the sub-wei part of each step
    expect(single).toBe(10n ** 15n + (10n ** 15n * 3170979198n * 3600n) / WAD);
    expect(many).not.toBe(single);
  });
});
