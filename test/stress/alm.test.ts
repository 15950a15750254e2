import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { RiskInputError } from '../../src/index.js';
import { fixedIncomeRisk, fixedRateCashflows, liquidityStress } from '../../src/stress/index.js';
import type { BalanceSheet } from '../../src/stress/index.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

const sheet: BalanceSheet = {
  buckets: [
    { name: 'overnight', days: 1 },
    { name: '1w', days: 7 },
    { name: '1m', days: 30 },
    { name: '3m', days: 90 },
  ],
  assets: [
    { name: 'USDC', amount: '50000000' },
    { name: 'T-bills', amount: '30000000', haircut: 0.02, liquidityDays: 2 },
    { name: 'stETH', amount: '40000000', haircut: 0.15, liquidityDays: 7 },
    { name: 'loans', amount: '80000000', haircut: 0.3, liquidityDays: 60 },
    { name: 'locked', amount: '10000000', liquidityDays: 365 },
  ],
  liabilities: [
    { name: 'retail', amount: '120000000', runoff: [0.1, 0.1, 0.1, 0.1] },
    { name: 'whales', amount: '60000000', runoff: [0.2, 0.3, 0.2] },
  ],
};

describe('liquidityStress', () => {
  it('hand-checked base case', () => {
    const r = liquidityStress(sheet);
    // inflows: overnight 50m; 1w: 30m·0.98 + 40m·0.85 = 29.4m + 34m = 63.4m; 1m: 0; 3m: 80m·0.7 = 56m; locked beyond horizon
    expect(r.buckets.map((b) => b.inflow.toString())).toEqual(['50000000', '63400000', '0', '56000000']);
    // outflows: 12m + 12m = 24m; 12m + 18m = 30m; 12m + 12m = 24m; 12m
    expect(r.buckets.map((b) => b.outflow.toString())).toEqual(['24000000', '30000000', '24000000', '12000000']);
    // cumulative gaps: 26m, 59.4m, 35.4m, 79.4m
    expect(r.buckets.map((b) => b.cumulativeGap.toString())).toEqual(['26000000', '59400000', '35400000', '79400000']);
    expect(r.buckets[0].coverageRatio).toBeCloseTo(50 / 24, 14);
    expect(r.survivalDays).toBeNull();
    expect(r.firstShortfallBucket).toBeNull();
  });

  it('a withdrawal run with doubled haircuts: shortfall and survival horizon', () => {
    const r = liquidityStress(sheet, {
      name: 'bank run',
      runoff: { whales: [0.6, 0.4], '*': [0.3, 0.3, 0.2] },
      haircutMultipliers: { stETH: 2, '*': 1 },
    });
    // outflows: retail 36m + whales 36m = 72m; 36m + 24m = 60m; 24m; 0
    // inflows: 50m; 29.4m + 40m·0.7 = 57.4m; 0; 56m → gaps −22m first
    expect(r.buckets[0].cumulativeGap.toString()).toBe('-22000000');
    expect(r.survivalDays).toBe(0);
    expect(r.firstShortfallBucket).toBe('overnight');
    expect(r.scenario).toBe('bank run');
    const milder = liquidityStress(sheet, {
      name: 'mild',
      runoff: { whales: [0.3, 0.5, 0.2], retail: [0.1, 0.2, 0.3, 0.1] },
    });
    // cum out: 30m, 30m+54m=84m, +48m=132m, +12m=144m; cum in: 50m, 113.4m, 113.4m, 169.4m → short in 1m
    expect(milder.firstShortfallBucket).toBe('1m');
    expect(milder.survivalDays).toBe(7);
  });

  it('exact decimals on 18-decimal amounts', () => {
    const r = liquidityStress({
      buckets: [{ name: 'd', days: 1 }],
      assets: [{ name: 'a', amount: '0.100000000000000001', haircut: 0.1 }],
      liabilities: [{ name: 'l', amount: '0.090000000000000001', runoff: [1] }],
    });
    expect(r.buckets[0].cumulativeGap.toString()).toBe('-0.0000000000000000001');
  });

  it('refuses bad input with named paths', () => {
    expect(() =>
      liquidityStress({
        ...sheet,
        buckets: [
          { name: 'a', days: 5 },
          { name: 'b', days: 2 },
        ],
      }),
    ).toThrow(/sheet.buckets\[1\].days/);
    expect(() => liquidityStress({ ...sheet, liabilities: [{ name: 'x', amount: '1', runoff: [0.7, 0.7] }] })).toThrow(
      /summing to at most 1/,
    );
    expect(() => liquidityStress({ ...sheet, assets: [{ name: 'x', amount: '-1' }] })).toThrow(RiskInputError);
    expect(() => liquidityStress(sheet, { name: 'r', runoff: { whales: [2] } })).toThrow(/run.runoff.whales\[0\]/);
  });
});

