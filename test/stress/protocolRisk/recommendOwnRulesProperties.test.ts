/**
 * Monotonicity on the protocols' own rules (fast-check, fixed seed, small books), on common random numbers:
 * without price impact or gas, each path's bad debt does not fall as the supply or borrow of an asset grows (the
 * book scaled as recommendCap scales it), nor as the liquidation threshold rises (liquidation later); on a dYdX
 * book ES does not rise with the maintenance fraction. And the recommenders' figures follow: a larger budget never
 * gives a smaller cap, the ES one step above the cap is not below the ES at it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommendCap, recommendParameter, simulateProtocolRisk } from '../../../src/stress/index.js';
import type { LendingProtocol, LendingRiskContext, ProtocolMarket, VenueProtocol } from '../../../src/stress/index.js';
import { scaleLendingBook } from '../../../src/stress/protocolRisk/lendingBook.js';
import { caseOf, drawArb } from '../lendingCascade/arbs.js';
import type { ProtocolName } from '../lendingCascade/arbs.js';

const FC = { seed: 47, numRuns: 6 };
const MARKETS: Record<ProtocolName, ProtocolMarket> = {
  'aave-v3': { assets: { WETH: { vol: 2.5 }, USDC: { vol: 0.01 } } },
  'compound-v3': { assets: { WETH: { vol: 2.5 }, base: { vol: 0.01 } } },
  'morpho-blue': { assets: { collateral: { vol: 2.5 } } },
  'euler-v2': { assets: { WETH: { vol: 2.5 }, liability: { vol: 0.05 } } },
};
const sim = { paths: 40, steps: 3, dt: 1 / 365, batches: 2 };
const COLLATERAL: Record<ProtocolName, string> = {
  'aave-v3': 'WETH',
  'compound-v3': 'WETH',
  'morpho-blue': 'collateral',
  'euler-v2': 'WETH',
};
const DEBT: Record<ProtocolName, string> = {
  'aave-v3': 'USDC',
  'compound-v3': 'base',
  'morpho-blue': 'loan',
  'euler-v2': 'liability',
};

/** A random book of `p` without price impact, gas or capacity limits. */
const bookArb = (p: ProtocolName): fc.Arbitrary<LendingProtocol> =>
  drawArb(0.7, 1.05, true).map((d) => {
    const c = caseOf(p, { ...d, depth: null, gas: 0, capacity: null });
    const { rounds: _r, moves: _m, ...ctx } = c.context;
    return { positions: c.positions, lending: ctx as LendingRiskContext };
  });

const losses = (pr: LendingProtocol, p: ProtocolName, seed: number) =>
  simulateProtocolRisk(pr, MARKETS[p], { ...sim, seed }).badDebtByPath;

/** Bad debt by path does not fall from `lo` to `hi` (up to the protocols' integer rounding). */
function notBelow(lo: number[], hi: number[]) {
  lo.forEach((x, i) => {
    expect(hi[i]).toBeGreaterThanOrEqual(x - 1e-9 * Math.abs(x) - 1e3);
  });
}

describe('lending caps: bad debt does not fall as the book grows', () => {
  // Aave's close factor and leftover rules and Euler's socialisation floor are thresholds in absolute value, so
  // exact path-wise monotonicity in the book's size is checked on Compound III and Morpho Blue
  for (const p of ['compound-v3', 'morpho-blue'] as const) {
    for (const side of ['supply', 'borrow'] as const) {
      it(`${p} ${side}: each path's bad debt is non-decreasing in the scale of the holders`, () => {
        let seen = 0;
        fc.assert(
          fc.property(bookArb(p), fc.integer({ min: 0, max: 1000 }), (pr, seed) => {
            const asset = side === 'supply' ? COLLATERAL[p] : DEBT[p];
            const at = (num: bigint, den: bigint): LendingProtocol => {
              const b = scaleLendingBook(p, pr.positions, pr.lending as never, asset, side, num, den);
              return { positions: b.positions as never, lending: b.ctx as LendingRiskContext };
            };
            const runs = [at(1n, 2n), at(1n, 1n), at(3n, 1n)].map((x) => losses(x, p, seed));
            notBelow(runs[0], runs[1]);
            notBelow(runs[1], runs[2]);
            seen += runs[0].filter((x) => x > 0).length;
          }),
          FC,
        );
        expect(seen).toBeGreaterThan(0); // not vacuous: some paths carry bad debt
      });
    }
  }

  it('recommendCap: a larger budget never gives a smaller cap; ES one step above is not below ES at the cap', () => {
    fc.assert(
      fc.property(
        bookArb('morpho-blue'),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1 }),
        (pr, seed, u) => {
          const o = { ...sim, seed, asset: 'collateral', step: 0.5, maxMultiple: 3 };
          const top = recommendCap(pr, MARKETS['morpho-blue'], { ...o, budget: 1e40 }).esAtCap.value;
          const a = recommendCap(pr, MARKETS['morpho-blue'], { ...o, budget: (u * top) / 2 });
          const b = recommendCap(pr, MARKETS['morpho-blue'], { ...o, budget: u * top });
          expect(b.scale).toBeGreaterThanOrEqual(a.scale);
          for (const r of [a, b])
            if (r.esAbove !== null) expect(r.esAbove.value).toBeGreaterThanOrEqual(r.esAtCap.value);
        },
      ),
      FC,
    );
  });
});

