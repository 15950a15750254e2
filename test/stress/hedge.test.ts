import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Market, Position } from '../../src/index.js';
import { positionGreeks } from '../../src/greeks/index.js';
import { hedge, hedgeEffect, priceVolGrid, simulateLiquidationCascade } from '../../src/stress/index.js';

const market: Market = { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.75 } }, rate: 0.03 };

const book: Position[] = [
  { kind: 'option', underlying: 'BTC', quantity: -10, type: 'call', strike: 65000, expiry: 0.25 },
  { kind: 'option', underlying: 'BTC', quantity: -6, type: 'put', strike: 52000, expiry: 0.1 },
  { kind: 'option', underlying: 'ETH', quantity: 80, type: 'call', strike: 3300, expiry: 0.5, settlement: 'inverse' },
  { kind: 'perp', underlying: 'ETH', quantity: -20 },
];
const btcIns: Position[] = [
  { kind: 'perp', underlying: 'BTC', quantity: 1 },
  { kind: 'option', underlying: 'BTC', quantity: 1, type: 'call', strike: 60000, expiry: 0.08 },
  { kind: 'option', underlying: 'BTC', quantity: 1, type: 'put', strike: 60000, expiry: 1 },
];
const ethIns: Position[] = [
  { kind: 'future', underlying: 'ETH', quantity: 1, expiry: 0.25 },
  { kind: 'option', underlying: 'ETH', quantity: 1, type: 'put', strike: 2800, expiry: 0.05 },
  { kind: 'option', underlying: 'ETH', quantity: 1, type: 'call', strike: 3000, expiry: 0.75 },
];

/** Book Greeks plus trades, recomputed independently with positionGreeks. */
function greeksAfter(positions: Position[], trades: Position[], u: string) {
  const all = [...positions, ...trades].filter((p) => p.underlying === u);
  const out = { delta: 0, gamma: 0, vega: 0, mag: { delta: 0, gamma: 0, vega: 0 } };
  for (const p of all) {
    const g = positionGreeks(p, market);
    for (const k of ['delta', 'gamma', 'vega'] as const) {
      out[k] += g[k];
      out.mag[k] += Math.abs(g[k]);
    }
  }
  return out;
}

