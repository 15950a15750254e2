/** portfolioGreeks: sums of positionGreeks per underlying and in total, empty book, validation paths. */
import { describe, expect, it } from 'vitest';
import type { Market, Position } from '../../src/core/model.js';
import { portfolioGreeks, positionGreeks, RiskInputError } from '../../src/greeks/index.js';

const market: Market = {
  assets: { BTC: { price: 60000, mark: 60100, vol: 0.6 }, ETH: { price: 3000, vol: 0.75, dividendYield: 0.03 } },
  rate: 0.04,
};
const book: Position[] = [
  { kind: 'option', underlying: 'BTC', quantity: 2, type: 'call', strike: 65000, expiry: 0.25 },
  {
    kind: 'option',
    underlying: 'BTC',
    quantity: -3,
    type: 'put',
    strike: 55000,
    expiry: 0.5,
    settlement: 'inverse',
    model: 'black76',
  },
  { kind: 'perp', underlying: 'BTC', quantity: 30000, settlement: 'inverse' },
  { kind: 'future', underlying: 'ETH', quantity: -10, expiry: 0.3 },
  { kind: 'spot', underlying: 'ETH', quantity: 25 },
  {
    kind: 'option',
    underlying: 'ETH',
    quantity: 40,
    type: 'put',
    strike: 2500,
    expiry: 0.1,
    model: 'bachelier',
    vol: 2000,
  },
];

describe('portfolioGreeks', () => {
  it('sums positionGreeks per underlying and in total', () => {
    const g = portfolioGreeks(book, market);
    expect(Object.keys(g.byUnderlying)).toEqual(['BTC', 'ETH']);
    expect(g.positions).toHaveLength(book.length);
    const keys = Object.keys(g.total) as (keyof typeof g.total)[];
    expect(keys).toEqual([
      'value',
      'delta',
      'gamma',
      'vega',
      'theta',
      'rho',
      'vanna',
      'volga',
      'charm',
      'cashDelta',
      'cashGamma',
    ]);
    for (const u of ['BTC', 'ETH']) {
      const own = book.filter((p) => p.underlying === u).map((p) => positionGreeks(p, market));
      for (const k of keys) {
        const want = own.reduce((s, x) => s + x[k], 0);
        expect(g.byUnderlying[u][k]).toBeCloseTo(want, 9);
      }
    }
    for (const k of keys) expect(g.total[k]).toBeCloseTo(g.byUnderlying.BTC[k] + g.byUnderlying.ETH[k], 9);
    // ETH: spot 25 − future 10·e^{(r−y)T} + a long put's negative delta
    expect(g.byUnderlying.ETH.delta).toBeLessThan(25 - 10 * Math.exp(0.01 * 0.3));
    expect(g.total.cashDelta).toBeCloseTo(g.byUnderlying.BTC.delta * 60000 + g.byUnderlying.ETH.delta * 3000, 6);
  });
  it('empty book: zero totals', () => {
    const g = portfolioGreeks([], market);
    expect(g.positions).toEqual([]);
    expect(g.byUnderlying).toEqual({});
    expect(Object.values(g.total).every((v) => v === 0)).toBe(true);
  });
  it('validates the book and does not mutate it', () => {
    const copy = JSON.stringify(book);
    portfolioGreeks(book, market);
    expect(JSON.stringify(book)).toBe(copy);
    expect(() => portfolioGreeks([...book, { kind: 'spot', underlying: 'SOL', quantity: 1 }], market)).toThrow(
      /positions\[6\].underlying/,
    );
    expect(() =>
      portfolioGreeks(
        [{ kind: 'option', underlying: 'BTC', quantity: 1, type: 'call', strike: 1, expiry: -1 }],
        market,
      ),
    ).toThrow(RiskInputError);
  });
});
