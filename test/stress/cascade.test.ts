import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money, RiskInputError } from '../../src/index.js';
import { simulateLiquidationCascade } from '../../src/stress/index.js';
import type { CascadeAccount, CascadeResult } from '../../src/stress/index.js';

const D = (x: string | number) => new Money(String(x));

/** Exact conservation identities of every round (see src/stress/cascade.ts). */
function checkConservation(accounts: CascadeAccount[], res: CascadeResult, fund0: string) {
  let c0 = D(0);
  let s0 = D(0);
  let b0 = D(0);
  for (const a of accounts) {
    c0 = c0.plus(D(String(a.collateral ?? 0)));
    s0 = s0.plus(D(String(a.perp?.size ?? 0)));
    b0 = b0.plus(D(String(a.cash ?? 0))).minus(D(String(a.debt ?? 0)));
  }
  for (const r of res.rounds) {
    const t = r.totals;
    expect(t.collateral.plus(t.collateralSold).eq(c0)).toBe(true);
    expect(t.size.plus(t.sizeClosed).eq(s0)).toBe(true);
    expect(
      t.balance
        .plus(t.fund)
        .minus(t.deficit)
        .eq(b0.plus(D(fund0)).plus(t.proceeds)),
    ).toBe(true);
    expect(t.fund.eq(D(fund0).plus(t.fees).minus(t.covered))).toBe(true);
    expect(t.badDebt.eq(t.covered.plus(t.adl).plus(t.deficit))).toBe(true);
    expect(t.fund.gte(0)).toBe(true);
  }
  // totals agree with the accounts themselves
  const last = res.rounds[res.rounds.length - 1].totals;
  const bal = res.accounts.reduce((s, a) => s.plus(a.cash).minus(a.debt), D(0));
  const col = res.accounts.reduce((s, a) => s.plus(a.collateral), D(0));
  expect(bal.eq(last.balance)).toBe(true);
  expect(col.eq(last.collateral)).toBe(true);
}

/** A random book of lending accounts (collateral in the asset, quote debt) and long perps. */
const accountArb = fc.oneof(
  fc.record({
    collateral: fc.integer({ min: 1, max: 100_000 }).map((x) => (x / 1000).toString()),
    debt: fc.integer({ min: 0, max: 8_000_000 }).map((x) => (x / 100).toString()),
  }),
  fc.record({
    cash: fc.integer({ min: 1, max: 1_000_000 }).map((x) => (x / 100).toString()),
    perp: fc.record({
      size: fc.integer({ min: 1, max: 50_000 }).map((x) => (x / 1000).toString()),
      entryPrice: fc.integer({ min: 800, max: 1200 }).map(String),
    }),
  }),
) as fc.Arbitrary<CascadeAccount>;

