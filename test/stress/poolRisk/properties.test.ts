/**
 * Invariants of poolRateRisk (fast-check, the fixed seed of test/setup.ts): conservation and liquidity at every
 * step, debt that falls only by repayment or liquidation, a lock-out that a larger withdrawal run never shortens,
 * and bit-identical repeat runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolRateRisk } from '../../../src/stress/index.js';
import type { LendingPool, PoolRateRiskResult, PoolScenario, PoolStep } from '../../../src/stress/index.js';

const E6 = 10n ** 6n;
const E18 = 10n ** 18n;
const DAY = 86_400n;
const MARKET = {
  name: 'property market',
  source: 'test',
  priceDecimals: 8,
  reserves: [
    {
      asset: 'WETH',
      decimals: 18,
      ltv: '0.805',
      liquidationThreshold: '0.83',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.1',
    },
    {
      asset: 'WBTC',
      decimals: 8,
      ltv: '0.73',
      liquidationThreshold: '0.78',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.1',
    },
    {
      asset: 'USDC',
      decimals: 6,
      ltv: '0.77',
      liquidationThreshold: '0.8',
      liquidationBonus: '0.045',
      liquidationProtocolFee: '0.1',
    },
  ],
};
const MODELS: LendingPool['model'][] = [
  {
    protocol: 'comet',
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
  },
  {
    protocol: 'aave',
    params: {
      optimalUsageRatio: 9000n,
      baseVariableBorrowRate: 0n,
      variableRateSlope1: 550n,
      variableRateSlope2: 6000n,
      reserveFactor: 1000n,
    },
  },
  { protocol: 'morpho', fee: 10n ** 17n },
  {
    protocol: 'eulerLinearKink',
    interestFee: 1000n,
    params: { baseRate: 0n, slope1: 1406417851n, slope2: 19050045013n, kink: 3865470566n },
  },
];
const NAMES = ['a', 'b', 'c'];

const usd = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) * E6 });
const borrowerArb = (name: string) =>
  fc.record({
    name: fc.constant(name),
    collateral: fc.record({ WETH: fc.bigInt({ min: 0n, max: 500n * E18 }) }),
    debt: usd(400_000),
  });
const poolArb = fc.record({
  asset: fc.constant('USDC'),
  cash: usd(500_000),
  model: fc.constantFrom(...MODELS),
  reserveFactorBps: fc.bigInt({ min: 0n, max: 3000n }),
  market: fc.constant(MARKET),
  borrowers: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...NAMES.slice(0, n).map(borrowerArb))),
});
const stepArb = (n: number) =>
  fc.record(
    {
      elapsed: fc.bigInt({ min: 0n, max: 30n * DAY }),
      withdraw: usd(300_000),
      deposit: usd(50_000),
      repayments: fc.array(fc.record({ borrower: fc.constantFrom(...NAMES.slice(0, n)), amount: usd(100_000) }), {
        maxLength: 2,
      }),
      borrowings: fc.array(fc.record({ borrower: fc.constantFrom(...NAMES.slice(0, n)), amount: usd(200_000) }), {
        maxLength: 2,
      }),
      prices: fc.record({ WETH: fc.integer({ min: 200, max: 4000 }).map(String), USDC: fc.constant('1') }),
    },
    { requiredKeys: ['elapsed'] },
  );
const caseArb = poolArb.chain((pool) =>
  fc.record({
    pool: fc.constant(pool as unknown as LendingPool),
    scenario: fc.record({
      name: fc.constant('random'),
      prices: fc.constant({ WETH: '2500', USDC: '1' }),
      steps: fc.array(stepArb(pool.borrowers.length), { minLength: 1, maxLength: 8 }),
    }),
  }),
);

const sum = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);

describe('poolRateRisk properties', () => {
  it('supply = lenderClaim + reserves = borrows + cash and cash only from inflows, at every step', () => {
    let liquidations = 0;
    let queuedSteps = 0;
    fc.assert(
      fc.property(caseArb, ({ pool, scenario }) => {
        const r = poolRateRisk(pool, scenario as PoolScenario);
        let cash = pool.cash;
        for (const p of r.points) {
          expect(p.supply).toBe(p.borrows + p.cash);
          expect(p.lenderClaim + p.reserves).toBe(p.supply);
          expect(p.borrows).toBe(sum(p.borrowers.map((b) => b.debt)));
          const inflow = p.repaid + p.deposited + sum(p.liquidations.map((l) => l.debtRepaid));
          // nothing is paid out beyond the liquidity there is: cash never negative, the change is exactly flows
          expect(p.served).toBeLessThanOrEqual(cash + inflow);
          expect(p.borrowed).toBeLessThanOrEqual(cash + inflow - p.served);
          expect(p.cash).toBe(cash + inflow - p.served - p.borrowed);
          expect(p.cash >= 0n && p.queued >= 0n && p.lenderClaim >= 0n && p.reserves >= 0n).toBe(true);
          if (p.queued > 0n) expect(p.cash).toBe(0n);
          cash = p.cash;
          liquidations += p.liquidations.length;
          if (p.queued > 0n) queuedSteps++;
        }
      }),
    );
    // the random cases reach both liquidations and a queue
    expect(liquidations).toBeGreaterThan(20);
    expect(queuedSteps).toBeGreaterThan(20);
  });

  it('a debt falls only by repayment or liquidation, and rises only by interest or borrowing', () => {
    fc.assert(
      fc.property(caseArb, ({ pool, scenario }) => {
        const r = poolRateRisk(pool, scenario as PoolScenario);
        let prev = pool.borrowers.map((b) => b.debt);
        r.points.forEach((p, i) => {
          const step = scenario.steps[i] as PoolStep;
          p.borrowers.forEach((b, j) => {
            const repaid = sum((step.repayments ?? []).filter((x) => x.borrower === b.name).map((x) => x.amount));
            const liq = p.liquidations.filter((l) => l.borrower === b.name);
            const out = repaid + sum(liq.map((l) => l.debtRepaid + l.badDebt));
            const borrowedNow = (step.borrowings ?? []).some((x) => x.borrower === b.name);
            expect(b.debt + out).toBeGreaterThanOrEqual(prev[j]);
            if (out === 0n) expect(b.debt).toBeGreaterThanOrEqual(prev[j]);
            // without borrowing, repayment or liquidation, a debt grows by its interest only
            if (!borrowedNow && out === 0n) expect(b.debt - prev[j]).toBeLessThanOrEqual(p.interest);
          });
          prev = p.borrowers.map((b) => b.debt);
        });
      }),
    );
  });

  it('a larger withdrawal run never shortens the lock-out (no liquidations, uncapped repayments)', () => {
    const runArb = poolArb.chain((pool) =>
      fc.record({
        pool: fc.constant(pool as unknown as LendingPool),
        steps: fc.array(
          fc.record({
            elapsed: fc.bigInt({ min: 0n, max: 30n * DAY }),
            withdraw: usd(150_000),
            extra: usd(150_000),
            deposit: usd(50_000),
            repay: usd(20_000),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      }),
    );
    let compared = 0;
    fc.assert(
      fc.property(runArb, ({ pool, steps }) => {
        const who = pool.borrowers[0];
        // repayments never exceed the starting debt, so the debt's growth never caps them
        let left = who.debt;
        const repays = steps.map((s) => {
          const a = s.repay < left ? s.repay : left;
          left -= a;
          return a;
        });
        const make = (bigger: boolean): PoolScenario => ({
          name: bigger ? 'larger run' : 'run',
          prices: { WETH: '2500', USDC: '1' },
          steps: steps.map((s, i) => ({
            elapsed: s.elapsed,
            withdraw: bigger ? s.withdraw + s.extra : s.withdraw,
            deposit: s.deposit,
            repayments: [{ borrower: who.name, amount: repays[i] }],
          })),
        });
        const calm = (r: PoolRateRiskResult) => r.points.every((p) => p.liquidations.length === 0 && p.refused === 0n);
        const small = poolRateRisk(pool, make(false));
        const large = poolRateRisk(pool, make(true));
        fc.pre(calm(small) && calm(large));
        compared++;
        expect(large.lockout.maxWait).toBeGreaterThanOrEqual(small.lockout.maxWait);
        expect(large.lockout.lockedTime).toBeGreaterThanOrEqual(small.lockout.lockedTime);
        expect(large.lockout.unservedAtEnd).toBeGreaterThanOrEqual(small.lockout.unservedAtEnd);
        large.points.forEach((p, i) => expect(p.queued).toBeGreaterThanOrEqual(small.points[i].queued));
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('same inputs, same bits', () => {
    fc.assert(
      fc.property(caseArb, ({ pool, scenario }) => {
        expect(poolRateRisk(pool, scenario as PoolScenario)).toEqual(poolRateRisk(pool, scenario as PoolScenario));
      }),
      { numRuns: 30 },
    );
  });
});
