/** The strict input contract: unknown keys, unit slips and the allowExtreme opt-out, asset names, money range. */
import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import {
  RiskInputError,
  toMoney,
  validateBook,
  validateMarket,
  validatePosition,
  validatePositions,
} from '../../src/index.js';
import { validateCollateral } from '../../src/core/model.js';

function thrown(fn: () => unknown): RiskInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RiskInputError) return e;
    throw new Error(`expected RiskInputError, got ${String(e)}`);
  }
  throw new Error('expected a throw');
}

const call = { kind: 'option', underlying: 'BTC', quantity: 1, type: 'call', strike: 60000, expiry: 0.25 };
const market = { assets: { BTC: { price: 60000, vol: 0.6 } }, rate: 0.04 };

describe('unknown and misspelt fields', () => {
  it('names the key and the closest known one', () => {
    const e = thrown(() =>
      validatePositions([call, call, { kind: 'perp', underlying: 'BTC', quantity: 1, marginmode: 'isolated' }]),
    );
    expect(e.path).toBe('positions[2].marginmode');
    expect(e.message).toBe('positions[2].marginmode is not a field; did you mean marginMode?');
    expect(thrown(() => validateMarket({ assets: { BTC: { price: 1, vlo: 0.5 } } })).message).toBe(
      'market.assets.BTC.vlo is not a field; did you mean vol?',
    );
    expect(thrown(() => validateMarket({ ...market, rates: 0.05 })).message).toBe(
      'market.rates is not a field; did you mean rate?',
    );
    expect(
      thrown(() => validateMarket({ assets: { BTC: { price: 1, smile: { strikes: [1], vols: [0.5], vol: [1] } } } }))
        .path,
    ).toBe('market.assets.BTC.smile.vol');
    expect(
      thrown(() =>
        validateMarket({ assets: { A: { price: 1 } }, correlation: { assets: ['A'], matrix: [[1]], names: [] } }),
      ).path,
    ).toBe('market.correlation.names');
  });

  it('refuses a field of another kind, and a misspelt kind before anything else', () => {
    expect(thrown(() => validatePosition({ kind: 'spot', underlying: 'BTC', quantity: 1, strike: 5 })).path).toBe(
      'position.strike',
    );
    expect(thrown(() => validatePosition({ knd: 'spot', underlying: 'BTC', quantity: 1 })).message).toBe(
      'position.knd is not a field; did you mean kind?',
    );
  });

  it('checks collateral on a position (read by riskcore/netting) strictly too', () => {
    const p = {
      kind: 'perp',
      underlying: 'BTC',
      quantity: 1,
      marginMode: 'isolated',
      collateral: [{ asset: 'USDC', amount: '10', amout: 1 }],
    };
    expect(thrown(() => validatePosition(p)).message).toBe(
      'position.collateral[0].amout is not a field; did you mean amount?',
    );
    expect(validatePosition({ ...p, collateral: [{ asset: 'USDC', amount: '10' }] })).not.toHaveProperty('collateral');
    expect(validateCollateral({ asset: 'USDC', amount: '10.5' }, 'c').amount.toString()).toBe('10.5');
  });
});

