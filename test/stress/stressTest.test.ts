import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Market, Position } from '../../src/index.js';
import { positionValue, revaluePnL, withEntryPrices } from '../../src/greeks/index.js';
import { accountMargin } from '../../src/netting/index.js';
import { healthFactor } from '../../src/haircuts/index.js';
import {
  applyScenario,
  historicalScenarios,
  oracleStale,
  priceVolGrid,
  reverseStressPerAsset,
  reverseStressTest,
  spanScenarios,
  stressTest,
} from '../../src/stress/index.js';
import type { Scenario } from '../../src/stress/index.js';

const market: Market = {
  assets: {
    BTC: { price: 60000, vol: 0.6, mark: 60050 },
    ETH: { price: 3000, vol: 0.75, dividendYield: 0.03 },
    SOL: { price: 150, smile: { strikes: [100, 150, 200], vols: [1.1, 0.9, 1.0] } },
  },
  rate: 0.04,
};

const mixed: Position[] = [
  { kind: 'spot', underlying: 'BTC', quantity: 1.5 },
  { kind: 'perp', underlying: 'BTC', quantity: -2, entryPrice: 58000 },
  { kind: 'perp', underlying: 'ETH', quantity: 150000, settlement: 'inverse' },
  { kind: 'future', underlying: 'BTC', quantity: 0.5, expiry: 0.25 },
  { kind: 'future', underlying: 'ETH', quantity: -20000, expiry: 0.5, settlement: 'inverse', entryPrice: 3100 },
  { kind: 'option', underlying: 'BTC', quantity: -3, type: 'call', strike: 65000, expiry: 0.1 },
  { kind: 'option', underlying: 'BTC', quantity: 2, type: 'put', strike: 55000, expiry: 0.5, model: 'black76' },
  { kind: 'option', underlying: 'ETH', quantity: -40, type: 'put', strike: 2800, expiry: 0.2, settlement: 'inverse' },
  { kind: 'option', underlying: 'ETH', quantity: 25, type: 'call', strike: 3500, expiry: 1, vol: 0.8 },
  { kind: 'option', underlying: 'SOL', quantity: -500, type: 'call', strike: 180, expiry: 0.3 },
];

const scenarios: Scenario[] = [
  ...historicalScenarios(),
  ...spanScenarios({ priceScanRange: 0.2, volScanRange: 0.15 }),
  ...priceVolGrid({ priceMoves: [-0.5, -0.1, 0.1, 0.4], volShifts: [-0.3, 0.4], volMode: 'relative' }),
  { name: 'mixed', moves: { BTC: -0.35, ETH: 0.1, SOL: -0.6 }, volShift: { BTC: 0.25, '*': -0.1 }, rateShift: -0.02 },
];

/** Reference P&L of one position: public positionValue in the two markets, entries fixed at base, vol overrides shifted like the market's ATM vol. */
function refPnl(p: Position, s: Scenario): number {
  const [fixed] = withEntryPrices([p], market);
  const shocked = applyScenario(market, s);
  let q = fixed;
  if (q.kind === 'option' && q.vol !== undefined) {
    const sc = s.volScale?.[q.underlying] ?? s.volScale?.['*'] ?? 1;
    const sh = s.volShift?.[q.underlying] ?? s.volShift?.['*'] ?? 0;
    q = { ...q, vol: Math.max(0, q.vol * sc + sh) };
  }
  return positionValue(q, shocked) - positionValue(fixed, market);
}

