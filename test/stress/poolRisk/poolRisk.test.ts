/** poolRateRisk by hand, its integration with the liquidity (ALM) stress and stress scenarios, and its input errors. */
import { describe, expect, it } from 'vitest';
import {
  RiskInputError,
  historicalScenarios,
  liquidityStress,
  poolRateRisk,
  poolRunSchedule,
  poolShockedPrices,
} from '../../../src/stress/index.js';
import type { LendingPool, PoolScenario } from '../../../src/stress/index.js';

const E6 = 10n ** 6n;
const E18 = 10n ** 18n;
const DAY = 86_400n;
const MARKET = {
  name: 'unit market',
  source: 'test',
  priceDecimals: 8,
  reserves: [
    { asset: 'WETH', decimals: 18, ltv: '0.805', liquidationThreshold: '0.83', liquidationBonus: '0.05' },
    { asset: 'USDC', decimals: 6, ltv: '0.77', liquidationThreshold: '0.8', liquidationBonus: '0.045' },
  ],
};
/** Comet curves with a flat 0 rate: balances move only by the scenario's flows. */
const FLAT = {
  protocol: 'comet' as const,
  params: {
    supplyKink: 9n * 10n ** 17n,
    supplyPerYearInterestRateBase: 0n,
    supplyPerYearInterestRateSlopeLow: 0n,
    supplyPerYearInterestRateSlopeHigh: 0n,
    borrowKink: 9n * 10n ** 17n,
    borrowPerYearInterestRateBase: 0n,
    borrowPerYearInterestRateSlopeLow: 0n,
    borrowPerYearInterestRateSlopeHigh: 0n,
  },
};
const pool = (over: Partial<LendingPool> = {}): LendingPool => ({
  asset: 'USDC',
  cash: 100n * E6,
  model: FLAT,
  market: MARKET,
  borrowers: [{ name: 'a', collateral: { WETH: 1n * E18 }, debt: 900n * E6 }],
  ...over,
});
const prices = { WETH: '2500', USDC: '1' };

describe('poolRateRisk by hand', () => {
  it('a run on a flat-rate pool: FIFO queue, waits and locked time', () => {
    const r = poolRateRisk(pool(), {
      name: 'run',
      prices,
      steps: [
        { elapsed: DAY, withdraw: 60n * E6 },
        { elapsed: DAY, withdraw: 80n * E6 },
        { elapsed: 2n * DAY, repayments: [{ borrower: 'a', amount: 30n * E6 }] },
        { elapsed: DAY, deposit: 100n * E6 },
      ],
    });
    expect(r.points.map((p) => [p.served, p.queued, p.cash, p.utilization])).toEqual([
      [60n * E6, 0n, 40n * E6, 957446808510638297n], // 900 / 940
      [40n * E6, 40n * E6, 0n, E18],
      [30n * E6, 10n * E6, 0n, E18],
      [10n * E6, 0n, 90n * E6, 906250000000000000n], // 870 / 960
    ]);
    expect(r.lockout.lots).toEqual([
      { requestedAt: 0n, amount: 60n * E6, servedAt: 0n, wait: 0n },
      { requestedAt: DAY, amount: 80n * E6, servedAt: 4n * DAY, wait: 3n * DAY },
    ]);
    expect(r.lockout.maxWait).toBe(3n * DAY);
    expect(r.lockout.lockedTime).toBe(3n * DAY);
    expect(r.horizon).toBe(5n * DAY);
  });

  it('requests beyond the lenders’ claim are refused, the rest waits to the horizon', () => {
    const r = poolRateRisk(pool(), { name: 'all out', prices, steps: [{ elapsed: DAY, withdraw: 2000n * E6 }] });
    expect(r.points[0].requested).toBe(1000n * E6);
    expect(r.points[0].refused).toBe(1000n * E6);
    expect(r.lockout.unservedAtEnd).toBe(900n * E6);
    expect(r.lockout.lots[0]).toEqual({ requestedAt: 0n, amount: 1000n * E6, servedAt: null, wait: DAY });
  });

  it('a price fall liquidates the borrower and the repaid debt pays the queue', () => {
    const r = poolRateRisk(pool(), {
      name: 'crash',
      prices,
      steps: [
        { elapsed: DAY, withdraw: 300n * E6 },
        { elapsed: DAY, prices: { WETH: '1000', USDC: '1' } },
      ],
    });
    const [liq] = r.points[1].liquidations;
    // HF = 1000·0.83 / 900 < 0.95 and the debt is under 2000 base: the whole debt may be repaid, limited by the
    // collateral: 1000 / 1.05 = 952.38 > 900, so all 900 is repaid for 900·1.05 / 1000 = 0.945 WETH (WETH's bonus)
    expect(liq.debtRepaid).toBe(900n * E6);
    expect(liq.collateralToLiquidator).toBe(945n * 10n ** 15n);
    expect(r.points[1].served).toBe(200n * E6);
    expect(r.points[1].cash).toBe(700n * E6);
    expect(r.points[1].borrowers[0]).toEqual({ name: 'a', debt: 0n, healthFactor: null });
  });

  it('debt grows with the borrow index, rounded up; interest split by the reserve factor', () => {
    const comet = {
      protocol: 'comet' as const,
      params: {
        ...FLAT.params,
        borrowPerYearInterestRateBase: 10n ** 17n,
        supplyPerYearInterestRateBase: 5n * 10n ** 16n,
      },
    };
    const r = poolRateRisk(pool({ model: comet, reserveFactorBps: 2000n }), {
      name: 'a year',
      prices,
      steps: [{ elapsed: 31_536_000n }],
    });
    const p = r.points[0];
    // index 10¹⁵ + ⌊10¹⁵ · ⌊10¹⁷ / 31536000⌋ · 31536000 / 10¹⁸⌋
    const rate = 10n ** 17n / 31_536_000n;
    const index = 10n ** 15n + (10n ** 15n * rate * 31_536_000n) / E18;
    expect(p.borrowIndex).toBe(index);
    const debt = (900n * E6 * index + 10n ** 15n - 1n) / 10n ** 15n;
    expect(p.borrowers[0].debt).toBe(debt);
    expect(p.interest).toBe(debt - 900n * E6);
    expect(p.reserves).toBe(((debt - 900n * E6) * 2000n) / 10_000n);
    expect(p.supply).toBe(p.cash + p.borrows);
  });
});

