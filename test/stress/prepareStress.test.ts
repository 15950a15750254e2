/**
 * `prepareStress`: one shocked market and margin context per scenario shared by every account gives the same
 * results, bit for bit, as the per-account path (`stressTest(account, market, scenarios, options)`) and as
 * rebuilding the margin context per account and scenario through the public API (applyScenario → prepareMargin →
 * accountMargin), on a multi-account book; the order in which accounts meet the shared cache does not matter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleBookHead, generateAccounts } from '../../examples/gen_accounts.js';
import { Money } from '../../src/core/money.js';
import { withEntryPrices } from '../../src/greeks/index.js';
import type { Market } from '../../src/core/model.js';
import { RiskInputError } from '../../src/core/errors.js';
import { DEFAULT_MARGIN_PARAMS, accountMargin, marginParams, prepareMargin } from '../../src/netting/index.js';
import type { Account, MarginParams } from '../../src/netting/index.js';
import {
  applyScenario,
  historicalScenarios,
  prepareStress,
  priceVolGrid,
  stablecoinDepeg,
  stressTest,
} from '../../src/stress/index.js';
import type { Scenario, StressOptions } from '../../src/stress/index.js';

const market = exampleBookHead().market as Market;
const accounts = generateAccounts(60, 7) as unknown as Account[];
// an option with its own vol (shifted by the scenario's volShift on the account side too)
accounts.push({
  collateral: [{ asset: 'USDC', amount: '250000' }],
  positions: [
    { kind: 'option', underlying: 'ETH', type: 'put', strike: 3000, expiry: 0.1, quantity: -20, vol: 0.75 },
    { kind: 'perp', underlying: 'ETH', quantity: 15 },
  ],
});
const scenarios: Scenario[] = [
  ...priceVolGrid({ assets: ['BTC', 'ETH'], priceMoves: [-0.3, -0.1, 0, 0.2], volShifts: [-0.1, 0, 0.2] }),
  ...historicalScenarios(['black-thursday-2020', 'ftx-2022']),
  stablecoinDepeg({ asset: 'USDC', depeg: 0.1 }),
  { name: 'haircuts ×3, vols ×1.5', haircutMultipliers: { '*': 3 }, volScale: { '*': 1.5 }, moves: { BTC: -0.2 } },
];
const params: MarginParams = marginParams({
  cashAssets: DEFAULT_MARGIN_PARAMS.cashAssets.filter((a) => !(a in market.assets)),
  haircuts: { BTC: 0.1, ETH: 0.12, stETH: 0.2 },
});

/** Every Money as its exact decimal, every number as its shortest round-trip text (−0 kept): equal text = equal bits. */
function canon(x: unknown): unknown {
  if (x instanceof Money) return `M:${x.toString()}`;
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (Array.isArray(x)) return x.map(canon);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, canon(v)]));
  return x;
}

