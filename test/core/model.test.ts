import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  RiskInputError,
  validateBook,
  validateMarket,
  validatePosition,
  validatePositions,
  optionVol,
} from '../../src/index.js';

const market = {
  assets: {
    BTC: { price: 60000, vol: 0.55, smile: { strikes: [50000, 60000, 70000], vols: [0.6, 0.5, 0.56] } },
    ETH: { price: 3000, vol: 0.7 },
    USDC: { price: 1 },
  },
  rate: 0.03,
};

function thrown(fn: () => unknown): RiskInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RiskInputError) return e;
    throw new Error(`expected RiskInputError, got ${String(e)}`);
  }
  throw new Error('expected a throw');
}

describe('validatePosition', () => {
  it('fills documented defaults without mutating the input', () => {
    const input = { kind: 'option', underlying: 'BTC', quantity: -1, type: 'call', strike: 65000, expiry: 0.25 };
    const frozen = Object.freeze({ ...input });
    const p = validatePosition(frozen);
    expect(p).toEqual({ ...input, marginMode: 'cross', settlement: 'linear', model: 'bsm' });
    expect(p).not.toBe(frozen);
  });

  it('names the failing field with its path', () => {
    const e = thrown(() =>
      validatePositions([
        { kind: 'spot', underlying: 'BTC', quantity: 1 },
        { kind: 'option', underlying: 'BTC', quantity: 1, type: 'call', strike: -5, expiry: 1 },
      ]),
    );
    expect(e.path).toBe('positions[1].strike');
    expect(e.message).toBe('positions[1].strike must be a finite number > 0, got -5');
  });

  it('rejects unknown kinds, bad types and inverse Bachelier', () => {
    expect(thrown(() => validatePosition({ kind: 'swap', underlying: 'BTC', quantity: 1 })).path).toBe('position.kind');
    expect(
      thrown(() =>
        validatePosition({ kind: 'option', underlying: 'BTC', quantity: 1, type: 'straddle', strike: 1, expiry: 1 }),
      ).path,
    ).toBe('position.type');
    expect(
      thrown(() =>
        validatePosition({
          kind: 'option',
          model: 'bachelier',
          settlement: 'inverse',
          underlying: 'BTC',
          quantity: 1,
          type: 'call',
          strike: 1,
          expiry: 1,
        }),
      ).path,
    ).toBe('position.settlement');
    expect(thrown(() => validatePosition({ kind: 'perp', underlying: 'BTC', quantity: NaN })).path).toBe(
      'position.quantity',
    );
    expect(thrown(() => validatePosition(null)).path).toBe('position');
  });

  it('allows a negative Bachelier strike (spreads, rates)', () => {
    const p = validatePosition({
      kind: 'option',
      model: 'bachelier',
      underlying: 'X',
      quantity: 1,
      type: 'put',
      strike: -1,
      expiry: 1,
    });
    expect(p.kind === 'option' && p.strike).toBe(-1);
  });
});

describe('validateMarket and validateBook', () => {
  it('defaults rate and quote, deep-copies the smile', () => {
    const m = validateMarket(market);
    expect(m.rate).toBe(0.03);
    expect(m.quote).toBe('USD');
    expect(m.assets.BTC.smile).not.toBe(market.assets.BTC.smile);
    expect(validateMarket({ assets: {} }).rate).toBe(0);
  });

  it('checks correlation shape, symmetry and diagonal', () => {
    const base = { assets: { A: { price: 1 }, B: { price: 2 } } };
    expect(
      thrown(() =>
        validateMarket({
          ...base,
          correlation: {
            assets: ['A', 'B'],
            matrix: [
              [1, 0.5],
              [0.4, 1],
            ],
          },
        }),
      ).path,
    ).toBe('market.correlation.matrix[1][0]');
    expect(
      thrown(() =>
        validateMarket({
          ...base,
          correlation: {
            assets: ['A', 'B'],
            matrix: [
              [1, 0.5],
              [0.5, 0.9],
            ],
          },
        }),
      ).path,
    ).toBe('market.correlation.matrix[1][1]');
    expect(
      thrown(() =>
        validateMarket({
          ...base,
          correlation: {
            assets: ['A', 'C'],
            matrix: [
              [1, 0],
              [0, 1],
            ],
          },
        }),
      ).path,
    ).toBe('market.correlation.assets[1]');
  });

  it('rejects a smile with non-increasing strikes', () => {
    expect(
      thrown(() => validateMarket({ assets: { A: { price: 1, smile: { strikes: [2, 1], vols: [0.1, 0.2] } } } })).path,
    ).toBe('market.assets.A.smile.strikes[1]');
  });

  it('requires every underlying in the market and a vol for options', () => {
    expect(thrown(() => validateBook([{ kind: 'spot', underlying: 'SOL', quantity: 1 }], market)).path).toBe(
      'positions[0].underlying',
    );
    expect(
      thrown(() =>
        validateBook([{ kind: 'option', underlying: 'USDC', quantity: 1, type: 'put', strike: 1, expiry: 1 }], market),
      ).path,
    ).toBe('market.assets.USDC.vol');
    expect(validateBook([], market).positions).toEqual([]);
  });
});

describe('optionVol', () => {
  const asset = validateMarket(market).assets.BTC;
  const opt = (strike: number, vol?: number) =>
    validatePosition({
      kind: 'option',
      underlying: 'BTC',
      quantity: 1,
      type: 'call',
      strike,
      expiry: 1,
      ...(vol === undefined ? {} : { vol }),
    });

  it('interpolates the smile linearly in strike and is flat beyond the ends', () => {
    // Hand arithmetic: 55000 is halfway between 50000 (0.60) and 60000 (0.50) → 0.55.
    expect(optionVol(opt(55000) as never, asset)).toBeCloseTo(0.55, 15);
    expect(optionVol(opt(65000) as never, asset)).toBeCloseTo(0.53, 15);
    expect(optionVol(opt(10000) as never, asset)).toBe(0.6);
    expect(optionVol(opt(90000) as never, asset)).toBe(0.56);
    expect(optionVol(opt(55000, 0.9) as never, asset)).toBe(0.9);
  });

  it('stays within the range of the smile points (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 200000, noNaN: true }), (k) => {
        const v = optionVol(opt(k) as never, asset);
        return v >= 0.5 && v <= 0.6;
      }),
    );
  });
});
