import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/index.js';
import {
  applyScenario,
  HISTORICAL_EVENTS,
  historicalScenarios,
  lstDepeg,
  oracleJump,
  oracleStale,
  priceVolGrid,
  spanScenarios,
  stablecoinDepeg,
  validateScenario,
} from '../../src/stress/index.js';

const market = {
  assets: {
    BTC: { price: 60000, vol: 0.6, mark: 60100 },
    ETH: { price: 3000, smile: { strikes: [2000, 3000, 4000], vols: [0.9, 0.7, 0.8] } },
  },
  rate: 0.03,
  correlation: {
    assets: ['BTC', 'ETH'],
    matrix: [
      [1, 0.7],
      [0.7, 1],
    ],
  },
};

describe('applyScenario', () => {
  it('moves prices, marks, vols, smiles, rate and correlation', () => {
    const m = applyScenario(market, {
      name: 's',
      moves: { BTC: -0.2, '*': 0.1 },
      volShift: { BTC: 0.1 },
      volScale: { ETH: 1.5 },
      rateShift: 0.01,
      correlation: 1,
    });
    expect(m.assets.BTC.price).toBeCloseTo(48000, 9);
    expect(m.assets.BTC.mark).toBeCloseTo(60100 * 0.8, 9);
    expect(m.assets.BTC.vol).toBeCloseTo(0.7, 15);
    expect(m.assets.ETH.price).toBeCloseTo(3300, 9);
    expect(m.assets.ETH.smile!.vols.map((v) => +v.toFixed(12))).toEqual([1.35, 1.05, 1.2]);
    expect(m.rate).toBeCloseTo(0.04, 15);
    expect(m.correlation!.matrix).toEqual([
      [1, 1],
      [1, 1],
    ]);
    // the input is not mutated
    expect(market.assets.BTC.price).toBe(60000);
  });

  it('vol floors at zero; oracle moves apart from the market', () => {
    const m = applyScenario(market, {
      name: 's',
      volShift: { '*': -5 },
      moves: { BTC: -0.3 },
      oracleMoves: { BTC: 0 },
    });
    expect(m.assets.BTC.vol).toBe(0);
    expect(m.assets.BTC.price).toBeCloseTo(42000, 9);
    expect(m.assets.BTC.mark).toBe(60100);
  });

  it('refuses malformed scenarios with named paths', () => {
    expect(() => validateScenario({ name: 'x', move: { BTC: -0.1 } })).toThrow(/scenario.move/);
    expect(() => validateScenario({ name: 'x', moves: { BTC: -1 } })).toThrow(/scenario.moves.BTC/);
    expect(() => validateScenario({ name: 'x', correlation: 2 })).toThrow(RiskInputError);
    expect(() => applyScenario(market, { name: '' })).toThrow(/scenario.name/);
  });
});

describe('builders', () => {
  it('SPAN: 16 scenarios in CME order with 35% on the extremes', () => {
    const s = spanScenarios({ priceScanRange: 0.15, volScanRange: 0.1, assets: ['BTC'] });
    expect(s.length).toBe(16);
    const mv = s.map((x) => +(x.moves!.BTC / 0.15).toFixed(12));
    expect(mv).toEqual(
      [0, 0, 1 / 3, 1 / 3, -1 / 3, -1 / 3, 2 / 3, 2 / 3, -2 / 3, -2 / 3, 1, 1, -1, -1, 3, -3].map(
        (x) => +x.toFixed(12),
      ),
    );
    const vol = s.map((x) => x.volShift?.BTC ?? 0);
    expect(vol).toEqual([0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0, 0]);
    expect(s.map((x) => x.weight ?? 1)).toEqual([...Array(14).fill(1), 0.35, 0.35]);
    expect(() => spanScenarios({ priceScanRange: 0.4, volScanRange: 0.1 })).toThrow(/extremeMultiple/);
  });

  it('price × vol grid, depegs and oracle scenarios', () => {
    const g = priceVolGrid({
      priceMoves: [-0.3, 0, 0.3],
      volShifts: [-0.2, 0, 0.5],
      volMode: 'relative',
      assets: ['ETH'],
    });
    expect(g.length).toBe(9);
    expect(g[8].volScale).toEqual({ ETH: 1.5 });
    expect(g[4].volScale).toBeUndefined();
    const d = stablecoinDepeg({ asset: 'USDC', depeg: 0.13, haircutMultiplier: 3 });
    expect(d.moves).toEqual({ USDC: -0.13 });
    expect(d.haircutMultipliers).toEqual({ USDC: 3 });
    const l = lstDepeg({ lst: 'stETH', base: 'ETH', discount: 0.08 });
    expect(l.moves!.stETH).toBeCloseTo(-0.08, 15);
    expect(oracleStale({ asset: 'BTC', move: -0.2 })).toMatchObject({ moves: { BTC: -0.2 }, oracleMoves: { BTC: 0 } });
    expect(oracleJump({ asset: 'BTC', jump: 0.3 })).toMatchObject({ moves: { BTC: 0 }, oracleMoves: { BTC: 0.3 } });
    expect(() => stablecoinDepeg({ asset: 'USDC', depeg: 1.2 })).toThrow(/options.depeg/);
  });

  it('historical events: every event dated, windowed and sourced; the named ones present', () => {
    const ids = HISTORICAL_EVENTS.map((e) => e.id);
    for (const id of [
      'black-thursday-2020',
      'may-19-2021',
      'terra-luna-2022',
      'steth-discount-2022',
      'ftx-2022',
      'usdc-depeg-2023',
      'aug-5-2024',
      'oct-10-2025',
    ]) {
      expect(ids).toContain(id);
    }
    for (const e of HISTORICAL_EVENTS) {
      expect(e.dates[0] <= e.dates[1]).toBe(true);
      expect(e.source!.length).toBeGreaterThan(40);
      expect(e.window!.length).toBeGreaterThan(10);
      for (const v of Object.values(e.moves!)) expect(v > -1 && v <= 0).toBe(true);
      expect(() => validateScenario(historicalScenarios([e.id])[0])).not.toThrow();
    }
    // figures as quoted: BTC 7,300 → 3,900 on Black Thursday; SOL −61.6% in the FTX week
    expect(historicalScenarios(['black-thursday-2020'])[0].moves!.BTC).toBeCloseTo(3900 / 7300 - 1, 15);
    expect(historicalScenarios(['ftx-2022'])[0].moves!.SOL).toBe(-0.616);
    expect(() => historicalScenarios(['nope'])).toThrow(/ids\[0\]/);
    // applied to a book without SOL/UST/LUNA, unknown assets are ignored
    const m = applyScenario(market, historicalScenarios(['terra-luna-2022'])[0]);
    expect(m.assets.BTC.price).toBeCloseTo(60000 * (1 - 0.284), 9);
  });
});