describe('prepareStress', () => {
  for (const method of ['cross', 'portfolio', 'standard'] as const) {
    it(`shares one context per scenario with results bit-identical to the per-account path (${method})`, () => {
      const options: StressOptions = { marginParams: params, margin: { method } };
      const ctx = prepareStress(market, scenarios, options);
      for (const a of accounts) {
        const shared = stressTest(a, ctx);
        const alone = stressTest(a, market, scenarios, options);
        expect(canon(shared)).toEqual(canon(alone));
        // the pre-context path: the shocked market prepared again for this account and scenario
        scenarios.forEach((s, k) => {
          const sm = applyScenario(market, s);
          const mult = s.haircutMultipliers;
          const mp = mult
            ? {
                ...params,
                haircuts: Object.fromEntries(
                  [...new Set([...Object.keys(params.haircuts), ...Object.keys(mult)])].map((h) => [
                    h,
                    Math.min(1, (params.haircuts[h] ?? params.haircuts['*'] ?? 0) * (mult[h] ?? mult['*'] ?? 1)),
                  ]),
                ),
              }
            : params;
          const shifted = atBase(a, s);
          const r = accountMargin(shifted, prepareMargin(sm, mp), { method });
          const o = shared.scenarios[k];
          expect(canon([o.equity, o.initialMargin, o.maintenanceMargin, o.marginRatio])).toEqual(
            canon([r.equity, r.initialMargin, r.maintenanceMargin, r.marginRatio]),
          );
          expect(o.liquidatable).toBe(r.liquidatable);
        });
      }
    });
  }

  it('gives the same results whatever order the accounts fill the shared cache in (fast-check)', () => {
    const options: StressOptions = { marginParams: params, margin: { method: 'portfolio' } };
    const expected = accounts.map((a) => canon(stressTest(a, market, scenarios, options)));
    fc.assert(
      fc.property(fc.shuffledSubarray([...accounts.keys()], { minLength: 1 }), (order) => {
        const ctx = prepareStress(market, scenarios, options);
        for (const i of order) expect(canon(stressTest(accounts[i], ctx))).toEqual(expected[i]);
      }),
      { seed: 21, numRuns: 8 },
    );
  });

  it('stresses position lists and lending books in a prepared context as the unprepared form does', () => {
    const positions = [
      {
        kind: 'option' as const,
        underlying: 'BTC',
        type: 'call' as const,
        strike: 1e5,
        expiry: 0.2,
        quantity: 3,
        vol: 0.9,
      },
      { kind: 'perp' as const, underlying: 'ETH', quantity: -4 },
    ];
    const lending = {
      collateral: [{ asset: 'ETH', amount: '10', liquidationThreshold: '0.8' }],
      debt: [{ asset: 'USDC', amount: '20000' }],
    };
    for (const options of [{}, { lending, cashAssets: ['USDC'] }] as StressOptions[]) {
      const ctx = prepareStress(market, scenarios, options);
      expect(canon(stressTest(positions, ctx))).toEqual(canon(stressTest(positions, market, scenarios, options)));
    }
  });

  it('refuses scenarios or options next to a prepared context, and a look-alike object as a context', () => {
    const ctx = prepareStress(market, scenarios);
    expect(() => stressTest(accounts[0], ctx as never, scenarios)).toThrow(RiskInputError);
    expect(() => stressTest(accounts[0], ctx as never, undefined as never, {})).toThrow(
      /scenarios must be absent with a prepared context/,
    );
    // same shape, not prepared: validated as a market, and refused
    const lookAlike = JSON.parse(JSON.stringify(ctx));
    expect(() => stressTest(accounts[0], lookAlike, scenarios)).toThrow(/market\.market is not a field/);
    expect(() => prepareStress(market, [])).toThrow(/scenarios must be an array with at least 1/);
    expect(Object.isFrozen(ctx) && Object.isFrozen(ctx.scenarios)).toBe(true);
  });
});

/**
 * The account as the stress test margins it in a shocked market: perp and future entries fixed at the base market
 * (so that they carry the move), every option's own vol shocked as the scenario does (max(0, vol × scale + shift)).
 */
function atBase(a: Account, s: Scenario): Account {
  const at = (m: Record<string, number> | undefined, u: string, d: number) => m?.[u] ?? m?.['*'] ?? d;
  const shift = (ps: Account['positions']) =>
    ps?.map((p0) => {
      const p = withEntryPrices([p0], market)[0];
      return p.kind === 'option' && p.vol !== undefined
        ? { ...p, vol: Math.max(0, p.vol * at(s.volScale, p.underlying, 1) + at(s.volShift, p.underlying, 0)) }
        : p;
    });
  return {
    ...a,
    ...(a.positions ? { positions: shift(a.positions) } : {}),
    ...(a.subAccounts ? { subAccounts: a.subAccounts.map((x) => ({ ...x, positions: shift(x.positions) })) } : {}),
  };
}