describe('lending thresholds: bad debt does not fall as the threshold rises', () => {
  // Compound III: an account is absorbed at the first round its collateral value × liquidateCollateralFactor falls
  // below its debt; a higher factor absorbs it no earlier, at a value no higher, so the shortfall is no smaller
  it("Compound III liquidateCollateralFactor: each path's bad debt is non-decreasing in the factor", () => {
    let seen = 0;
    fc.assert(
      fc.property(bookArb('compound-v3'), fc.integer({ min: 0, max: 1000 }), (pr, seed) => {
        const withFactor = (f: bigint): LendingProtocol => {
          const ctx = pr.lending as Extract<LendingRiskContext, { protocol: 'compound-v3' }>;
          const assets = ctx.market.assets.map((a) => ({ ...a, liquidateCollateralFactor: f }));
          return { ...pr, lending: { ...ctx, market: { ...ctx.market, assets } } };
        };
        const runs = [82n, 85n, 90n].map((x) => losses(withFactor(x * 10n ** 16n), 'compound-v3', seed));
        notBelow(runs[0], runs[1]);
        notBelow(runs[1], runs[2]);
        seen += runs[0].filter((x) => x > 0).length;
      }),
      FC,
    );
    expect(seen).toBeGreaterThan(0);
  });

  // (Euler v2 is not monotone in its liquidation LTV: its discount is 1 − health factor, so a later liquidation can
  // pay a larger discount on less collateral; fast-check finds paths where ES falls by ~0.1%)
  it('recommendParameter: the grid ES does not fall as the factor rises (Compound III)', () => {
    fc.assert(
      fc.property(bookArb('compound-v3'), fc.integer({ min: 0, max: 1000 }), (pr, seed) => {
        const values = [0.8, 0.85, 0.9];
        const rec = recommendParameter(pr, MARKETS['compound-v3'], {
          ...sim,
          seed,
          parameter: 'liquidateCollateralFactor',
          asset: 'WETH',
          values,
          budget: 0,
        });
        for (let i = 1; i < values.length; i++)
          expect(rec.points[i].es.value).toBeGreaterThanOrEqual(rec.points[i - 1].es.value - 1e3);
        for (let i = 1; i < values.length; i++)
          expect(rec.points[i].capacity).toBeGreaterThan(rec.points[i - 1].capacity);
      }),
      FC,
    );
  });
});

describe('venue margins: ES does not rise as the maintenance margin rises', () => {
  const account = fc
    .record({ btc: fc.integer({ min: -10, max: 10 }).filter((x) => x !== 0), equity: fc.integer({ min: 2, max: 12 }) })
    .map(({ btc, equity }) => ({ b: btc / 10, eq: (Math.abs(btc) / 10) * 50000 * (equity / 100) }));
  const dydx = (accounts: Array<{ b: number; eq: number }>): VenueProtocol =>
    ({
      kind: 'dydx',
      accounts: accounts.map(({ b, eq }, i) => ({
        id: `s${i}`,
        subaccount: {
          usdcQuantums: String(Math.round((eq - b * 50000) * 1e6)),
          positions: [{ perpetualId: 0, quantums: String(Math.round(b * 1e10)) }],
        },
      })),
      context: {
        market: {
          perpetuals: [
            {
              id: 0,
              atomicResolution: -10,
              price: '5000000000',
              priceExponent: -5,
              liquidityTier: { initialMarginPpm: 50000, maintenanceFractionPpm: 600000 },
            },
          ],
        },
        liquidations: {
          bankruptcyAdjustmentPpm: 1000000,
          spreadToMaintenanceMarginRatioPpm: 1500000,
          maxLiquidationFeePpm: 15000,
        },
        insuranceFundQuantums: '0',
        books: [{ perpetualId: 0, quantumConversionExponent: -9, subticksPerTick: 100 }],
      },
    }) as unknown as VenueProtocol;

  it('dYdX maintenanceFractionPpm (no price impact): ES99 non-increasing in the fraction, capacity increasing', () => {
    let seen = 0;
    fc.assert(
      fc.property(
        fc.array(account, { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (accs, seed) => {
          const values = [200000, 500000, 800000, 1000000];
          const rec = recommendParameter(
            dydx(accs),
            { assets: { '0': { vol: 2 } } },
            {
              ...sim,
              dt: 1 / 2190,
              seed,
              parameter: 'maintenanceFractionPpm',
              asset: '0',
              values,
              budget: 0,
            },
          );
          for (let i = 1; i < values.length; i++) {
            expect(rec.points[i].es.value).toBeLessThanOrEqual(rec.points[i - 1].es.value + 1e-6);
            expect(rec.points[i].capacity).toBeGreaterThan(rec.points[i - 1].capacity);
          }
        },
      ),
      FC,
    );
  });
});