describe('simulateLiquidationCascade', () => {
  it('hand-checked single liquidation, no impact', () => {
    // price 100 → 90. Account: 10 units collateral, debt 760. LT 0.8: 10·90·0.8 = 720 < 760 → liquidated.
    // Sale 10 × 90 = 900 proceeds; net = 900 − 760 = 140; penalty 5% × 900 = 45 → fund; 95 back as cash.
    const res = simulateLiquidationCascade([{ id: 'x', collateral: '10', debt: '760' }], {
      price: '100',
      shock: -0.1,
      liquidationThreshold: 0.8,
      penalty: 0.05,
      rounds: 3,
    });
    expect(res.liquidated).toEqual(['x']);
    expect(res.insuranceFund.eq(45)).toBe(true);
    expect(res.accounts[0].cash.eq(95)).toBe(true);
    expect(res.totalBadDebt.eq(0)).toBe(true);
    expect(res.rounds[0].liquidatedNotional.eq(900)).toBe(true);
  });

  it('bad debt drawn from the fund, then ADL on profitable shorts, then deficit', () => {
    // Long perp 10 @ 100 with cash 50, price → 80: net = 50 + 10·(80 − 100) = −150 → bad debt 150.
    // Fund 100 covers 100; short −2 @ 100 has profit 2·20 = 40 → ADL charges 40 and closes the short (realising
    // +40, debited 40: cash unchanged at 1000); deficit 10.
    const accounts: CascadeAccount[] = [
      { id: 'long', cash: '50', perp: { size: '10', entryPrice: '100' } },
      { id: 'short', cash: '1000', perp: { size: '-2', entryPrice: '100' } },
    ];
    const res = simulateLiquidationCascade(accounts, { price: '100', shock: -0.2, insuranceFund: '100', rounds: 2 });
    expect(res.liquidated).toEqual(['long']);
    expect(res.totalBadDebt.eq(150)).toBe(true);
    expect(res.rounds[0].covered.eq(100)).toBe(true);
    expect(res.rounds[0].adl.eq(40)).toBe(true);
    expect(res.deficit.eq(10)).toBe(true);
    expect(res.accounts[1].cash.eq(1000)).toBe(true);
    expect(res.accounts[1].size.eq(0)).toBe(true);
    checkConservation(accounts, res, '100');
  });

  it('conserves collateral, debt, fund and bad debt exactly in every round (property, with impact and latency)', () => {
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.integer({ min: -30, max: 5 }).map((x) => x / 100),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 10_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 5000 }),
        (accounts, path, depth, latency, fund) => {
          const res = simulateLiquidationCascade(accounts, {
            price: '1000',
            path,
            depth: String(depth),
            oracle: { latency },
            insuranceFund: String(fund),
            rounds: 8,
          });
          checkConservation(accounts, res, String(fund));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with zero impact and zero latency equals a one-round liquidation (independent reference)', () => {
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -60, max: 0 }),
        (accounts, mv) => {
          const shock = mv / 100;
          // ADL off: with it, bad debt in round 0 can close other positions, a second-order effect a one-round
          // liquidation does not have (it is tested on its own above).
          const res = simulateLiquidationCascade(accounts, {
            price: '1000',
            shock,
            rounds: 6,
            liquidationThreshold: 0.8,
            maintenanceMargin: 0.05,
            penalty: 0.05,
            adl: false,
          });
          // reference: who is under water at p1 = 1000·(1 + shock), and the money of each liquidation at p1
          const p1 = D(1000).mul(D(1).plus(String(shock)));
          let bad = D(0);
          let fees = D(0);
          const ids: string[] = [];
          accounts.forEach((a, i) => {
            const c = D(String(a.collateral ?? 0));
            const s = D(String(a.perp?.size ?? 0));
            const e = D(String(a.perp?.entryPrice ?? 0));
            const bal = D(String(a.cash ?? 0)).minus(D(String(a.debt ?? 0)));
            const eq = c
              .mul(p1)
              .plus(bal)
              .plus(s.mul(p1.minus(e)));
            const req = D(0.2).mul(c).mul(p1).plus(D(0.05).mul(s.abs()).mul(p1));
            if (eq.lt(req)) {
              ids.push(String(i));
              if (eq.lt(0)) bad = bad.plus(eq.neg());
              else fees = fees.plus(Money.min(eq, D(0.05).mul(c.plus(s.abs())).mul(p1)));
            }
          });
          expect([...res.liquidated].sort()).toEqual([...ids].sort());
          expect(res.rounds.slice(1).every((r) => r.accountsLiquidated.length === 0)).toBe(true);
          expect(res.totalBadDebt.eq(bad)).toBe(true);
          expect(res.rounds[0].fees.eq(fees)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('deeper books never liquidate more accounts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: -40, max: -1 }),
        fc.integer({ min: 10_000, max: 5_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 2 }),
        (accounts, mv, depth, factor, latency) => {
          const base = { price: '1000', shock: mv / 100, rounds: 10, oracle: { latency } };
          const shallow = simulateLiquidationCascade(accounts, { ...base, depth: String(depth) });
          const deep = simulateLiquidationCascade(accounts, { ...base, depth: String(depth * factor) });
          const none = simulateLiquidationCascade(accounts, { ...base, depth: null });
          expect(deep.liquidated.length).toBeLessThanOrEqual(shallow.liquidated.length);
          expect(none.liquidated.length).toBeLessThanOrEqual(deep.liquidated.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('more oracle latency never gives less bad debt on a falling path (property)', () => {
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.integer({ min: -15, max: 0 }).map((x) => x / 100),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (accounts, path, l1, dl) => {
          const base = { price: '1000', path, rounds: 12 };
          const fast = simulateLiquidationCascade(accounts, { ...base, oracle: { latency: l1 } });
          const slow = simulateLiquidationCascade(accounts, { ...base, oracle: { latency: l1 + dl } });
          expect(slow.totalBadDebt.gte(fast.totalBadDebt)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a stale oracle delays liquidations; a jump liquidates on a bad print', () => {
    const accounts: CascadeAccount[] = [{ id: 'a', collateral: '1', debt: '700' }];
    const live = simulateLiquidationCascade(accounts, { price: '1000', path: [-0.2], rounds: 4 });
    expect(live.accounts[0].liquidatedInRound).toBe(0);
    const stale = simulateLiquidationCascade(accounts, {
      price: '1000',
      path: [-0.2],
      rounds: 4,
      oracle: { stale: [0, 1] },
    });
    expect(stale.accounts[0].liquidatedInRound).toBe(2);
    expect(stale.rounds[1].oraclePrice.eq(1000)).toBe(true);
    const jump = simulateLiquidationCascade(accounts, {
      price: '1000',
      path: [0],
      rounds: 3,
      oracle: { jumps: [{ round: 1, move: -0.5 }] },
    });
    expect(jump.accounts[0].liquidatedInRound).toBe(1);
    expect(jump.rounds[1].oraclePrice.eq(500)).toBe(true);
    // latency in seconds: 30 s with 10 s rounds = 3 rounds
    const secs = simulateLiquidationCascade(accounts, {
      price: '1000',
      path: [-0.2],
      rounds: 5,
      oracle: { latencySeconds: 30, roundSeconds: 10 },
    });
    expect(secs.accounts[0].liquidatedInRound).toBe(3);
  });

  it('price impact drives further liquidations', () => {
    // 20 identical accounts just healthy at −10%: no impact → none; thin book → a cascade over several rounds
    const accounts: CascadeAccount[] = Array.from({ length: 20 }, (_, i) => ({
      id: `a${i}`,
      collateral: '10',
      debt: String(7150 - i * 10),
    }));
    const noImpact = simulateLiquidationCascade(accounts, { price: '1000', shock: -0.1, rounds: 10 });
    const thin = simulateLiquidationCascade([...accounts, { id: 'weak', collateral: '10', debt: '7300' }], {
      price: '1000',
      shock: -0.1,
      rounds: 20,
      depth: '300000',
    });
    expect(noImpact.liquidated.length).toBe(0);
    expect(thin.liquidated.length).toBeGreaterThan(1);
    expect(thin.rounds.filter((r) => r.accountsLiquidated.length > 0).length).toBeGreaterThan(1);
  });

  it('runs under a stress scenario: its move, its depth multiplier, its oracle move', () => {
    const accounts: CascadeAccount[] = Array.from({ length: 30 }, (_, i) => ({
      collateral: '10',
      debt: String(6000 + 50 * i),
    }));
    const base = { price: '1000', depth: '100000000', rounds: 15, asset: 'ETH' };
    const calm = simulateLiquidationCascade(accounts, {
      ...base,
      scenario: { name: 'eth -15%', moves: { ETH: -0.15 } },
    });
    const thin = simulateLiquidationCascade(accounts, {
      ...base,
      scenario: { name: 'eth -15%, depth 1%', moves: { ETH: -0.15 }, liquidityMultipliers: { ETH: 0.01 } },
    });
    expect(calm.rounds[0].marketPrice.eq(850)).toBe(true);
    expect(thin.liquidated.length).toBeGreaterThan(calm.liquidated.length);
    const stale = simulateLiquidationCascade(accounts, {
      ...base,
      scenario: { name: 'stale', moves: { ETH: -0.15 }, oracleMoves: { ETH: 0 } },
    });
    expect(stale.rounds[0].oraclePrice.eq(1000)).toBe(true);
    expect(() => simulateLiquidationCascade(accounts, { price: '1', scenario: { name: 'x' } })).toThrow(/params.asset/);
  });

  it('refuses bad input with named paths', () => {
    expect(() => simulateLiquidationCascade([{ collateral: '-1' }], { price: '1' })).toThrow(RiskInputError);
    try {
      simulateLiquidationCascade([{ collateral: '1', debt: 'abc' }], { price: '1' });
    } catch (e) {
      expect((e as RiskInputError).path).toBe('accounts[0].debt');
    }
    expect(() => simulateLiquidationCascade([{ collateral: '1' }], { price: '1', path: [-1] })).toThrow(
      /params.path\[0\]/,
    );
    expect(() => simulateLiquidationCascade([{ collateral: '1' }], { price: '1', liquidationThreshold: 1.2 })).toThrow(
      /liquidationThreshold/,
    );
    expect(() => simulateLiquidationCascade([], { price: '1' })).toThrow(/accounts/);
  });
});