describe('stressTest', () => {
  it('scenario P&L is the sum of revalued position P&Ls on a mixed book (1e-9)', () => {
    const r = stressTest(mixed, market, scenarios);
    expect(r.scenarios.length).toBe(scenarios.length);
    let checked = 0;
    scenarios.forEach((s, k) => {
      const o = r.scenarios[k];
      const refs = mixed.map((p) => refPnl(p, s));
      const refTotal = refs.reduce((a, b) => a + b, 0);
      const scale = mixed.reduce((a, p) => a + Math.abs(positionValue(withEntryPrices([p], market)[0], market)), 0) + 1;
      expect(Math.abs(o.pnl - refTotal)).toBeLessThan(1e-9 * scale);
      refs.forEach((x, i) => expect(Math.abs(o.positionPnl[i] - x)).toBeLessThan(1e-9 * (Math.abs(x) + 1)));
      expect(Math.abs(o.pnl - o.positionPnl.reduce((a, b) => a + b, 0))).toBeLessThan(1e-9 * scale);
      // and against greeks' revaluePnL on the positions without their own vol (no override to shift)
      const plain = mixed.filter((p) => !(p.kind === 'option' && p.vol !== undefined));
      const plainIdx = mixed.map((p, i) => (plain.includes(p) ? i : -1)).filter((i) => i >= 0);
      const ours = plainIdx.reduce((a, i) => a + o.positionPnl[i], 0);
      expect(Math.abs(ours - revaluePnL(plain, market, applyScenario(market, s)))).toBeLessThan(1e-9 * scale);
      checked++;
    });
    expect(checked).toBe(33);
    // worst = lowest weighted P&L
    const w = r.scenarios.map((o) => o.weightedPnl);
    expect(r.worst).toBe(w.indexOf(Math.min(...w)));
    expect(r.base.pnl).toBe(0);
  });

  it('an account is re-margined through netting, collateral at shocked prices, haircuts scaled', () => {
    const account = {
      collateral: [
        { asset: 'USDC', amount: '150000' },
        { asset: 'ETH', amount: '20' },
      ],
      positions: mixed.slice(0, 6),
      subAccounts: [
        {
          marginMode: 'isolated' as const,
          positions: [{ kind: 'perp' as const, underlying: 'SOL', quantity: -1000 }],
          collateral: [{ asset: 'USDC', amount: '30000' }],
        },
      ],
    };
    const params = undefined;
    const r = stressTest(account, market, scenarios, { marginParams: params });
    // reference: the same account with entries fixed at base, margined in the shocked market
    const fixedAccount = {
      ...account,
      positions: withEntryPrices(account.positions, market),
      subAccounts: [
        { ...account.subAccounts[0], positions: withEntryPrices(account.subAccounts[0].positions, market) },
      ],
    };
    scenarios.forEach((s, k) => {
      const ref = accountMargin(fixedAccount, applyScenario(market, s));
      const o = r.scenarios[k];
      expect(o.equity!.eq(ref.equity)).toBe(true);
      expect(o.maintenanceMargin!.eq(ref.maintenanceMargin)).toBe(true);
      expect(o.liquidatable).toBe(ref.liquidatable);
      expect(o.insolvent).toBe(ref.equity.lt(0));
    });
    // haircut multipliers: ETH collateral with a 10% haircut, doubled → 20%
    const hp = { marginParams: { ...marginParamsWithEthHaircut() } };
    const h = stressTest(
      { collateral: [{ asset: 'ETH', amount: '10' }] },
      market,
      [{ name: 'h', haircutMultipliers: { ETH: 2 } }],
      hp,
    );
    expect(h.base.equity!.toNumber()).toBeCloseTo(27000, 9);
    expect(h.scenarios[0].equity!.toNumber()).toBeCloseTo(24000, 9);
  });

  it('lending health through haircuts: HF, liquidation, haircut stress', () => {
    const lending = {
      collateral: [{ asset: 'ETH', amount: '10', liquidationThreshold: 0.825, ltv: 0.8 }],
      debt: [{ asset: 'USDC', amount: '20000' }],
    };
    const r = stressTest(
      [],
      market,
      [
        { name: 'eth -20%', moves: { ETH: -0.2 } },
        { name: 'hc', haircutMultipliers: { ETH: 2 } },
        { name: 'eth -40%', moves: { ETH: -0.4 } },
      ],
      { lending, cashAssets: ['USDC'] },
    );
    // base HF = 10·3000·0.825 / 20000 = 1.2375; −20%: 24000·0.825/20000 = 0.99
    expect(r.base.healthFactor!.toString()).toBe('1.2375');
    expect(r.scenarios[0].healthFactor!.toString()).toBe('0.99');
    expect(r.scenarios[0].liquidatable).toBe(true);
    // haircut doubled: LT = 1 − 2·0.175 = 0.65 → HF = 30000·0.65/20000 = 0.975
    expect(r.scenarios[1].healthFactor!.toString()).toBe('0.975');
    expect(
      r.scenarios[1].healthFactor!.eq(
        healthFactor({
          collateral: [{ asset: 'ETH', amount: '10', price: '3000', liquidationThreshold: '0.65' }],
          debt: [{ asset: 'USDC', amount: '20000', price: '1' }],
        }).healthFactor!,
      ),
    ).toBe(true);
    // −40%: collateral 18000 < debt 20000 → insolvent
    expect(r.scenarios[2].insolvent).toBe(true);
    expect(r.liquidating).toEqual([0, 1, 2]);
    expect(r.insolvent).toEqual([2]);
  });

  it('a stale oracle hides a perp loss while spot shows it', () => {
    const r = stressTest(
      [
        { kind: 'perp', underlying: 'BTC', quantity: 1 },
        { kind: 'spot', underlying: 'BTC', quantity: 1 },
      ],
      market,
      [oracleStale({ asset: 'BTC', move: -0.2 })],
    );
    expect(r.scenarios[0].positionPnl[0]).toBe(0);
    expect(r.scenarios[0].positionPnl[1]).toBeCloseTo(-12000, 6);
  });

  it('refuses bad input with named paths', () => {
    expect(() => stressTest(mixed, market, [])).toThrow(/scenarios/);
    expect(() => stressTest([{ kind: 'spot', underlying: 'XRP', quantity: 1 }], market, [{ name: 'a' }])).toThrow(
      /positions\[0\].underlying/,
    );
    expect(() => stressTest(mixed, market, [{ name: 'a', moves: { BTC: -2 } }])).toThrow(/scenarios\[0\].moves.BTC/);
    expect(() =>
      stressTest([], market, [{ name: 'a' }], {
        lending: { collateral: [{ asset: 'DOGE', amount: '1', liquidationThreshold: 0.5 }], debt: [] },
      }),
    ).toThrow(/options.lending.collateral\[0\].asset/);
  });
});