describe('fixedIncomeRisk', () => {
  it('closed forms: a zero-coupon bond', () => {
    // P = 100 e^{−0.05·2}; D = 2; C = 4; DV01 = 2·P·1e-4
    const r = fixedIncomeRisk([{ time: 2, amount: 100 }], 0.05);
    const P = 100 * Math.exp(-0.1);
    expect(rel(r.price, P)).toBeLessThan(1e-15);
    expect(r.macaulayDuration).toBe(2);
    expect(r.modifiedDuration).toBe(2);
    expect(rel(r.convexity, 4)).toBeLessThan(1e-15);
    expect(rel(r.dv01, 2 * P * 1e-4)).toBeLessThan(1e-15);
    // periodic: modified = Macaulay / (1 + y/f)
    const q = fixedIncomeRisk([{ time: 3, amount: 100 }], 0.06, 2);
    expect(rel(q.modifiedDuration, 3 / 1.03)).toBeLessThan(1e-14);
    // DV01 against a central finite difference
    const bump = (y: number) =>
      fixedIncomeRisk(fixedRateCashflows({ notional: 1e6, rate: 0.05, maturity: 7.25, frequency: 4 }), y, 4).price;
    const fd = ((bump(0.0401 - 1e-6) - bump(0.0401 + 1e-6)) / 2e-6) * 1e-4;
    expect(
      rel(
        fixedIncomeRisk(fixedRateCashflows({ notional: 1e6, rate: 0.05, maturity: 7.25, frequency: 4 }), 0.0401, 4)
          .dv01,
        fd,
      ),
    ).toBeLessThan(1e-6);
  });

  it('agrees with QuantLib 1.29 CashFlows (fixture)', () => {
    const fx = JSON.parse(
      readFileSync(new URL('../fixtures/stress/quantlib_duration.json', import.meta.url), 'utf8'),
    ) as {
      cases: Array<{
        cashflows: Array<{ time: number; amount: number }>;
        yield: number;
        frequency: number;
        price: number;
        macaulayDuration: number | null;
        modifiedDuration: number;
        convexity: number;
        basisPointValue: number;
      }>;
    };
    expect(fx.cases.length).toBeGreaterThanOrEqual(40);
    let worst = 0;
    for (const c of fx.cases) {
      const r = fixedIncomeRisk(c.cashflows, c.yield, c.frequency);
      worst = Math.max(
        worst,
        rel(r.price, c.price),
        rel(r.modifiedDuration, c.modifiedDuration),
        rel(r.convexity, c.convexity),
      );
      if (c.macaulayDuration !== null) worst = Math.max(worst, rel(r.macaulayDuration, c.macaulayDuration));
      // QuantLib's basisPointValue is the NPV change for +1bp to second order:
      // −D·P·1e-4 + ½·(C/100)·P·1e-8 (CashFlows::basisPointValue); our DV01 is the first-order term with its sign flipped.
      const qlFirstOrder = -(c.basisPointValue - 0.5 * (c.convexity / 100) * c.price * 1e-8);
      worst = Math.max(worst, rel(r.dv01, qlFirstOrder));
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it('fixed-rate cash flows', () => {
    const c = fixedRateCashflows({ notional: 100, rate: 0.06, maturity: 1.25, frequency: 2 });
    // coupons at 0.25 (short first period: 100·0.06·0.25 = 1.5), 0.75 (3) and 1.25 (3 + 100)
    expect(c.map((x) => x.time)).toEqual([0.25, 0.75, 1.25]);
    expect(c.map((x) => +x.amount.toFixed(12))).toEqual([1.5, 3, 103]);
    expect(() => fixedIncomeRisk([], 0.01)).toThrow(/cashflows/);
    expect(() => fixedIncomeRisk([{ time: 1, amount: 1 }], -3, 2)).toThrow(/yieldRate/);
  });
});
