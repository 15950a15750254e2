/**
 * Asset (and liability) names that are Object.prototype members must be ordinary names in every stress function:
 * looked up and written as own properties, never reaching the prototype.
 */
import { describe, expect, it } from 'vitest';
import {
  applyScenario,
  hedge,
  hedgeEffect,
  liquidityStress,
  lstDepeg,
  oracleJump,
  oracleStale,
  priceVolGrid,
  reverseStressPerAsset,
  reverseStressTest,
  simulateLiquidationCascade,
  spanScenarios,
  stablecoinDepeg,
  stressTest,
  validateScenario,
  validateScenarios,
} from '../../src/stress/index.js';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
// A market is validated by core/model validateMarket, which (on this branch) writes market.assets by assignment, so
// an asset named __proto__ does not survive it; the market-based cases run for the other names until it writes own
// properties. Stress code itself reads and writes every per-asset record as own properties.
const marketSafe = (name: string) => name !== '__proto__';
/** An object with one own key `name` (JSON.parse makes `__proto__` an own key, as a parsed input would). */
const rec = <T>(name: string, value: T): Record<string, T> =>
  JSON.parse(JSON.stringify({ k: value }).replace('"k"', JSON.stringify(name)));
const own = (o: object, name: string) => Object.hasOwn(o, name);
const market = (name: string, vol?: number) => ({
  assets: rec(name, vol === undefined ? { price: 100 } : { price: 100, vol }),
});

describe.each(NAMES)('asset named %s', (name) => {
  it('scenarios: validated, applied and built with it as an own key', () => {
    const s = validateScenario({
      name: 's',
      moves: rec(name, -0.1),
      volShift: rec(name, 0.1),
      liquidityMultipliers: rec(name, 0.5),
    });
    expect(own(s.moves as object, name)).toBe(true);
    expect(Object.getPrototypeOf(s.moves)).toBe(Object.prototype);
    expect(validateScenarios([s])[0].moves?.[name]).toBe(-0.1);
    if (marketSafe(name)) {
      const m = applyScenario(market(name, 0.5), s);
      expect(own(m.assets, name)).toBe(true);
      expect(m.assets[name].price).toBeCloseTo(90, 12);
      expect(m.assets[name].vol).toBeCloseTo(0.6, 12);
    }
    for (const sc of [
      ...priceVolGrid({ assets: [name], priceMoves: [-0.1], volShifts: [0.1] }),
      ...spanScenarios({ assets: [name], priceScanRange: 0.1, volScanRange: 0.1 }),
      stablecoinDepeg({ asset: name, depeg: 0.1, haircutMultiplier: 2, liquidityMultiplier: 0.5 }),
      lstDepeg({ lst: name, base: 'ETH', discount: 0.1 }),
      oracleStale({ asset: name, move: -0.1 }),
      oracleJump({ asset: name, jump: -0.1 }),
    ]) {
      expect(own(sc.moves as object, name)).toBe(true);
      expect(Object.getPrototypeOf(sc.moves)).toBe(Object.prototype);
    }
  });

  it('simulateLiquidationCascade: multi-asset book and single asset under a scenario', () => {
    const multi = simulateLiquidationCascade([{ id: 'x', collateral: rec(name, '10'), debt: '850' }], {
      assets: rec(name, { price: '100', shock: -0.1, depth: '100000' }),
      rounds: 2,
    });
    expect(multi.liquidated).toEqual(['x']);
    expect(own(multi.finalPrices, name)).toBe(true);
    expect(multi.finalPrices[name].toNumber()).toBeLessThan(90);
    expect(own(multi.rounds[0].byAsset, name)).toBe(true);
    expect(own(multi.accounts[0].collateral, name)).toBe(true);
    const single = simulateLiquidationCascade([{ id: 'y', collateral: '10', debt: '850' }], {
      price: '100',
      asset: name,
      depth: '100000',
      rounds: 2,
      scenario: { name: 's', moves: rec(name, -0.1), liquidityMultipliers: rec(name, 0.5) },
    });
    expect(single.rounds[0].marketPrice.toString()).toBe('90');
    expect(single.liquidated).toEqual(['y']);
  });

  it('liquidityStress: an asset and a liability with the name, and a run keyed by it', () => {
    const r = liquidityStress(
      {
        buckets: [{ name: '1d', days: 1 }],
        assets: [{ name, amount: '100', haircut: 0.1 }],
        liabilities: [{ name, amount: '100', runoff: [0.1] }],
      },
      { name: 'run', runoff: rec(name, [0.5]), haircutMultipliers: rec(name, 2) },
    );
    expect(r.buckets[0].inflow.toString()).toBe('80');
    expect(r.buckets[0].outflow.toString()).toBe('50');
  });

  it.runIf(marketSafe(name))('stressTest, reverseStressTest, reverseStressPerAsset on a book in the asset', () => {
    const st = stressTest([{ kind: 'spot', underlying: name, quantity: 1 }], market(name), [
      { name: 's', moves: rec(name, -0.1) },
    ]);
    expect(st.scenarios[0].pnl).toBeCloseTo(-10, 9);
    // a lending book: collateral in the asset (LT 0.8) against 40 USDC: HF = 100·(1 − t)·0.8 / 40 < 1 from t = 0.5
    const lending = {
      collateral: [{ asset: name, amount: '1', liquidationThreshold: '0.8' }],
      debt: [{ asset: 'USDC', amount: '40' }],
    };
    const rv = reverseStressTest([], market(name), {
      direction: rec(name, -1),
      target: 'liquidation',
      lending,
      cashAssets: ['USDC'],
    });
    expect(rv.shock).toBeCloseTo(0.5, 9);
    expect(own(rv.moves as object, name)).toBe(true);
    const per = reverseStressPerAsset([], market(name), { target: 'liquidation', lending, cashAssets: ['USDC'] });
    expect(own(per, name)).toBe(true);
    expect(per[name].shock).toBeCloseTo(0.5, 9);
  });

  it.runIf(marketSafe(name))('hedge and hedgeEffect on a book in the asset', () => {
    const book = [
      { kind: 'option' as const, underlying: name, quantity: -10, type: 'call' as const, strike: 110, expiry: 0.25 },
    ];
    const h = hedge(book, market(name, 0.5), [{ kind: 'perp', underlying: name, quantity: 1 }]);
    expect(own(h.after, name)).toBe(true);
    expect(Math.abs(h.after[name].delta as number)).toBeLessThan(1e-9);
    expect(h.before[name].delta).toBeLessThan(0);
    const e = hedgeEffect(book, h.hedgePositions, market(name, 0.5), [{ name: 'down', moves: rec(name, -0.01) }]);
    expect(Math.abs(e.after.worstPnl)).toBeLessThan(Math.abs(e.before.worstPnl));
  });
});