describe('unit slips', () => {
  it('refuses a vol of 60, a rate of 5, an expiry of 30, a yield of 3, a smile vol of 70, naming the slip', () => {
    const vol = thrown(() => validatePosition({ ...call, vol: 60 }));
    expect(vol.path).toBe('position.vol');
    expect(vol.message).toContain('usually a percentage');
    expect(vol.message).toContain('allowExtreme: true');
    expect(thrown(() => validatePosition({ ...call, expiry: 30 })).message).toContain('usually days');
    expect(thrown(() => validatePosition({ kind: 'future', underlying: 'BTC', quantity: 1, expiry: 30 })).path).toBe(
      'position.expiry',
    );
    expect(thrown(() => validateMarket({ ...market, rate: 5 })).message).toContain('rates are fractions per year');
    expect(thrown(() => validateMarket({ ...market, rate: -5 })).path).toBe('market.rate');
    expect(thrown(() => validateMarket({ assets: { BTC: { price: 1, dividendYield: 3 } } })).path).toBe(
      'market.assets.BTC.dividendYield',
    );
    expect(thrown(() => validateMarket({ assets: { BTC: { price: 1, vol: 60 } } })).path).toBe('market.assets.BTC.vol');
    expect(
      thrown(() => validateMarket({ assets: { BTC: { price: 1, smile: { strikes: [1, 2], vols: [0.5, 70] } } } })).path,
    ).toBe('market.assets.BTC.smile.vols[1]');
  });

  it('accepts them with allowExtreme: true on the object that carries them, and keeps the flag', () => {
    const p = validatePosition({ ...call, vol: 60, expiry: 30, allowExtreme: true });
    expect(p).toMatchObject({ vol: 60, expiry: 30, allowExtreme: true });
    expect(validatePosition(p)).toEqual(p); // re-validating a normalised position keeps working
    expect(validateMarket({ ...market, rate: 5, allowExtreme: true }).rate).toBe(5);
    const m = validateMarket({
      assets: { BTC: { price: 1, vol: 60, smile: { strikes: [1], vols: [70] }, allowExtreme: true } },
    });
    expect(m.assets.BTC.smile?.vols).toEqual([70]);
    // the flag of one object does not open another's
    expect(thrown(() => validateMarket({ assets: { BTC: { price: 1, vol: 60 } }, allowExtreme: true })).path).toBe(
      'market.assets.BTC.vol',
    );
    expect(thrown(() => validatePosition({ ...call, vol: 60, allowExtreme: 'yes' })).path).toBe(
      'position.allowExtreme',
    );
  });

  it('does not apply the lognormal limit to a Bachelier (absolute) vol', () => {
    expect(validatePosition({ ...call, model: 'bachelier', vol: 1500 })).toMatchObject({ vol: 1500 });
    expect(thrown(() => validatePosition({ ...call, model: 'bachelier', settlement: 'inverse' })).path).toBe(
      'position.settlement',
    );
  });
});

describe('asset names are plain names', () => {
  it('looks up underlyings as own properties', () => {
    const spot = (underlying: string) => [{ kind: 'spot', underlying, quantity: 1 }];
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(thrown(() => validateBook(spot(name), market)).path).toBe('positions[0].underlying');
    }
    const m = validateBook(spot('constructor'), { assets: { constructor: { price: 5 } } }).market;
    expect(m.assets['constructor' as string].price).toBe(5);
  });

  it('takes a __proto__ asset from JSON as a name, never a prototype change', () => {
    const raw = JSON.parse('{"assets": {"__proto__": {"price": 7}, "BTC": {"price": 1}}}');
    const m = validateMarket(raw);
    expect(Object.keys(m.assets)).toEqual(['__proto__', 'BTC']);
    expect(Object.getPrototypeOf(m.assets)).toBe(null);
    expect(Object.getOwnPropertyDescriptor(m.assets, '__proto__')?.value).toEqual({ price: 7 });
    expect(({} as Record<string, unknown>).price).toBeUndefined();
    expect(validateBook([{ kind: 'spot', underlying: '__proto__', quantity: 1 }], raw).positions).toHaveLength(1);
    expect(thrown(() => validateMarket({ assets: { '': { price: 1 } } })).path).toBe('market.assets.');
  });
});

describe('money at the edges', () => {
  it('refuses non-finite, out-of-range and over-precise amounts, naming the field', () => {
    for (const bad of ['1e9000000000000001', '1e400', '1e51', '-1e51', '1e-9000000000000001', '1e-341']) {
      expect(thrown(() => toMoney(bad, 'collateral[0].amount')).path).toBe('collateral[0].amount');
    }
    expect(thrown(() => toMoney(1e300, 'x')).message).toBe(
      'x must be an amount at most 1e+50 in magnitude, got 1e+300',
    );
    expect(thrown(() => toMoney(10n ** 51n, 'x')).path).toBe('x');
    expect(thrown(() => toMoney(new Decimal('1e60'), 'x')).path).toBe('x');
    expect(thrown(() => toMoney('1', 'x', { decimal: 18 } as never)).path).toBe('opts.decimal');
  });

  it('keeps amounts in range exact', () => {
    expect(toMoney('1e40', 'x').toFixed()).toBe(`1${'0'.repeat(40)}`);
    expect(toMoney('123456789012345678901234567890.123456789012345678901234567891', 'x').toFixed()).toBe(
      '123456789012345678901234567890.123456789012345678901234567891',
    );
    expect(toMoney(5e-324, 'x').eq(new Decimal('5e-324'))).toBe(true);
    expect(toMoney(10n ** 40n, 'x').toFixed()).toBe(`1${'0'.repeat(40)}`);
  });
});
