/** Invariants of simulateProtocolRisk on random books (fast-check, the suite's fixed seed). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money } from '../../../src/index.js';
import { simulateProtocolRisk } from '../../../src/stress/index.js';

const account = fc.record({
  collateral: fc.integer({ min: 1, max: 20 }),
  debt: fc.integer({ min: 500, max: 2400 }),
  perp: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
});
const book = fc.array(account, { minLength: 1, maxLength: 6 });
const toAccounts = (xs: Array<{ collateral: number; debt: number; perp?: number }>, k = '1') =>
  xs.map((x, i) => ({
    id: `a${i}`,
    collateral: new Money(x.collateral).mul(k).toString(),
    debt: new Money(x.debt * x.collateral).mul(k).toString(),
    ...(x.perp ? { perp: { size: new Money(x.perp).mul(k).toString(), entryPrice: '2500' } } : {}),
  }));
const market = { assets: { ETH: { vol: 2.5, jumpIntensity: 30, jumpMean: -0.1, jumpVol: 0.1 } } };
const o = { paths: 40, steps: 6, dt: 1 / 365 };

describe('simulateProtocolRisk: invariants', () => {
  it('without impact, scaling every account by k scales each path’s bad debt and notional by k (to 1e-15)', () => {
    fc.assert(
      fc.property(book, fc.integer({ min: 2, max: 9 }), fc.nat(1000), (xs, k, seed) => {
        const params = { price: '2500', penalty: 0.05 };
        const one = simulateProtocolRisk({ accounts: toAccounts(xs), params }, market, { ...o, seed, detail: 40 });
        const big = simulateProtocolRisk({ accounts: toAccounts(xs, String(k)), params }, market, {
          ...o,
          seed,
          detail: 40,
        });
        // exact but for the engine's fixed-decimal rounding in ADL (seen: 3e-20 relative)
        const near = (x: Money, y: Money) => x.minus(y).abs().lte(y.abs().mul('1e-15'));
        one.detail.forEach((d, i) => {
          expect(near(big.detail[i].badDebt, d.badDebt.mul(k))).toBe(true);
          expect(near(big.detail[i].liquidatedNotional, d.liquidatedNotional.mul(k))).toBe(true);
          expect(big.detail[i].liquidated).toEqual(d.liquidated);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('ADL off: the fund does not change bad debt, and a larger fund is exhausted on no more paths', () => {
    fc.assert(
      fc.property(
        book,
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(1000),
        (xs, f, extra, seed) => {
          const run = (fund: number) =>
            simulateProtocolRisk(
              {
                accounts: toAccounts(xs),
                params: { price: '2500', depth: '500000', adl: false, insuranceFund: String(fund) },
              },
              market,
              { ...o, seed },
            );
          const small = run(f);
          const large = run(f + extra);
          expect(large.badDebtByPath).toEqual(small.badDebtByPath);
          expect(large.fund.exhaustionProbability.value).toBeLessThanOrEqual(small.fund.exhaustionProbability.value);
          expect(large.fund.meanDrawn).toBeGreaterThanOrEqual(small.fund.meanDrawn - 1e-9);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('summary: quantiles ordered, ES ≥ VaR, ES99.9 ≥ ES99, probabilities in [0, 1]', () => {
    fc.assert(
      fc.property(book, fc.nat(1000), (xs, seed) => {
        const r = simulateProtocolRisk(
          { accounts: toAccounts(xs), params: { price: '2500', depth: '300000', insuranceFund: '100' } },
          market,
          { ...o, seed },
        );
        const q = r.badDebt.quantiles.map((x) => x.value);
        expect(q).toEqual([...q].sort((a, b) => a - b));
        const [t99, t999] = r.badDebt.tail;
        expect(t99.es.value).toBeGreaterThanOrEqual(t99.var.value);
        expect(t999.es.value).toBeGreaterThanOrEqual(t99.es.value - 1e-9);
        expect(Math.min(...r.badDebtByPath)).toBeGreaterThanOrEqual(0);
        for (const p of [r.fund.exhaustionProbability.value, r.liquidations.probabilityAny.value]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 20 },
    );
  });
});
