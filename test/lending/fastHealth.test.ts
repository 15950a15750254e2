/** fastAccountHealth: the bigint form of the health result, equal to accountHealth (exact) and to the contract ('aave'). */
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import {
  AAVE_V3_ETHEREUM,
  accountHealth,
  fastAccountData,
  fastAccountHealth,
  fastHealthFactor,
  fastMarket,
} from '../../src/lending/index.js';
import { healthInputs } from '../../bench/workloads/health.js';

const prices = {
  WETH: '3012.45',
  wstETH: '3450.1234',
  WBTC: '61234.5',
  USDC: '0.99995',
  DAI: '1.0001',
  USDT: '1',
  UNI: '6.5',
};

describe('fastAccountHealth', () => {
  const inp = healthInputs(200, 5);
  const fm = fastMarket(AAVE_V3_ETHEREUM, prices);
  it('exact: HF, liquidatable and totals (rounded down) equal accountHealth on 200 positions', () => {
    const price = new Money(10).pow(8);
    for (let p = 0; p < inp.n; p++) {
      const account = {
        supplies: fm.assets.map((a, i) => ({ asset: a, amount: inp.supplies[p][i] })),
        borrows: fm.assets.map((a, i) => ({ asset: a, amount: inp.borrows[p][i] })),
      };
      const h = accountHealth(account, AAVE_V3_ETHEREUM, prices);
      const f = fastAccountHealth(inp.supplies[p], inp.borrows[p], fm);
      expect(f.healthFactor === null ? null : f.healthFactor.toString()).toBe(
        h.healthFactor === null ? null : h.healthFactor.mul(1e18).toFixed(0),
      );
      expect(f.liquidatable).toBe(h.liquidatable);
      expect(f.totalCollateral.toString()).toBe(h.totalCollateral.mul(price).floor().toFixed(0));
      expect(f.totalDebt.toString()).toBe(h.totalDebt.mul(price).floor().toFixed(0));
      expect(fastHealthFactor(fm, inp.supplies[p], inp.borrows[p])).toBe(f.healthFactor ?? -1n);
    }
  });
  it("'aave': the contract's account data, liquidatable iff HF < 1e18", () => {
    for (let p = 0; p < inp.n; p++) {
      const a = fastAccountHealth(inp.supplies[p], inp.borrows[p], fm, { rounding: 'aave' });
      const d = fastAccountData(fm, inp.supplies[p], inp.borrows[p]);
      expect([a.totalCollateral, a.totalDebt, a.healthFactor ?? -1n]).toEqual([
        d.totalCollateral,
        d.totalDebt,
        d.healthFactor,
      ]);
      expect(a.liquidatable).toBe(a.healthFactor !== null && a.healthFactor < 10n ** 18n);
    }
  });
  it('no debt: healthFactor null, not liquidatable', () => {
    const zeros = fm.assets.map(() => 0n);
    expect(fastAccountHealth(zeros, zeros, fm)).toEqual({
      healthFactor: null,
      liquidatable: false,
      totalCollateral: 0n,
      totalDebt: 0n,
    });
    expect(fastAccountHealth(zeros, zeros, fm, { rounding: 'aave' }).healthFactor).toBeNull();
  });
});