describe('integration with the liquidity (ALM) stress and stress scenarios', () => {
  it('poolRunSchedule: floor(supply · fraction) per bucket', () => {
    const { steps } = poolRunSchedule([0.1, 0.25, 1 / 3], { supply: 1_000_001n, elapsed: DAY });
    expect(steps).toEqual([
      { elapsed: DAY, withdraw: 100_000n },
      { elapsed: DAY, withdraw: 250_000n },
      { elapsed: DAY, withdraw: 333_333n },
    ]);
    expect(() => poolRunSchedule([0.6, 0.5], { supply: 1n, elapsed: DAY })).toThrow(RiskInputError);
  });

  it('the lenders are first queued in the bucket where liquidityStress first shows a shortfall', () => {
    const runoff = [0.05, 0.1, 0.15, 0.2];
    const cash = 250_000n * E6;
    const debt = 750_000n * E6;
    const alm = liquidityStress({
      buckets: runoff.map((_f, i) => ({ name: `d${i + 1}`, days: i + 1 })),
      assets: [
        { name: 'cash', amount: '250000' },
        { name: 'loans', amount: '750000', liquidityDays: 365 },
      ],
      liabilities: [{ name: 'lenders', amount: '1000000', runoff }],
    });
    const r = poolRateRisk(pool({ cash, borrowers: [{ name: 'a', collateral: { WETH: 1000n * E18 }, debt }] }), {
      name: 'alm run',
      prices,
      ...poolRunSchedule(runoff, { supply: cash + debt, elapsed: DAY }),
    });
    const firstQueued = r.points.findIndex((p) => p.queued > 0n);
    expect(alm.firstShortfallBucket).toBe('d3');
    expect(firstQueued).toBe(2);
    expect(Number(alm.survivalDays) * 86_400).toBe(Number(r.points[firstQueued].start));
    // cumulative gap of the ALM view = −queued of the pool (flat rates, no repayments)
    alm.buckets.forEach((b, i) => {
      const gap = BigInt(b.cumulativeGap.mul(1e6).toFixed(0));
      expect(gap < 0n ? -gap : 0n).toBe(r.points[i].queued);
    });
  });

  it('poolShockedPrices: a historical crisis as a price step', () => {
    const [event] = historicalScenarios().filter((s) => s.moves && Object.hasOwn(s.moves, 'ETH'));
    const move = event.moves?.ETH ?? 0;
    const shocked = poolShockedPrices({ ETH: '2500' }, event).prices.ETH;
    expect(Number(shocked)).toBeCloseTo(2500 * (1 + move), 6);
    const p2 = poolShockedPrices({ WETH: '2500', USDC: '1' }, { name: 'x', moves: { WETH: -0.6 } });
    const r = poolRateRisk(pool(), { name: 'crisis', prices, steps: [{ elapsed: DAY }, { elapsed: DAY, ...p2 }] });
    expect(r.points[1].liquidations).toHaveLength(1);
  });
});