describe('hedge', () => {
  it('delta with a perp: exact', () => {
    const h = hedge(book.slice(0, 2), market, [btcIns[0]]);
    expect(h.method).toBe('exact');
    const g = greeksAfter(book.slice(0, 2), h.hedgePositions, 'BTC');
    expect(Math.abs(g.delta)).toBeLessThan(1e-9 * g.mag.delta);
    // a perp has delta 1: the trade is minus the book's delta
    expect(h.trades[0].quantity).toBeCloseTo(-h.before.BTC.delta!, 9);
    expect(h.neutral).toBe(true);
  });

  it('delta, gamma and vega on two underlyings with six instruments: square, exact, neutral to 1e-9', () => {
    const h = hedge(book, market, [...btcIns, ...ethIns], { target: ['delta', 'gamma', 'vega'] });
    expect(h.method).toBe('exact');
    expect(h.neutral).toBe(true);
    for (const u of ['BTC', 'ETH']) {
      const g = greeksAfter(book, h.hedgePositions, u);
      for (const k of ['delta', 'gamma', 'vega'] as const) expect(Math.abs(g[k])).toBeLessThan(1e-9 * g.mag[k]);
    }
  });

  it('more targets than instruments: least squares (normal equations on the scaled rows)', () => {
    const ins = btcIns.slice(0, 2);
    const h = hedge(book.slice(0, 2), market, ins, { target: ['delta', 'gamma', 'vega'] });
    expect(h.method).toBe('least-squares');
    expect(h.neutral).toBe(false);
    // independent reference: rows delta/gamma/vega scaled by their largest instrument entry, 2×2 normal equations
    const G = ins.map((p) => positionGreeks(p, market));
    const bk = book.slice(0, 2).map((p) => positionGreeks(p, market));
    const rows = (['delta', 'gamma', 'vega'] as const).map((k) => {
      const a = G.map((g) => g[k]);
      const s = Math.max(...a.map(Math.abs));
      return { a: a.map((x) => x / s), b: -bk.reduce((t, g) => t + g[k], 0) / s };
    });
    const ata = [
      [0, 0],
      [0, 0],
    ];
    const atb = [0, 0];
    for (const r of rows) {
      for (let i = 0; i < 2; i++) {
        atb[i] += r.a[i] * r.b;
        for (let j = 0; j < 2; j++) ata[i][j] += r.a[i] * r.a[j];
      }
    }
    const det = ata[0][0] * ata[1][1] - ata[0][1] * ata[1][0];
    const x0 = (atb[0] * ata[1][1] - ata[0][1] * atb[1]) / det;
    const x1 = (ata[0][0] * atb[1] - ata[1][0] * atb[0]) / det;
    expect(h.trades[0].quantity).toBeCloseTo(x0, 6);
    expect(h.trades[1].quantity).toBeCloseTo(x1, 6);
  });

  it('fewer targets than instruments: the minimum-norm trade', () => {
    const h = hedge(book.slice(0, 2), market, btcIns, { target: ['delta'] });
    expect(h.method).toBe('minimum-norm');
    expect(h.neutral).toBe(true);
    // one equation a·x = −d: the minimum-norm solution is x = −d·a/|a|²
    const a = btcIns.map((p) => positionGreeks(p, market).delta);
    const d = h.before.BTC.delta!;
    const n2 = a.reduce((s, v) => s + v * v, 0);
    h.trades.forEach((t, j) => expect(t.quantity).toBeCloseTo((-d * a[j]) / n2, 9));
  });

  it('random option books are delta-gamma-vega neutral to 1e-9 (property)', () => {
    const opt = fc.record({
      quantity: fc.integer({ min: -50, max: 50 }).filter((q) => q !== 0),
      type: fc.constantFrom('call' as const, 'put' as const),
      strike: fc.integer({ min: 40000, max: 90000 }),
      expiry: fc.integer({ min: 5, max: 700 }).map((d) => d / 365),
    });
    fc.assert(
      fc.property(fc.array(opt, { minLength: 1, maxLength: 12 }), (opts) => {
        const b: Position[] = opts.map((o) => ({ kind: 'option', underlying: 'BTC', ...o }));
        const h = hedge(b, market, btcIns, { target: ['delta', 'gamma', 'vega'] });
        const g = greeksAfter(b, h.hedgePositions, 'BTC');
        for (const k of ['delta', 'gamma', 'vega'] as const)
          expect(Math.abs(g[k])).toBeLessThanOrEqual(1e-9 * g.mag[k]);
      }),
      { numRuns: 100 },
    );
  });

  it('effect on stress losses and margin', () => {
    const grid = priceVolGrid({ priceMoves: [-0.1, -0.05, 0.05, 0.1], volShifts: [-0.1, 0.1], assets: ['BTC'] });
    const b = book.slice(0, 2);
    const h = hedge(b, market, btcIns, { target: ['delta', 'gamma', 'vega'] });
    const e = hedgeEffect(b, h.hedgePositions, market, grid);
    expect(e.after.worstPnl).toBeGreaterThan(e.before.worstPnl);
    // an account: the hedge lowers portfolio margin
    const account = { collateral: [{ asset: 'USDC', amount: '200000' }], positions: b };
    const ea = hedgeEffect(account, h.hedgePositions, market, grid);
    expect(ea.after.initialMargin!.lt(ea.before.initialMargin!)).toBe(true);
  });

  it('effect on a cascade: a short-perp hedge keeps a borrower out of liquidation', () => {
    // collateral 10 units at 1000, debt 7000; −20% → 8000·0.8 = 6400 < 7000: liquidated
    // hedged with a −5 perp at 1000: equity 8000 − 7000 + 5·200 = 2000 ≥ 0.2·8000 + 0.05·5·800 = 1800
    const plain = simulateLiquidationCascade([{ collateral: '10', debt: '7000' }], {
      price: '1000',
      shock: -0.2,
      rounds: 3,
    });
    const hedged = simulateLiquidationCascade(
      [{ collateral: '10', debt: '7000', perp: { size: '-5', entryPrice: '1000' } }],
      { price: '1000', shock: -0.2, rounds: 3 },
    );
    expect(plain.liquidated.length).toBe(1);
    expect(hedged.liquidated.length).toBe(0);
  });

  it('refuses bad input', () => {
    expect(() => hedge(book, market, [])).toThrow(/instruments/);
    expect(() => hedge(book, market, btcIns, { target: ['speed' as 'delta'] })).toThrow(/options.target\[0\]/);
    expect(() => hedge(book, market, [{ kind: 'perp', underlying: 'XRP', quantity: 1 }])).toThrow(
      /instruments\[0\].underlying/,
    );
  });
});
