/**
 * The protocols' own interest-rate tests, reproduced on the library's functions. Cases (inputs, expected values and
 * tolerances as each test states them) were read from the test sources by test/fixtures/lending/irm/generate.py:
 * Aave RateStrategy.calculateRates.t.sol and MathUtils.t.sol (aave-v3-origin fd1fbd91), Compound
 * test/interest-rate-test.ts (comet d5a30b0a), Morpho AdaptiveCurveIrmTest.sol and ExpLibTest.sol (morpho-blue-irm
 * a1a87fd5), Euler InterestRateLinearKink.t.sol (euler-vault-kit 5b98b420).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MORPHO_ADAPTIVE_CURVE,
  WAD,
  aaveCompoundedInterest,
  aaveLinearInterest,
  aaveRates,
  cometRates,
  eulerLinearKinkRate,
  morphoAccrue,
  morphoAdaptiveRate,
} from '../../../src/lending/index.js';
import { wExp } from '../../../src/lending/irm/morpho.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/lending/irm/protocol.json', import.meta.url), 'utf8'));
function big(v: unknown): any {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map(big);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, big(x)]));
  return v;
}
const F = big(fixture);
/** [name, case] rows for it.each. */
const rows = (cs: any[], name: (c: any, i: number) => string): [string, any][] => cs.map((c, i) => [name(c, i), c]);
/** |got − want| ≤ tol·want / 10¹⁸ (forge's assertApproxEqRel). */
const approxRel = (got: bigint, want: bigint, tol: bigint): boolean => {
  const d = got > want ? got - want : want - got;
  return d * WAD <= tol * want;
};

describe('Aave v3 rate strategy and MathUtils tests', () => {
  it.each(rows(F.aave.rates, (c) => `${c.test} rf=${c.params.reserveFactor}`))('%s', (_n, c: any) => {
    const { unbacked, liquidityAdded, liquidityTaken, totalDebt, virtualUnderlyingBalance } = c.input;
    const r = aaveRates({ totalDebt, virtualUnderlyingBalance, unbacked, liquidityAdded, liquidityTaken }, c.params);
    expect(r.variableBorrowRate).toBe(c.variableBorrowRate);
    expect(r.liquidityRate).toBe(c.liquidityRate);
  });
  it.each(rows(F.aave.math, (c) => c.test))('%s', (_n, c: any) => {
    const f = c.fn === 'linear' ? aaveLinearInterest : aaveCompoundedInterest;
    const got = f(c.rate, c.elapsed);
    if (c.relTol === 0n) expect(got).toBe(c.expected);
    else expect(approxRel(got, c.expected, c.relTol)).toBe(true);
  });
});

describe('Compound III interest-rate-test.ts', () => {
  it.each(rows(F.comet, (c) => c.test))('%s', (_n, c: any) => {
    const r = cometRates(c.totals, c.params);
    expect(r.utilization).toBe(c.utilization);
    const year = 31_536_000n;
    const within = (a: bigint, b: bigint) => (a > b ? a - b : b - a) <= c.precisionWei;
    expect(within(r.supplyRate * year, c.supplyPerYear)).toBe(true);
    expect(within(r.borrowRate * year, c.borrowPerYear)).toBe(true);
    expect([r.supplyRate, r.borrowRate]).toEqual([c.supplyRate, c.borrowRate]);
  });
});

describe('Morpho AdaptiveCurveIrmTest.sol and ExpLibTest.sol', () => {
  const rateCases = F.morpho.cases.filter((c: any) => c.kind === 'rate');
  it.each(rows(rateCases, (c, i) => `${c.test} #${i}`))('%s', (_n, c: any) => {
    const r = morphoAdaptiveRate(
      { totalSupplyAssets: c.supply, totalBorrowAssets: c.borrow },
      { rateAtTarget: c.rateAtTarget, elapsed: c.elapsed },
    );
    if (c.expectedAvg !== undefined) expect(approxRel(r.avgBorrowRate, c.expectedAvg, c.relTol)).toBe(true);
    if (c.expectedEnd !== undefined) expect(approxRel(r.endRateAtTarget, c.expectedEnd, c.relTolEnd ?? 0n)).toBe(true);
  });

  const pings = F.morpho.cases.filter((c: any) => c.kind === 'ping');
  it.each(rows(pings, (c) => c.test))('%s (a borrowRate call and an accrual every minute)', (_n, c: any) => {
    const C = MORPHO_ADAPTIVE_CURVE;
    // the first call, at target utilization, stores the initial rate at target
    let rateAtTarget = morphoAdaptiveRate(
      { totalSupplyAssets: WAD, totalBorrowAssets: C.targetUtilization },
      { rateAtTarget: 0n, elapsed: 0n },
    ).endRateAtTarget;
    expect(rateAtTarget).toBe(C.initialRateAtTarget);
    let market = {
      totalSupplyAssets: WAD,
      totalSupplyShares: 0n,
      totalBorrowAssets: c.initialBorrow as bigint,
      fee: 0n,
    };
    for (let i = 0; i < Number(c.minutes); i++) {
      const { totalSupplyAssets, totalBorrowAssets } = market;
      const r = morphoAdaptiveRate({ totalSupplyAssets, totalBorrowAssets }, { rateAtTarget, elapsed: 60n });
      rateAtTarget = r.endRateAtTarget;
      const a = morphoAccrue(market, { borrowRate: r.avgBorrowRate, elapsed: 60n });
      market = { ...market, totalSupplyAssets: a.totalSupplyAssets, totalBorrowAssets: a.totalBorrowAssets };
    }
    const u = (market.totalBorrowAssets * WAD) / market.totalSupplyAssets;
    expect(approxRel(u, c.expectedUtilization, c.utilizationTol)).toBe(true);
    expect(rateAtTarget >= c.expectedRateAtTarget).toBe(true);
    expect(approxRel(rateAtTarget, c.expectedRateAtTarget, c.rateAtTargetTol)).toBe(true);
    if (c.borrowGrowth !== undefined) {
      const want = ((c.initialBorrow as bigint) * (c.borrowGrowth as bigint)) / WAD;
      expect(approxRel(market.totalBorrowAssets, want, c.borrowTol)).toBe(true);
    }
  });

  it('wExp at its clamps and at zero', () => {
    for (const c of F.morpho.wExp) expect(wExp(c.x)).toBe(c.expected);
  });
});

describe('Euler InterestRateLinearKink.t.sol', () => {
  it.each(rows(F.euler, (c) => c.test))('%s', (_n, c: any) => {
    const r = eulerLinearKinkRate({ cash: c.cash, borrows: c.borrows }, c.params);
    expect(r.interestRate / c.precision).toBe(c.expectedQuotient);
  });
});