describe('poolShockedPrices', () => {
  it("applies '*' to unnamed assets and rounds down to the decimals", () => {
    const r = poolShockedPrices(
      { WETH: '2500.5', WBTC: '60000', USDC: '1' },
      { name: 'x', moves: { WETH: -1 / 3, '*': 0.001 } },
      { decimals: 2 },
    );
    // 2500.5 · (1 − 0.3333333333333333) = 1667.00000000000008335 → 1667; 60000 · 1.001 = 60060; 1.001 → 1
    expect(r.prices).toEqual({ WETH: '1667', WBTC: '60060', USDC: '1' });
    expect(() => poolShockedPrices({ X: '0.001' }, { name: 'y', moves: { X: -0.9 } }, { decimals: 3 })).toThrow(
      RiskInputError,
    );
  });
});

describe('poolRateRisk input errors', () => {
  const scenario: PoolScenario = { name: 's', prices, steps: [{ elapsed: DAY }] };
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      return (e as RiskInputError).path;
    }
    throw new Error('no error');
  };
  it('names the field', () => {
    expect(err(() => poolRateRisk(pool({ asset: 'DAI' }), scenario))).toBe('pool.asset');
    expect(err(() => poolRateRisk(pool({ cash: -1n }), scenario))).toBe('pool.cash');
    expect(
      err(() => poolRateRisk(pool({ borrowers: [{ name: 'a', collateral: { BTC: 1n }, debt: 0n }] }), scenario)),
    ).toBe('pool.borrowers[0].collateral.BTC');
    expect(
      err(() =>
        poolRateRisk(
          pool({
            borrowers: [
              { name: 'a', collateral: {}, debt: 0n },
              { name: 'a', collateral: {}, debt: 0n },
            ],
          }),
          scenario,
        ),
      ),
    ).toBe('pool.borrowers[1].name');
    expect(
      err(() =>
        poolRateRisk(pool({ model: { protocol: 'comet', params: { ...FLAT.params, borrowKink: -1n } } }), scenario),
      ),
    ).toBe('pool.model.params.borrowKink');
    expect(
      err(() =>
        poolRateRisk(pool(), { ...scenario, steps: [{ elapsed: DAY, repayments: [{ borrower: 'z', amount: 1n }] }] }),
      ),
    ).toBe('scenario.steps[0].repayments[0].borrower');
    expect(err(() => poolRateRisk(pool(), { ...scenario, prices: { WETH: '-1' } }))).toBe('scenario.prices.WETH');
    expect(err(() => poolRateRisk(pool(), scenario, { rounding: 'up' as 'aave' }))).toBe('options.rounding');
  });
});

describe('poolRateRisk index bounds', () => {
  it('a Comet index beyond uint64 is refused at the step that overflows', () => {
    const hot = {
      protocol: 'comet' as const,
      params: {
        supplyKink: 9n * 10n ** 17n,
        supplyPerYearInterestRateBase: 0n,
        supplyPerYearInterestRateSlopeLow: 0n,
        supplyPerYearInterestRateSlopeHigh: 0n,
        borrowKink: 9n * 10n ** 17n,
        borrowPerYearInterestRateBase: 10n ** 19n, // 1000% a year
        borrowPerYearInterestRateSlopeLow: 0n,
        borrowPerYearInterestRateSlopeHigh: 0n,
      },
    };
    const year = { elapsed: 31_536_000n };
    const p: LendingPool = {
      asset: 'USDC',
      cash: 0n,
      model: hot,
      market: MARKET,
      borrowers: [{ name: 'a', collateral: {}, debt: 1n }],
    };
    // 10¹⁵ · 11ⁿ passes 2⁶⁴ ≈ 1.8·10¹⁹ in the fifth year
    const r = poolRateRisk(p, { name: 'ok', prices, steps: [year, year, year] });
    expect(r.points[2].borrowIndex).toBeGreaterThan(10n ** 18n);
    try {
      poolRateRisk(p, { name: 'long', prices, steps: [year, year, year, year, year] });
      expect.unreachable();
    } catch (e) {
      expect((e as RiskInputError).path).toBe('scenario.steps[4].elapsed');
    }
  });
});
