/** Strict option inputs: unknown keys, unit slips with the allowExtreme opt-out, overflow blamed on its field. */
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import {
  impliedVol,
  impliedVolBatch,
  optionGreeks,
  optionGreeksBatch,
  optionPrice,
  positionValue,
} from '../../src/greeks/index.js';

const base = { type: 'call', spot: 95000, strike: 95000, expiry: 30 / 365, vol: 0.6, rate: 0.05 } as const;

function errorOf(f: () => unknown): RiskInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof RiskInputError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('unit slips are refused with a hint; allowExtreme: true lets them through', () => {
  it.each([
    ['vol', { vol: 60 }, /percentage/],
    ['expiry', { expiry: 30 }, /usually days/],
    ['rate', { rate: 5 }, /percentage/],
    ['dividendYield', { dividendYield: -2 }, /percentage/],
  ])('%s', (field, patch, hint) => {
    const e = errorOf(() => optionPrice({ ...base, ...patch }));
    expect(e.path).toBe(`input.${field}`);
    expect(e.message).toMatch(hint);
    expect(e.message).toMatch(/allowExtreme/);
    expect(Number.isFinite(optionPrice({ ...base, ...patch, allowExtreme: true }))).toBe(true);
  });
  it('a Bachelier vol is absolute (price units), not checked against the lognormal bound', () => {
    expect(
      optionPrice({ model: 'bachelier', type: 'call', forward: 95000, strike: 95000, expiry: 0.1, vol: 30000 }),
    ).toBeGreaterThan(0);
  });
  it('impliedVol refuses an expiry in days and a rate in percent', () => {
    expect(errorOf(() => impliedVol({ type: 'call', spot: 100, strike: 100, expiry: 30, price: 5 })).path).toBe(
      'expiry',
    );
    expect(errorOf(() => impliedVol({ type: 'call', spot: 100, strike: 100, expiry: 1, rate: 5, price: 5 })).path).toBe(
      'rate',
    );
    const p = optionPrice({ type: 'call', spot: 100, strike: 100, expiry: 12, vol: 0.2, allowExtreme: true });
    expect(impliedVol({ type: 'call', spot: 100, strike: 100, expiry: 12, price: p, allowExtreme: true })).toBeCloseTo(
      0.2,
      12,
    );
  });
  it('impliedVolBatch checks each row unless cols.allowExtreme', () => {
    const cols = {
      isCall: Uint8Array.of(1),
      spot: Float64Array.of(100),
      strike: Float64Array.of(100),
      expiry: Float64Array.of(30),
      price: Float64Array.of(50),
    };
    expect(errorOf(() => impliedVolBatch(cols, new Float64Array(1))).path).toBe('cols.expiry[0]');
    expect(impliedVolBatch({ ...cols, allowExtreme: true }, new Float64Array(1))[0]).toBeGreaterThan(0);
  });
});

describe('unknown and misspelt keys', () => {
  it('names the key and the closest known one', () => {
    const e = errorOf(() => optionGreeks({ ...base, dividendyield: 0.01 } as never));
    expect(e.path).toBe('input.dividendyield');
    expect(e.message).toMatch(/did you mean dividendYield\?/);
    expect(errorOf(() => impliedVol({ type: 'call', spot: 100, strike: 100, price: 1, expiri: 1 } as never)).path).toBe(
      'input.expiri',
    );
    const n = 1;
    const one = () => new Float64Array(n);
    const out = {
      price: one(),
      delta: one(),
      gamma: one(),
      vega: one(),
      theta: one(),
      rho: one(),
      vanna: one(),
      volga: one(),
      charm: one(),
    };
    const cols = {
      spot: Float64Array.of(100),
      strike: Float64Array.of(100),
      expiry: Float64Array.of(1),
      vol: Float64Array.of(0.2),
      isCall: Uint8Array.of(1),
    };
    expect(errorOf(() => optionGreeksBatch({ ...cols, strikes: cols.strike } as never, out)).path).toBe('cols.strikes');
    expect(errorOf(() => optionGreeksBatch(cols, { ...out, gama: one() } as never)).path).toBe('out.gama');
  });
});

describe('overflow is blamed on the field that overflows', () => {
  it.each([
    ['vol', { vol: 1e308 }],
    ['rate', { rate: 1e308 }],
    ['dividendYield', { dividendYield: 1e308 }],
  ])('%s = 1e308 with allowExtreme', (field, patch) => {
    const e = errorOf(() => optionGreeks({ ...base, expiry: 1, ...patch, allowExtreme: true }));
    expect(e.path).toBe(`input.${field}`);
  });
  it('impliedVol with rate 1e308 names the rate', () => {
    expect(
      errorOf(() =>
        impliedVol({ type: 'call', spot: 100, strike: 100, expiry: 1, rate: 1e308, price: 5, allowExtreme: true }),
      ).path,
    ).toBe('rate');
  });
});

describe('asset names that are Object.prototype keys', () => {
  it('an underlying named constructor / toString is not found on the prototype', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const e = errorOf(() =>
        positionValue({ kind: 'spot', underlying: name, quantity: 1 }, { assets: { BTC: { price: 1 } } }),
      );
      expect(e.path).toMatch(/underlying/);
    }
  });
});
