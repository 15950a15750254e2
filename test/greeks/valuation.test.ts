/**
 * Position valuation and USD Greeks: closed-form values for spot/perps/futures, and every Greek of every contract
 * kind checked against central finite differences of positionValue itself under bumped markets (spot, vol, expiry,
 * rate) — the chain rule through the forward and the inverse conversions are what is under test here. Option prices
 * themselves are checked against mpmath in price.test.ts / mpmath.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Market, Position } from '../../src/core/model.js';
import {
  forwardPrice,
  optionPrice,
  positionGreeks,
  positionValue,
  revaluePnL,
  withEntryPrices,
  RiskInputError,
} from '../../src/greeks/index.js';

const market: Market = {
  assets: {
    BTC: { price: 60000, mark: 60150, vol: 0.6, dividendYield: 0.02 },
    ETH: { price: 3000, vol: 0.75, smile: { strikes: [2000, 3000, 4000], vols: [0.9, 0.7, 0.8] } },
  },
  rate: 0.045,
};

const book: Position[] = [
  { kind: 'spot', underlying: 'ETH', quantity: 12.5 },
  { kind: 'perp', underlying: 'BTC', quantity: -1.5, entryPrice: 58000 },
  { kind: 'perp', underlying: 'BTC', quantity: 25000, settlement: 'inverse', entryPrice: 61000 },
  { kind: 'future', underlying: 'BTC', quantity: 2, expiry: 0.3, entryPrice: 60500 },
  { kind: 'future', underlying: 'BTC', quantity: -40000, expiry: 0.7, settlement: 'inverse' },
  { kind: 'option', underlying: 'BTC', quantity: 3, type: 'call', strike: 65000, expiry: 0.4 },
  { kind: 'option', underlying: 'BTC', quantity: -2, type: 'put', strike: 55000, expiry: 0.2, settlement: 'inverse' },
  { kind: 'option', underlying: 'BTC', quantity: 1.5, type: 'call', strike: 62000, expiry: 0.5, model: 'black76' },
  {
    kind: 'option',
    underlying: 'BTC',
    quantity: -4,
    type: 'put',
    strike: 59000,
    expiry: 0.9,
    model: 'black76',
    settlement: 'inverse',
    vol: 0.55,
  },
  {
    kind: 'option',
    underlying: 'ETH',
    quantity: 7,
    type: 'put',
    strike: 2800,
    expiry: 0.6,
    model: 'bachelier',
    vol: 1500,
  },
  { kind: 'option', underlying: 'ETH', quantity: -9, type: 'call', strike: 3500, expiry: 1.2, settlement: 'inverse' },
];

function bump(m: Market, u: string, f: (a: Market['assets'][string], m: Market) => void): Market {
  const c: Market = JSON.parse(JSON.stringify(m));
  f(c.assets[u], c);
  return c;
}
function withVol(p: Position, m: Market, dv: number): [Position, Market] {
  if (p.kind !== 'option') return [p, m];
  if (p.vol !== undefined) return [{ ...p, vol: p.vol + dv }, m];
  return [
    p,
    bump(m, p.underlying, (a) => {
      if (a.smile) a.smile.vols = a.smile.vols.map((v) => v + dv);
      else a.vol = (a.vol as number) + dv;
    }),
  ];
}
function withExpiry(p: Position, dt: number): Position {
  return p.kind === 'option' || p.kind === 'future' ? { ...p, expiry: p.expiry + dt } : p;
}
const close = (got: number, want: number, scale: number, tol = 2e-6) =>
  Math.abs(got - want) <= tol * (Math.abs(want) + scale);

describe('positionValue', () => {
  it('spot, perps and futures follow the documented formulas', () => {
    const F = (t: number) => 60000 * Math.exp((0.045 - 0.02) * t);
    expect(positionValue(book[0], market)).toBe(12.5 * 3000);
    expect(positionValue(book[1], market)).toBeCloseTo(-1.5 * (60150 - 58000), 9);
    expect(positionValue(book[2], market)).toBeCloseTo(25000 * (1 / 61000 - 1 / 60150) * 60150, 9);
    expect(positionValue(book[3], market)).toBeCloseTo(2 * (F(0.3) - 60500), 8);
    expect(positionValue(book[4], market)).toBe(0); // entry defaults to the current forward
    expect(forwardPrice(market, 'BTC', 0.3)).toBeCloseTo(F(0.3), 9);
  });
  it('options: q·price; inverse bsm in USD equals the linear USD value; inverse black76 is coin value × spot', () => {
    const p = book[6];
    if (p.kind !== 'option') throw new Error();
    const lin = optionPrice({
      type: 'put',
      spot: 60000,
      strike: 55000,
      expiry: 0.2,
      vol: 0.6,
      rate: 0.045,
      dividendYield: 0.02,
    });
    expect(positionValue(p, market)).toBeCloseTo(-2 * lin, 8);
    const F = forwardPrice(market, 'BTC', 0.9);
    const coin = optionPrice({
      model: 'black76',
      type: 'put',
      forward: F,
      strike: 59000,
      expiry: 0.9,
      vol: 0.55,
      rate: 0.045,
      settlement: 'inverse',
    });
    expect(positionValue(book[8], market)).toBeCloseTo(-4 * coin * 60000, 8);
    // smile: ETH 2800 put at vol interpolated 0.9 + (2800-2000)/1000·(0.7-0.9) = 0.74
    const e = book[10];
    if (e.kind !== 'option') throw new Error();
    const ref = optionPrice({ type: 'call', spot: 3000, strike: 3500, expiry: 1.2, vol: 0.7 + 0.5 * 0.1, rate: 0.045 });
    expect(positionValue(e, market)).toBeCloseTo(-9 * ref, 8);
  });
});

describe('positionGreeks = finite differences of positionValue', () => {
  book.forEach((p, i) => {
    it(`${i}: ${p.kind} ${'settlement' in p ? (p.settlement ?? 'linear') : ''} ${p.kind === 'option' ? `${p.model ?? 'bsm'} ${p.type}` : ''}`, () => {
      const g = positionGreeks(p, market);
      const S = market.assets[p.underlying].price;
      const fixed = withEntryPrices([p], market)[0];
      const val = (q: Position, m: Market) => positionValue(q, m);
      const atS = (s: number) =>
        val(
          fixed,
          bump(market, p.underlying, (a) => {
            const ratio = (a.mark ?? a.price) / a.price;
            a.price = s;
            if (a.mark !== undefined) a.mark = s * ratio;
          }),
        );
      const h = S * 1e-4;
      const v0 = atS(S);
      const scale = Math.abs(v0) + Math.abs(p.quantity) * S * 1e-6 + 1e-9;
      expect(close(g.value, val(p, market), scale)).toBe(true);
      expect(close(g.delta, (atS(S + h) - atS(S - h)) / (2 * h), scale / S)).toBe(true);
      expect(close(g.gamma, (atS(S + h) - 2 * v0 + atS(S - h)) / (h * h), scale / S / S, 1e-4)).toBe(true);
      const dv = 1e-4 * (p.kind === 'option' && p.model === 'bachelier' ? 1000 : 1);
      const atV = (d: number) => {
        const [q, m] = withVol(fixed, market, d);
        return val(q, m);
      };
      expect(close(g.vega, (atV(dv) - atV(-dv)) / (2 * dv), scale)).toBe(true);
      expect(close(g.volga, (atV(dv) - 2 * atV(0) + atV(-dv)) / (dv * dv), scale, 1e-4)).toBe(true);
      const dt = 1e-5;
      if (p.kind === 'option' || p.kind === 'future') {
        expect(
          close(g.theta, -(val(withExpiry(fixed, dt), market) - val(withExpiry(fixed, -dt), market)) / (2 * dt), scale),
        ).toBe(true);
      } else expect(g.theta).toBe(0);
      const dr = 1e-5;
      const atR = (d: number) => val(fixed, { ...market, rate: (market.rate ?? 0) + d });
      expect(close(g.rho, (atR(dr) - atR(-dr)) / (2 * dr), scale)).toBe(true);
      const deltaAt = (q: Position, m: Market) => positionGreeks(q, m).delta;
      const d0 = Math.abs(g.delta) + Math.abs(p.quantity) * 1e-6;
      const vanna = (() => {
        const [a, ma] = withVol(fixed, market, dv);
        const [b, mb] = withVol(fixed, market, -dv);
        return (deltaAt(a, ma) - deltaAt(b, mb)) / (2 * dv);
      })();
      expect(close(g.vanna, vanna, d0, 1e-5)).toBe(true);
      const charm = -(deltaAt(withExpiry(fixed, dt), market) - deltaAt(withExpiry(fixed, -dt), market)) / (2 * dt);
      expect(close(g.charm, charm, d0, 1e-5)).toBe(true);
      expect(g.cashDelta).toBe(g.delta * S);
      expect(g.cashGamma).toBeCloseTo(0.5 * g.gamma * S * S * 1e-4, 12);
    });
  });
});

describe('revaluation', () => {
  it('withEntryPrices fills perps from the mark and futures from the forward, without mutating', () => {
    const input: Position[] = [
      { kind: 'perp', underlying: 'BTC', quantity: 1 },
      { kind: 'future', underlying: 'BTC', quantity: 1, expiry: 0.5 },
    ];
    const copy = JSON.stringify(input);
    const out = withEntryPrices(input, market);
    expect(JSON.stringify(input)).toBe(copy);
    expect(out[0].kind === 'perp' && out[0].entryPrice).toBe(60150);
    expect(out[1].kind === 'future' && out[1].entryPrice).toBeCloseTo(forwardPrice(market, 'BTC', 0.5), 9);
  });
  it('revaluePnL sums shocked − base values with entry prices fixed at base', () => {
    const shocked = bump(market, 'BTC', (a) => {
      a.price = 51000;
      a.mark = 51100;
      a.vol = 0.8;
    });
    const fixed = withEntryPrices(book, market);
    const want = fixed.reduce((s, p) => s + positionValue(p, shocked) - positionValue(p, market), 0);
    expect(revaluePnL(book, market, shocked)).toBeCloseTo(want, 6);
    expect(revaluePnL([], market, shocked)).toBe(0);
    expect(revaluePnL(book, market, market)).toBe(0);
  });
});

describe('validation', () => {
  it('names the offending field', () => {
    expect(() =>
      positionValue({ kind: 'option', underlying: 'BTC', quantity: 1, type: 'call', strike: -5, expiry: 1 }, market),
    ).toThrow(/position.strike must be a finite number > 0, got -5/);
    expect(() => positionGreeks({ kind: 'spot', underlying: 'SOL', quantity: 1 }, market)).toThrow(RiskInputError);
    expect(() =>
      positionValue(
        { kind: 'option', underlying: 'X', quantity: 1, type: 'call', strike: 5, expiry: 1 },
        { assets: { X: { price: 4 } } },
      ),
    ).toThrow(/market.assets.X.vol/);
    expect(() => forwardPrice(market, 'BTC', -1)).toThrow(/expiry must be/);
    expect(() => revaluePnL(book, market, { assets: { BTC: { price: 1 } } })).toThrow(/positions\[0\].underlying/);
  });
});
