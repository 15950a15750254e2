import { describe, expect, it } from 'vitest';
import { Money, RiskInputError } from '../../../src/index.js';
import { recommendCap, simulateProtocolRisk } from '../../../src/stress/index.js';
import type { CascadeAccount } from '../../../src/stress/index.js';

const accounts: CascadeAccount[] = Array.from({ length: 6 }, (_, i) => ({
  id: `a${i}`,
  collateral: String(1 + (i % 3)),
  debt: String(1850 * (1 + (i % 3)) + 10 * i),
}));
/** The book with every account scaled by f (all hold ETH): the cap's model, written out independently. */
const scaled = (f: string) =>
  accounts.map((a) => ({
    id: a.id,
    collateral: new Money(String(a.collateral)).mul(f).toString(),
    debt: new Money(String(a.debt)).mul(f).toString(),
  }));
const params = { price: '2500', depth: '300000', penalty: 0.1 };
const market = { assets: { ETH: { vol: 1 } } };
const sim = { paths: 800, steps: 10, dt: 1 / 365 };

describe('recommendCap', () => {
  // A simulated cap can only be told from the next grid step when the budget lies between their ES by more than the
  // Monte Carlo error. On this book ES99 rises ≈ 1,200 per half supply step near the budget while its standard
  // error at 2,000 paths is ≈ 150–250; the budget 2,000 lies between the ES of 2.5× (≈ 1,500–1,600) and 3×
  // (≈ 2,700–2,900) supply, and the test checks that separation on the fresh seed too.
  it('with a 2-SE margin: meets the budget on a fresh seed, and one grid step up does not', () => {
    const budget = 2000;
    const o = { ...sim, paths: 2000, batches: 10 };
    const rec = recommendCap({ accounts, params }, market, {
      ...o,
      seed: 1,
      asset: 'ETH',
      budget,
      step: 0.5,
      maxMultiple: 5,
      errorMultiple: 2,
    });
    expect(rec.current.toString()).toBe('12');
    expect(rec.scale).toBeGreaterThan(0);
    const at1 = rec.esAtCap;
    expect(at1.value + 2 * (at1.stdError ?? Number.NaN)).toBeLessThanOrEqual(budget);
    expect((rec.esAbove?.value ?? 0) + 2 * (rec.esAbove?.stdError ?? 0)).toBeGreaterThan(budget);
    expect(rec.cap.eq(rec.current.mul(String(rec.scale)))).toBe(true);
    // fresh seed: the book scaled to the cap, then one step (0.5 × supply) above
    const fresh = (f: number) =>
      simulateProtocolRisk({ accounts: scaled(String(f)), params }, market, { ...o, seed: 99 }).badDebt.tail[0].es;
    const atFresh = fresh(rec.scale);
    const aboveFresh = fresh(rec.scale + 0.5);
    expect(atFresh.value).toBeLessThanOrEqual(budget);
    expect(aboveFresh.value).toBeGreaterThan(budget);
    expect(budget - atFresh.value).toBeGreaterThan(2 * (atFresh.stdError ?? Number.NaN));
    expect(aboveFresh.value - budget).toBeGreaterThan(2 * (aboveFresh.stdError ?? Number.NaN));
  });

  it('without price impact, bad debt is linear in the book: the cap is ⌊budget / (ES₁·step)⌋ steps', () => {
    const p0 = { price: '2500', penalty: 0.1 };
    const o = { paths: 500, steps: 10, dt: 1 / 365, seed: 4 };
    const wild = { assets: { ETH: { vol: 4 } } }; // daily σ ≈ 21%: gaps past the 20% cushion
    const es1 = simulateProtocolRisk({ accounts, params: p0 }, wild, o).badDebt.tail[0].es.value;
    expect(es1).toBeGreaterThan(0);
    const budget = 7.3 * es1;
    const rec = recommendCap({ accounts, params: p0 }, wild, { ...o, asset: 'ETH', budget, step: 0.1 });
    expect(rec.scale).toBeCloseTo(7.3, 10);
    expect(rec.esAtCap.value).toBeCloseTo(7.3 * es1, 6);
    expect(rec.esAbove?.value).toBeCloseTo(7.4 * es1, 6);
  });

  it('open interest: without impact the cap is linear too, and only perp holders are scaled', () => {
    const perps = [
      { id: 'l', cash: '400', perp: { size: '2', entryPrice: '2500' } },
      { id: 's', cash: '600', perp: { size: '-3', entryPrice: '2500' } },
      { id: 'b', collateral: '1', debt: '1900' }, // a borrower: not scaled by an open-interest cap
    ];
    const p0 = { price: '2500', penalty: 0.05, maintenanceMargin: 0.05 };
    const wild = { assets: { ETH: { vol: 4 } } };
    const o = { paths: 300, steps: 8, dt: 1 / 365, seed: 8 };
    const es = (f: number) => {
      const acc = perps.map((a) =>
        a.perp
          ? {
              ...a,
              cash: new Money(a.cash).mul(f).toString(),
              perp: { ...a.perp, size: new Money(a.perp.size).mul(f).toString() },
            }
          : a,
      );
      return simulateProtocolRisk({ accounts: acc, params: p0 }, wild, o).badDebt.tail[0].es.value;
    };
    // perps only: each path's bad debt is linear in the open interest, so ES(f) = f·ES(1) and the cap is exact
    const onlyPerps = perps.filter((a) => a.perp);
    const e1 = simulateProtocolRisk({ accounts: onlyPerps, params: p0 }, wild, o).badDebt.tail[0].es.value;
    expect(e1).toBeGreaterThan(0);
    const lin = recommendCap({ accounts: onlyPerps, params: p0 }, wild, {
      ...o,
      asset: 'ETH',
      capOn: 'openInterest',
      budget: 4.25 * e1,
      step: 0.5,
    });
    expect(lin.current.toString()).toBe('5');
    expect(lin.capOn).toBe('openInterest');
    expect(lin.scale).toBe(4);
    expect(lin.cap.toString()).toBe('20');
    expect(lin.esAbove?.value).toBeCloseTo(4.5 * e1, 6);
    // with the borrower: the recommendation's ES figures are those of the book with only the perps scaled
    const budget = es(2) + 1;
    const rec = recommendCap({ accounts: perps, params: p0 }, wild, {
      ...o,
      asset: 'ETH',
      capOn: 'openInterest',
      budget,
      step: 0.5,
    });
    expect(rec.esAtCap.value).toBeCloseTo(es(rec.scale), 9);
    expect(rec.esAbove?.value).toBeCloseTo(es(rec.scale + 0.5), 9);
    expect(rec.esAtCap.value).toBeLessThanOrEqual(budget);
    expect(rec.esAbove?.value).toBeGreaterThan(budget);
  });

  it('top of the grid and an infeasible budget', () => {
    const o = { paths: 50, steps: 5, dt: 1 / 365, seed: 2, asset: 'ETH' };
    const top = recommendCap({ accounts, params }, market, { ...o, budget: 1e12, maxMultiple: 2, step: 0.5 });
    expect(top.scale).toBe(2);
    expect(top.esAbove).toBeNull();
    const none = recommendCap({ accounts: [{ id: 'x', debt: '100' }, ...accounts], params }, market, {
      ...o,
      budget: 1,
    });
    expect(none.cap.isZero()).toBe(true);
    expect(none.esAtCap.value).toBeGreaterThan(1); // the account with debt and no collateral alone
  });

  it('refuses bad options by name', () => {
    expect(() =>
      recommendCap({ accounts, params }, market, { ...sim, seed: 1, asset: 'ETH', budget: 1, errorMultiple: 1 }),
    ).toThrow(/options.paths must be at least 2000/);
    const call = (opt: Record<string, unknown>) => () =>
      recommendCap({ accounts, params }, market, { paths: 10, steps: 2, dt: 0.01, seed: 1, ...opt } as never);
    expect(call({ asset: 'BTC', budget: 1 })).toThrow(RiskInputError);
    expect(call({ asset: 'BTC', budget: 1 })).toThrow(/options.asset/);
    expect(call({ asset: 'ETH', budget: -1 })).toThrow(/options.budget/);
    expect(call({ asset: 'ETH', budget: 1, stpe: 0.1 })).toThrow(/options.stpe is not a field; did you mean step/);
    expect(call({ asset: 'ETH', budget: 1, step: 0 })).toThrow(/options.step/);
    expect(call({ asset: 'ETH', budget: 1, capOn: 'borrow' })).toThrow(/options.capOn/);
    expect(call({ asset: 'ETH', budget: 1, capOn: 'openInterest' })).toThrow(
      /options.asset must be an asset the accounts hold perps of/,
    );
  });
});