function marginParamsWithEthHaircut() {
  // netting's defaults with a 10% ETH haircut, built through its public constructor
  return { ...defaultParams(), haircuts: { ETH: 0.1 } };
}
import { marginParams } from '../../src/netting/index.js';
function defaultParams() {
  return marginParams();
}

describe('reverseStressTest', () => {
  const acc = (usdc: number, perpQty: number, shortPuts: number) => ({
    collateral: [{ asset: 'USDC', amount: String(usdc) }],
    positions: [
      { kind: 'perp' as const, underlying: 'BTC', quantity: perpQty },
      ...(shortPuts > 0
        ? [
            {
              kind: 'option' as const,
              underlying: 'BTC',
              quantity: -shortPuts,
              type: 'put' as const,
              strike: 55000,
              expiry: 0.25,
            },
          ]
        : []),
    ],
  });
  const brokenAt = (a: ReturnType<typeof acc>, t: number, target: 'liquidation' | 'insolvency') => {
    const o = stressTest(a, market, [{ name: 't', moves: { BTC: -t } }]).scenarios[0];
    return target === 'liquidation' ? o.liquidatable || o.insolvent : o.insolvent;
  };

  it('hand-checked: a 1 BTC long perp with 12,000 USDC is insolvent at −20%', () => {
    const m = { assets: { BTC: { price: 60000 } } };
    const r = reverseStressTest(
      {
        collateral: [{ asset: 'USDC', amount: '12000' }],
        positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }],
      },
      m,
      { direction: { BTC: -1 }, target: 'insolvency' },
    );
    expect(r.found).toBe(true);
    expect(r.shock!).toBeGreaterThan(0.2);
    expect(r.shock! - 0.2).toBeLessThan(1e-9);
  });

  it('the returned shock breaks the target and 99.9% of it does not (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 200000 }),
        fc.integer({ min: 1, max: 40 }).map((x) => x / 10),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom('liquidation' as const, 'insolvency' as const),
        (usdc, q, puts, target) => {
          const a = acc(usdc, q, puts);
          const r = reverseStressTest(a, market, { direction: { BTC: -1 }, target, gridPoints: 60 });
          if (!r.found) {
            expect(brokenAt(a, r.maxShock, target)).toBe(false);
            return;
          }
          if (r.brokenAtBase) {
            expect(brokenAt(a, 0, target)).toBe(true);
            return;
          }
          expect(brokenAt(a, r.shock!, target)).toBe(true);
          expect(brokenAt(a, 0.999 * r.shock!, target)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a clear answer when nothing in range breaks', () => {
    const r = reverseStressTest(
      {
        collateral: [{ asset: 'USDC', amount: '100000' }],
        positions: [{ kind: 'perp', underlying: 'BTC', quantity: -0.5 }],
      },
      market,
      { direction: { BTC: -1 }, target: 'insolvency' },
    );
    expect(r.found).toBe(false);
    expect(r.shock).toBeNull();
    expect(r.reason).toMatch(/no shock in \[0, 0.99\]/);
    // the other way it breaks: a short perp rises
    const up = reverseStressTest(
      {
        collateral: [{ asset: 'USDC', amount: '10000' }],
        positions: [{ kind: 'perp', underlying: 'BTC', quantity: -0.5 }],
      },
      { assets: { BTC: { price: 60000 } } },
      { direction: { BTC: 1 }, target: 'insolvency' },
    );
    // 10,000 / 0.5 = 20,000 = one third of 60,000
    expect(Math.abs(up.shock! - 1 / 3)).toBeLessThan(1e-9);
  });

  it('per asset: each asset alone, the others fixed', () => {
    const m = { assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } };
    const account = {
      collateral: [{ asset: 'USDC', amount: '12000' }],
      positions: [
        { kind: 'perp' as const, underlying: 'BTC', quantity: 1 },
        { kind: 'perp' as const, underlying: 'ETH', quantity: -2 },
      ],
    };
    const down = reverseStressPerAsset(account, m, { target: 'insolvency' });
    expect(Math.abs(down.BTC.shock! - 0.2)).toBeLessThan(1e-9);
    expect(down.ETH.found).toBe(false);
    const up = reverseStressPerAsset(account, m, { target: 'insolvency', side: 'up' });
    // 12,000 / 2 = 6,000 = a 200% rise of ETH
    expect(Math.abs(up.ETH.shock! - 2)).toBeLessThan(1e-9);
    expect(up.BTC.found).toBe(false);
  });

  it('refuses bad options', () => {
    expect(() => reverseStressTest(mixed, market, { direction: { BTC: -1 }, target: 'liquidation' })).toThrow(
      /lending book/,
    );
    expect(() => reverseStressTest(mixed, market, { direction: { BTC: 0 }, target: 'insolvency' })).toThrow(
      /options.direction/,
    );
    expect(() =>
      reverseStressTest(mixed, market, { direction: { BTC: -1 }, target: 'insolvency', maxShock: 1.5 }),
    ).toThrow(/options.maxShock/);
    expect(() =>
      reverseStressTest(mixed, market, { direction: { BTC: -1 }, target: 'default' as 'insolvency' }),
    ).toThrow(/options.target/);
  });
});
