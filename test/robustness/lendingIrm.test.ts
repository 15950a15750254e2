/**
 * Robustness of the EVM fixed-point kit and the interest-rate models of `riskcore/lending` (src/lending/evm,
 * src/lending/irm). The module object passed to the suite holds exactly these exports; the rest of riskcore/lending
 * is covered by lending.test.ts.
 */
import fc from 'fast-check';
import * as mod from '../../src/lending/index.js';
import { robustnessSuite } from './suite.js';
import type { Spec } from './harness.js';
import { LENDING_IRM_EXPORTS as NAMES } from './lendingIrmNames.js';

const mine = Object.fromEntries(NAMES.map((n) => [n, (mod as Record<string, unknown>)[n]]));

const WAD = 10n ** 18n;
const RAY = 10n ** 27n;
const amount = fc.bigInt({ min: 0n, max: 10n ** 30n });
const pos = fc.bigInt({ min: 1n, max: 10n ** 30n });
const rounding = fc.constantFrom(
  {},
  { rounding: 'down' as const },
  { rounding: 'up' as const },
  { rounding: 'halfUp' as const },
);
const elapsed = fc.bigInt({ min: 0n, max: 10n * 31_536_000n });

const scaled = (name: string): Spec => ({ name, names: ['a', 'b', 'opts'], args: fc.tuple(amount, pos, rounding) });

const aaveParams = fc.record({
  optimalUsageRatio: fc.bigInt({ min: 100n, max: 9900n }),
  baseVariableBorrowRate: fc.bigInt({ min: 0n, max: 2000n }),
  variableRateSlope1: fc.bigInt({ min: 0n, max: 2000n }),
  variableRateSlope2: fc.bigInt({ min: 2000n, max: 60_000n }),
  reserveFactor: fc.bigInt({ min: 0n, max: 10_000n }),
});
const cometParams = fc.record({
  supplyKink: fc.bigInt({ min: 0n, max: WAD }),
  supplyPerYearInterestRateBase: fc.bigInt({ min: 0n, max: 10n ** 17n }),
  supplyPerYearInterestRateSlopeLow: fc.bigInt({ min: 0n, max: 10n ** 17n }),
  supplyPerYearInterestRateSlopeHigh: fc.bigInt({ min: 0n, max: 10n ** 18n }),
  borrowKink: fc.bigInt({ min: 0n, max: WAD }),
  borrowPerYearInterestRateBase: fc.bigInt({ min: 0n, max: 10n ** 17n }),
  borrowPerYearInterestRateSlopeLow: fc.bigInt({ min: 0n, max: 10n ** 17n }),
  borrowPerYearInterestRateSlopeHigh: fc.bigInt({ min: 0n, max: 10n ** 18n }),
});
const cometTotals = fc.record({
  baseSupplyIndex: fc.bigInt({ min: 10n ** 15n, max: 2n * 10n ** 15n }),
  baseBorrowIndex: fc.bigInt({ min: 10n ** 15n, max: 2n * 10n ** 15n }),
  totalSupplyBase: fc.bigInt({ min: 10n ** 6n, max: 10n ** 24n }),
  totalBorrowBase: fc.bigInt({ min: 0n, max: 10n ** 6n }),
});
const eulerParams = fc.record({
  baseRate: fc.bigInt({ min: 0n, max: 10n ** 18n }),
  slope1: fc.bigInt({ min: 0n, max: 10n ** 10n }),
  slope2: fc.bigInt({ min: 0n, max: 10n ** 11n }),
  kink: fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
});
const step = fc.record({
  elapsed: fc.bigInt({ min: 0n, max: 86_400n }),
  utilization: fc.bigInt({ min: 0n, max: WAD }),
});
const model = fc.oneof(
  aaveParams.map((params) => ({ protocol: 'aave' as const, params })),
  cometParams.map((params) => ({ protocol: 'comet' as const, params })),
  fc.constant({ protocol: 'morpho' as const, fee: 10n ** 17n }),
  eulerParams.map((params) => ({ protocol: 'eulerLinearKink' as const, params, interestFee: 1000n })),
);

