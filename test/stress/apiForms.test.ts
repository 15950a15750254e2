/** The (subject, context, options) forms of the stress API, their deprecated positional forms, and strict options. */
import { describe, expect, it } from 'vitest';
import { hedge, hedgeEffect, priceVolGrid, reverseStressTest, stressTest } from '../../src/stress/index.js';

const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
const book = [
  { kind: 'option' as const, underlying: 'BTC', quantity: -10, type: 'call' as const, strike: 65000, expiry: 0.25 },
];
const scenarios = priceVolGrid({ priceMoves: [-0.1, 0.1], volShifts: [-0.1, 0.1], assets: ['BTC'] });

describe('hedgeEffect(subject, market, { hedgePositions, scenarios })', () => {
  it('equals the deprecated positional form', () => {
    const h = hedge(book, market, [{ kind: 'perp', underlying: 'BTC', quantity: 1 }]);
    const now = hedgeEffect(book, market, { hedgePositions: h.hedgePositions, scenarios });
    const old = hedgeEffect(book, h.hedgePositions, market, scenarios);
    expect(now).toEqual(old);
    const account = { collateral: [{ asset: 'USDC', amount: '2000000' }], positions: book };
    expect(hedgeEffect(account, market, { hedgePositions: h.hedgePositions, scenarios, cashAssets: ['USDC'] })).toEqual(
      hedgeEffect(account, h.hedgePositions, market, scenarios, { cashAssets: ['USDC'] }),
    );
  });

  it('refuses unknown options and names misplaced fields', () => {
    expect(() => hedgeEffect(book, market, { hedgePositions: [], scenarios, scenario: [] } as never)).toThrow(
      /options\.scenario is not a field; did you mean scenarios\?/,
    );
    expect(() => hedgeEffect(book, market, { hedgePositions: 'x', scenarios } as never)).toThrow(
      /options\.hedgePositions/,
    );
  });
});

describe('strict stress options', () => {
  it("options.method is refused, pointing at options.margin.method (it used to run 'portfolio' silently)", () => {
    expect(() => stressTest(book, market, scenarios, { method: 'cross' } as never)).toThrow(
      /options\.method is not a field; did you mean margin: \{ method \}\?/,
    );
  });

  it('a misspelt option is refused with the closest field', () => {
    expect(() => stressTest(book, market, scenarios, { cashAsset: ['USDC'] } as never)).toThrow(
      /options\.cashAsset is not a field; did you mean cashAssets\?/,
    );
    expect(() =>
      reverseStressTest(book, market, { direction: { BTC: -1 }, target: 'insolvency', gridpoints: 10 } as never),
    ).toThrow(/options\.gridpoints is not a field; did you mean gridPoints\?/);
    expect(() =>
      stressTest([], market, scenarios, {
        lending: { collateral: [{ asset: 'BTC', amount: '1', liquidationthreshold: '0.8' }], debt: [] },
      } as never),
    ).toThrow(
      /options\.lending\.collateral\[0\]\.liquidationthreshold is not a field; did you mean liquidationThreshold\?/,
    );
  });
});
