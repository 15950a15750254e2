/**
 * Haircut models and collateral valuation: the formulas against hand computations and an independent quantile
 * (scipy.stats.norm.ppf(0.99) = 2.3263478740408408), monotonicity (fast-check), composition, wrong-way limit,
 * exact money, oracle flags, bad inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money } from '../../src/core/money.js';
import { RiskInputError } from '../../src/core/errors.js';
import {
  collateralValue,
  composeHaircuts,
  concentrationAddOn,
  crossCollateralEquity,
  fixedHaircut,
  liquidityHaircut,
  volatilityHaircut,
} from '../../src/haircuts/index.js';
import type { HaircutContext } from '../../src/haircuts/index.js';

const ctx = (asset: string, amount: number, price = 1, totalValue?: number): HaircutContext => ({
  asset,
  amount,
  price,
  value: amount * price,
  totalValue: totalValue ?? amount * price,
});

describe('volatility haircut h = 1 − exp(−z·σ√τ − σ²τ/2)', () => {
  it('matches the formula with scipy’s z_0.99', () => {
    const z = 2.3263478740408408; // scipy.stats.norm.ppf(0.99)
    for (const [s, tau] of [
      [0.8, 1 / 365],
      [0.5, 7 / 365],
      [0.05, 1],
      [1.5, 2 / 365],
    ]) {
      const h = volatilityHaircut({ vol: s, horizon: tau })(ctx('X', 1));
      expect(h).toBeCloseTo(1 - Math.exp(-z * s * Math.sqrt(tau) - 0.5 * s * s * tau), 14);
    }
    // it is the 1% quantile of a driftless lognormal's one-period return: P(S_τ/S < 1 − h) = 1%
    const s = 0.6,
      tau = 3 / 365;
    const h = volatilityHaircut({ vol: s, horizon: tau, confidence: 0.99 })(ctx('X', 1));
    const zq = (Math.log(1 - h) + 0.5 * s * s * tau) / (s * Math.sqrt(tau));
    expect(zq).toBeCloseTo(-z, 12);
  });

  it('is monotone in vol, horizon and confidence', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s1, s2, t1, t2) => {
          const [sl, sh] = s1 <= s2 ? [s1, s2] : [s2, s1];
          const [tl, th] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const h = (s: number, t: number) => volatilityHaircut({ vol: s, horizon: t })(ctx('X', 1));
          return h(sl, tl) <= h(sh, tl) && h(sl, tl) <= h(sl, th) && h(sh, th) <= 1 && h(sl, tl) >= 0;
        },
      ),
    );
  });
});

describe('liquidity haircut h = min(cap, c·√(q/V))', () => {
  it('hand-checked', () => {
    const h = liquidityHaircut({ dailyVolume: { ETH: 1_000_000 }, coefficient: { ETH: 0.02 }, cap: 0.3 });
    expect(h(ctx('ETH', 10_000))).toBeCloseTo(0.002, 15); // 0.02·√0.01
    expect(h(ctx('ETH', 1_000_000))).toBeCloseTo(0.02, 15);
    expect(h(ctx('ETH', 1e12))).toBe(0.3); // capped
    expect(h(ctx('ETH', 0))).toBe(0);
  });
  it('is monotone in size', () => {
    const h = liquidityHaircut({ dailyVolume: 5e5, coefficient: 0.05, cap: 0.4 });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return h(ctx('X', lo)) <= h(ctx('X', hi));
        },
      ),
    );
  });
});

describe('concentration, fixed schedule, composition', () => {
  it('concentration add-on charges the share above the threshold', () => {
    const h = concentrationAddOn({ threshold: 0.4, slope: 0.5, cap: 0.2 });
    expect(h(ctx('A', 30, 1, 100))).toBe(0);
    expect(h(ctx('A', 60, 1, 100))).toBeCloseTo(0.1, 15);
    expect(h(ctx('A', 100, 1, 100))).toBe(0.2);
  });
  it('max and capped sum', () => {
    const a = fixedHaircut({ X: 0.3 });
    const b = fixedHaircut({ X: 0.8 });
    expect(composeHaircuts([a, b], 'max')(ctx('X', 1))).toBe(0.8);
    expect(composeHaircuts([a, b], 'sum')(ctx('X', 1))).toBe(1);
    expect(composeHaircuts([a, fixedHaircut({ X: 0.1 })], 'sum')(ctx('X', 1))).toBeCloseTo(0.4, 15);
  });
  it('a composed vol + size + concentration haircut is monotone in size', () => {
    const h = composeHaircuts(
      [
        volatilityHaircut({ vol: { ETH: 0.7 }, horizon: 2 / 365 }),
        liquidityHaircut({ dailyVolume: { ETH: 2e6 }, coefficient: { ETH: 0.03 }, cap: 0.5 }),
      ],
      'sum',
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return h(ctx('ETH', lo, 3000)) <= h(ctx('ETH', hi, 3000));
        },
      ),
    );
  });
});

describe('collateralValue', () => {
  it('values USDC, ETH, stETH and BTC exactly after haircuts', () => {
    const v = collateralValue(
      [
        { asset: 'USDC', amount: 1_000_000_000n, decimals: 6 },
        { asset: 'ETH', amount: '1.000000000000000001' },
        { asset: 'stETH', amount: '0.1' },
        { asset: 'BTC', amount: '0.2' },
        { asset: 'stETH', amount: '0.2' },
      ],
      { USDC: '0.9999', ETH: '3000.01', stETH: '2995.5', BTC: '61000' },
      { USDC: 0.01, ETH: 0.1, stETH: 0.15, BTC: 0.1 },
    );
    // USDC 1000·0.9999·0.99 = 989.901; ETH 3000.01000000000000300001·0.9 = 2700.009000000000002700009 (checked with Python's decimal)
    // stETH 0.3·2995.5·0.85 = 763.8525; BTC 12200·0.9 = 10980
    expect(v.byAsset.map((l) => l.value.toFixed())).toEqual([
      '989.901',
      '2700.009000000000002700009',
      '763.8525',
      '10980',
    ]);
    expect(v.value.toFixed()).toBe('15433.762500000000002700009');
    expect(v.marketValue.toFixed()).toBe(
      new Money('999.9').plus('3000.01000000000000300001').plus('898.65').plus('12200').toFixed(),
    );
  });

  it('wrong-way: collateral offsetting a short in the same asset gets at most the documented credit', () => {
    const holdings = [
      { asset: 'ETH', amount: '10' },
      { asset: 'USDC', amount: '1000' },
    ];
    const prices = { ETH: '3000', USDC: '1' };
    const hc = { ETH: 0.1, USDC: 0 };
    const none = collateralValue(holdings, prices, hc);
    const short4 = collateralValue(holdings, prices, hc, { shorts: { ETH: '4' } });
    const short4half = collateralValue(holdings, prices, hc, { shorts: { ETH: '4' }, wrongWayCredit: 0.5 });
    expect(none.value.toFixed()).toBe('28000'); // 27000 + 1000
    expect(short4.byAsset[0].wrongWayAmount.toFixed()).toBe('4');
    expect(short4.value.toFixed()).toBe('17200'); // 6·3000·0.9 + 1000
    expect(short4half.value.toFixed()).toBe('22600'); // + 4·3000·0.9·0.5
    const short20 = collateralValue(holdings, prices, hc, { shorts: { ETH: '20' } });
    expect(short20.byAsset[0].value.toFixed()).toBe('0');
  });

  it('passes the concentration share to models and flags stale prices', () => {
    const v = collateralValue(
      [
        { asset: 'A', amount: '80' },
        { asset: 'B', amount: '20' },
      ],
      { A: '1', B: '1' },
      concentrationAddOn({ threshold: 0.5, slope: 1 }),
      {
        oracle: { now: 1000, maxAge: 60 },
        priceStamps: { A: { updatedAt: 990 }, B: { updatedAt: 100 } },
      },
    );
    expect(v.byAsset[0].haircut).toBeCloseTo(0.3, 15);
    expect(v.byAsset[1].haircut).toBe(0);
    expect(v.oracleFlags).toEqual([{ path: 'prices.B', asset: 'B', kind: 'stale', measured: 900, limit: 60 }]);
  });

  it('cross-collateral equity adds unrealized P&L', () => {
    const e = crossCollateralEquity({
      collateral: [{ asset: 'USDC', amount: '100' }],
      prices: { USDC: '1' },
      haircuts: { USDC: 0.02 },
      unrealizedPnl: '-8.25',
    });
    expect(e.equity.toFixed()).toBe('89.75');
  });

  const bad: Array<[string, () => unknown, string]> = [
    [
      'negative amount',
      () => collateralValue([{ asset: 'ETH', amount: '-1' }], { ETH: '1' }, { ETH: 0 }),
      'holdings[0].amount',
    ],
    ['price 0', () => collateralValue([{ asset: 'ETH', amount: '1' }], { ETH: '0' }, { ETH: 0 }), 'prices.ETH'],
    ['missing price', () => collateralValue([{ asset: 'ETH', amount: '1' }], {}, { ETH: 0 }), 'prices.ETH'],
    ['haircut > 1', () => collateralValue([{ asset: 'ETH', amount: '1' }], { ETH: '1' }, { ETH: 1.5 }), 'haircuts.ETH'],
    [
      'unlisted haircut',
      () => collateralValue([{ asset: 'ETH', amount: '1' }], { ETH: '1' }, { BTC: 0.1 }),
      'haircuts.ETH',
    ],
    [
      'stale refused',
      () =>
        collateralValue(
          [{ asset: 'ETH', amount: '1' }],
          { ETH: '1' },
          { ETH: 0 },
          { oracle: { now: 100, maxAge: 1, refuse: true }, priceStamps: { ETH: { updatedAt: 0 } } },
        ),
      'prices.ETH',
    ],
    ['negative vol', () => volatilityHaircut({ vol: -0.1, horizon: 1 }), 'vol'],
    ['confidence 1', () => volatilityHaircut({ vol: 0.1, horizon: 1, confidence: 1 }), 'confidence'],
    ['volume 0', () => liquidityHaircut({ dailyVolume: { ETH: 0 }, coefficient: 0.1 }), 'dailyVolume.ETH'],
    ['fixed > 1', () => fixedHaircut({ ETH: 2 }), 'schedule.ETH'],
  ];
  it.each(bad)('bad input: %s', (_n, fn, path) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).path).toBe(path);
      return;
    }
    throw new Error('did not throw');
  });
});