const specs: Spec[] = [
  {
    name: 'mulDiv',
    names: ['x', 'y', 'd', 'opts'],
    args: fc.tuple(
      amount,
      amount,
      pos,
      fc.constantFrom({}, { rounding: 'up' as const, intermediate: 'uint512' as const }),
    ),
  },
  scaled('wadMul'),
  scaled('wadDiv'),
  scaled('rayMul'),
  scaled('rayDiv'),
  scaled('percentMul'),
  scaled('percentDiv'),
  scaled('ppmMul'),
  scaled('ppmDiv'),
  { name: 'wadToRay', names: ['a'], args: fc.tuple(amount) },
  { name: 'rayToWad', names: ['a'], args: fc.tuple(amount) },
  { name: 'wTaylorCompounded', names: ['x', 'n'], args: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 11n }), elapsed) },
  {
    name: 'rpow',
    names: ['x', 'n', 'opts'],
    args: fc.tuple(fc.bigInt({ min: RAY, max: RAY + 10n ** 20n }), elapsed, fc.constantFrom({}, { scale: RAY })),
  },
  {
    name: 'aaveRates',
    names: ['input', 'params'],
    args: fc.tuple(
      fc.record(
        { totalDebt: amount, virtualUnderlyingBalance: amount, unbacked: amount },
        { requiredKeys: ['totalDebt', 'virtualUnderlyingBalance'] },
      ),
      aaveParams,
    ),
  },
  {
    name: 'aaveAccrue',
    names: ['reserve', 'context'],
    args: fc.tuple(
      fc.record({
        liquidityIndex: fc.bigInt({ min: RAY, max: 2n * RAY }),
        variableBorrowIndex: fc.bigInt({ min: RAY, max: 2n * RAY }),
        liquidityRate: fc.bigInt({ min: 0n, max: RAY }),
        variableBorrowRate: fc.bigInt({ min: 0n, max: RAY }),
        scaledVariableDebt: amount,
        reserveFactor: fc.bigInt({ min: 0n, max: 10_000n }),
      }),
      fc.record({ elapsed }),
    ),
  },
  { name: 'aaveLinearInterest', names: ['rate', 'elapsed'], args: fc.tuple(fc.bigInt({ min: 0n, max: RAY }), elapsed) },
  {
    name: 'aaveCompoundedInterest',
    names: ['rate', 'elapsed'],
    args: fc.tuple(fc.bigInt({ min: 0n, max: RAY }), elapsed),
  },
  { name: 'cometRates', names: ['totals', 'params'], args: fc.tuple(cometTotals, cometParams) },
  {
    name: 'cometAccrue',
    names: ['totals', 'context'],
    args: fc.tuple(cometTotals, fc.record({ params: cometParams, elapsed: fc.bigInt({ min: 0n, max: 86_400n }) })),
  },
  {
    name: 'morphoAdaptiveRate',
    names: ['market', 'context'],
    args: fc.tuple(
      fc.record({ totalSupplyAssets: amount, totalBorrowAssets: amount }),
      fc.record({ rateAtTarget: fc.bigInt({ min: 0n, max: 63419583967n }), elapsed }),
    ),
  },
  {
    name: 'morphoAccrue',
    names: ['market', 'context'],
    args: fc.tuple(
      fc.record({
        totalSupplyAssets: amount,
        totalSupplyShares: amount,
        totalBorrowAssets: amount,
        fee: fc.bigInt({ min: 0n, max: WAD / 4n }),
      }),
      fc.record({ borrowRate: fc.bigInt({ min: 0n, max: 10n ** 11n }), elapsed }),
    ),
  },
  {
    name: 'eulerLinearKinkRate',
    names: ['balances', 'params'],
    args: fc.tuple(fc.record({ cash: amount, borrows: amount }), eulerParams),
  },
  {
    name: 'eulerAccrue',
    names: ['vault', 'context'],
    args: fc.tuple(
      fc.record({
        interestAccumulator: fc.bigInt({ min: RAY, max: 2n * RAY }),
        totalBorrows: amount.map((x) => x << 31n),
        totalShares: amount,
        cash: amount,
        accumulatedFees: amount,
      }),
      fc.record({
        interestRate: fc.bigInt({ min: 0n, max: 10n ** 19n }),
        interestFee: fc.bigInt({ min: 0n, max: 10_000n }),
        elapsed,
      }),
    ),
  },
  {
    name: 'eulerAdaptiveRate',
    names: ['balances', 'context'],
    args: fc.tuple(
      fc.record({ cash: amount, borrows: amount }),
      fc.record(
        {
          params: fc.constant({
            targetUtilization: 9n * 10n ** 17n,
            initialRateAtTarget: 1267549540n,
            minRateAtTarget: 31688738n,
            maxRateAtTarget: 63377489203n,
            curveSteepness: 4n * WAD,
            adjustmentSpeed: 1584438702763n,
          }),
          state: fc.record({
            rateAtTarget: fc.bigInt({ min: 31688738n, max: 63377489203n }),
            lastUtilization: fc.bigInt({ min: 0n, max: WAD }),
          }),
          elapsed,
        },
        { requiredKeys: ['params', 'elapsed'] },
      ),
    ),
  },
  {
    name: 'irmRatePath',
    names: ['steps', 'model'],
    args: fc.tuple(fc.array(step, { minLength: 1, maxLength: 4 }), model),
  },
];

robustnessSuite('riskcore/lending EVM kit and interest-rate models', mine, specs);
