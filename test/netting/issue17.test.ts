/**
 * Regressions of issue 17 (netting defects), one describe per defect, each with the case that failed before the fix
 * and the fast-check property it asks for:
 * 1. identical instruments net before margining, under every method;
 * 2. the default method is standard margin for a delta-one book (portfolio opt-in), and capital efficiency never
 *    reports a negative netting benefit;
 * 3. withDynamicRange returns valid parameters for every fraction it accepts;
 * 4. a same-expiry long and short future are not a roll spread;
 * 5. margin figures do not depend on the order of the positions, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { optionPrice } from '../../src/greeks/index.js';
import {
  accountMargin,
  capitalEfficiency,
  liquidationPrice,
  marginParams,
  netExposures,
  prepareMargin,
  validateMarginParams,
  withDynamicRange,
  DEFAULT_MARGIN_PARAMS,
  MAX_DYNAMIC_TIER_RATE,
} from '../../src/netting/index.js';
import type { Account, AccountPosition, MarginContext, MarginParams } from '../../src/netting/index.js';

const S = 60000;
const market = { assets: { BTC: { price: S, vol: 0.6 }, ETH: { price: 3000, vol: 0.75 } }, rate: 0.03 };
const METHODS = ['standard', 'cross', 'portfolio'] as const;
const call65 = (quantity: number): AccountPosition => ({
  kind: 'option',
  underlying: 'BTC',
  type: 'call',
  strike: 65000,
  expiry: 0.1,
  quantity,
});
const usdc = (amount: string) => [{ asset: 'USDC', amount }];

// random books: every kind, both settlements, duplicates of one instrument likely (few strikes, expiries, entries)
const qty = fc.double({ min: -20, max: 20, noNaN: true }).filter((q) => Math.abs(q) > 1e-6);
const positionArb: fc.Arbitrary<AccountPosition> = fc.oneof(
  fc
    .record({
      kind: fc.constant('option' as const),
      underlying: fc.constantFrom('BTC', 'ETH'),
      type: fc.constantFrom('call' as const, 'put' as const),
      k: fc.constantFrom(0.9, 1, 1.1),
      expiry: fc.constantFrom(0.05, 0.25),
      quantity: qty,
      inverse: fc.boolean(),
    })
    .map(({ k, inverse, ...o }) => ({
      ...o,
      strike: k * (o.underlying === 'BTC' ? 60000 : 3000),
      settlement: inverse ? ('inverse' as const) : ('linear' as const),
    })),
  fc
    .record({
      kind: fc.constant('perp' as const),
      underlying: fc.constantFrom('BTC', 'ETH'),
      quantity: qty,
      entry: fc.constantFrom(undefined, 0.98, 1.02),
    })
    .map(({ entry, ...o }) => ({
      ...o,
      ...(entry === undefined ? {} : { entryPrice: entry * (o.underlying === 'BTC' ? 60000 : 3000) }),
    })),
  fc.record({
    kind: fc.constant('perp' as const),
    underlying: fc.constant('BTC'),
    quantity: qty.map((q) => q * 1000),
    settlement: fc.constant('inverse' as const),
  }),
  fc.record({
    kind: fc.constant('future' as const),
    underlying: fc.constantFrom('BTC', 'ETH'),
    quantity: qty,
    expiry: fc.constantFrom(0.25, 0.5),
  }),
  fc.record({ kind: fc.constant('spot' as const), underlying: fc.constantFrom('BTC', 'ETH'), quantity: qty }),
);
const bookArb = fc.array(positionArb, { minLength: 0, maxLength: 10 });
const pmParams = marginParams({
  assets: Object.fromEntries(
    ['BTC', 'ETH', '*'].map((k) => [
      k,
      {
        ...DEFAULT_MARGIN_PARAMS.assets[k],
        portfolio: { ...DEFAULT_MARGIN_PARAMS.assets[k].portfolio, optionContingency: 0.005, futuresContingency: 0.01 },
      },
    ]),
  ),
  aggregation: {
    method: 'correlation',
    maxCredit: 0.4,
    correlation: {
      assets: ['BTC', 'ETH'],
      matrix: [
        [1, 0.7],
        [0.7, 1],
      ],
    },
  },
});
const contexts = [prepareMargin(market), prepareMargin(market, pmParams)];

/** Every margin figure of a result as strings (money as decimals, floats by their shortest round-trip form). */
const figures = (a: Account, ctx: MarginContext, method: (typeof METHODS)[number]) => {
  const r = accountMargin(a, ctx, { method });
  return {
    initialMargin: r.initialMargin.toString(),
    maintenanceMargin: r.maintenanceMargin.toString(),
    liquidatable: r.liquidatable,
    diversificationCredit: r.diversificationCredit.toString(),
    units: r.units.map((u) => [u.initialMargin.toString(), u.maintenanceMargin.toString()]),
  };
};

describe('1. identical instruments net before margining', () => {
  it('an empty account needs 0, and +1 −1 of one call needs 0 under every method (was 11,272.97)', () => {
    for (const method of METHODS) {
      expect(accountMargin({}, market, { method }).initialMargin.toString()).toBe('0');
      const r = accountMargin({ positions: [call65(1), call65(-1)] }, market, { method });
      expect(r.initialMargin.toString()).toBe('0');
      expect(r.maintenanceMargin.toString()).toBe('0');
    }
    // what the legs cost margined apart (the old figure): short call max(0.15 − 5,000/60,000, 0.1)·60,000 + mark
    // = 6,000 + mark, long call = mark, mark by riskcore/greeks' optionPrice (Black–Scholes, r = 0.03)
    const mark = optionPrice({ type: 'call', spot: S, strike: 65000, expiry: 0.1, vol: 0.6, rate: 0.03 });
    const apart = accountMargin({ positions: [call65(-1)] }, market, { method: 'standard' }).initialMargin.toNumber();
    expect(apart).toBeCloseTo(6000 + mark, 6);
    const flat = { assets: { BTC: { price: S, vol: 0.6 } } };
    const legs =
      accountMargin({ positions: [call65(-1)] }, flat, { method: 'standard' }).initialMargin.toNumber() +
      accountMargin({ positions: [call65(1)] }, flat, { method: 'standard' }).initialMargin.toNumber();
    expect(legs.toFixed(2)).toBe('11272.97');
  });

  it('standard margin nets one contract across entry prices and sub-accounts of the cross pool', () => {
    // +2 perps entered at 59,000 in the account, −2 entered at 61,000 in a cross sub-account: one flat position
    const a: Account = {
      positions: [{ kind: 'perp', underlying: 'BTC', quantity: 2, entryPrice: 59000 }],
      subAccounts: [{ positions: [{ kind: 'perp', underlying: 'BTC', quantity: -2, entryPrice: 61000 }] }],
    };
    expect(accountMargin(a, market, { method: 'standard' }).initialMargin.toString()).toBe('0');
    // a perp and a future are different contracts: 60,000 and 61,823.3 notional, 1% each (100× tier)
    const b: Account = {
      positions: [
        { kind: 'perp', underlying: 'BTC', quantity: 1 },
        { kind: 'future', underlying: 'BTC', quantity: -1, expiry: 0.25 },
      ],
    };
    const f = S * Math.exp(0.03 * 0.25);
    expect(accountMargin(b, market, { method: 'standard' }).initialMargin.toNumber()).toBeCloseTo(0.01 * (S + f), 6);
  });

  it('adding a position and its exact offset leaves every margin figure unchanged, for every method (property)', () => {
    fc.assert(
      fc.property(bookArb, positionArb, fc.nat(10), fc.boolean(), (book, p, at, sub) => {
        const off = { ...p, quantity: -p.quantity };
        const withPair = [...book.slice(0, at), p, ...book.slice(at), off];
        const before: Account = sub ? { subAccounts: [{ positions: book }] } : { positions: book };
        const after: Account = sub
          ? { subAccounts: [{ positions: withPair.slice(0, -1) }], positions: [off] }
          : { positions: withPair };
        for (const ctx of contexts)
          for (const method of METHODS) expect(figures(after, ctx, method)).toEqual(figures(before, ctx, method));
      }),
      { numRuns: 150 },
    );
  });
});

describe('2. the default method and the netting benefit', () => {
  it('20 BTC long needs 60,000 by default (standard), 192,000 only when portfolio margin is asked for', () => {
    const a: Account = { positions: [{ kind: 'perp', underlying: 'BTC', quantity: 20 }] };
    // 1.2M notional in Binance's 1M–10M tier: 5% = 60,000; the ±16% scan: 0.16 × 1.2M = 192,000
    const d = accountMargin(a, market);
    expect(d.method).toBe('standard');
    expect(d.initialMargin.toNumber()).toBeCloseTo(60000, 6);
    expect(accountMargin(a, market, { method: 'portfolio' }).initialMargin.toNumber()).toBeCloseTo(192000, 6);
    expect(liquidationPrice(a, market, { underlying: 'BTC' })).toEqual(
      liquidationPrice(a, market, { underlying: 'BTC', method: 'standard' }),
    );
  });

  it('a book holding an option keeps the documented default, portfolio margin', () => {
    const a: Account = {
      positions: [{ kind: 'perp', underlying: 'ETH', quantity: 3 }],
      subAccounts: [{ marginMode: 'isolated', positions: [call65(-1)], collateral: usdc('20000') }],
    };
    const d = accountMargin(a, market);
    expect(d.method).toBe('portfolio');
    expect(d).toEqual(accountMargin(a, market, { method: 'portfolio' }));
  });

  it('a mixed perps account with sub-accounts is not flagged liquidatable by a ±16% scan it never asked for', () => {
    const a: Account = {
      collateral: usdc('150000'),
      positions: [
        { kind: 'perp', underlying: 'BTC', quantity: 20 },
        { kind: 'perp', underlying: 'ETH', quantity: -100 },
      ],
      subAccounts: [
        { positions: [{ kind: 'perp', underlying: 'ETH', quantity: 300 }], collateral: usdc('10000') },
        {
          marginMode: 'isolated',
          positions: [{ kind: 'perp', underlying: 'BTC', quantity: -5 }],
          collateral: usdc('60000'),
        },
      ],
    };
    // cross pool: BTC 1.2M → 5% = 60,000; ETH one contract, net +200 → 600,000 at 4% (Hyperliquid 25×) = 24,000;
    // isolated: BTC 300,000 → 2% = 6,000. Total 90,000 (IM); collateral 220,000
    const d = accountMargin(a, market);
    expect(d.method).toBe('standard');
    expect(d.initialMargin.toNumber()).toBeCloseTo(90000, 6);
    expect(d.liquidatable).toBe(false);
    // portfolio margin, opt-in: 0.16 × (1.2M + 600k) + 0.16 × 300k = 336,000, above the 160,000 cross collateral
    const pm = accountMargin(a, market, { method: 'portfolio' });
    expect(pm.initialMargin.toNumber()).toBeCloseTo(336000, 6);
    expect(pm.liquidatable).toBe(true);
    // capital efficiency: portfolio margin costs 246,000 more than standard; that is no benefit
    const ce = capitalEfficiency(a, market);
    expect(ce.portfolio.minus(ce.standard).toNumber()).toBeCloseTo(246000, 6);
    expect(ce.lowestMethod).toBe('standard');
    expect(ce.nettingBenefit.toString()).toBe('0');
    expect(ce.nettingBenefitFraction).toBe(0);
    expect(ce.nettingBenefitPct).toBe(0);
  });

  it('the netting benefit is standard − the lowest margin: never negative, a fraction in [0, 1] (property)', () => {
    fc.assert(
      fc.property(bookArb, fc.constantFrom(...contexts), (book, ctx) => {
        const ce = capitalEfficiency({ positions: book }, ctx);
        const lowest = [ce.standard, ce.cross, ce.portfolio].reduce((a, b) => (b.lt(a) ? b : a));
        expect(ce.nettingBenefit.isNegative()).toBe(false);
        expect(ce.nettingBenefit.eq(ce.standard.minus(lowest))).toBe(true);
        expect(ce[ce.lowestMethod].eq(lowest)).toBe(true);
        expect(ce.nettingBenefitFraction).toBeGreaterThanOrEqual(0);
        expect(ce.nettingBenefitFraction).toBeLessThanOrEqual(1);
        expect(ce.nettingBenefitPct).toBe(ce.nettingBenefitFraction);
      }),
      { numRuns: 100 },
    );
  });
});

describe('3. withDynamicRange returns valid parameters', () => {
  it('a fraction of 0.2 (its example) gives parameters the margin functions accept, rates capped at 1', () => {
    const p = withDynamicRange(DEFAULT_MARGIN_PARAMS, 'BTC', 0.2);
    expect(() => validateMarginParams(p)).not.toThrow();
    // Binance's BTCUSDT tiers × 25 (0.2 / 0.008), capped at 1
    expect(p.assets.BTC.linear.tiers.map((t) => t.initialRate)).toEqual([0.2, 0.25, 0.5, 1, 1, 1, 1, 1, 1, 1]);
    expect(p.assets.BTC.linear.tiers.map((t) => t.maintenanceRate)).toEqual([
      0.1, 0.125, 0.25, 0.625, 1, 1, 1, 1, 1, 1,
    ]);
    const a: Account = { positions: [{ kind: 'perp', underlying: 'BTC', quantity: 20 }] };
    // 1.2M notional: initial rate 1 (capped) → 1,200,000; maintenance 50k·0.1 + 200k·0.125 + 750k·0.25 + 200k·0.625
    const r = accountMargin(a, market, { params: p });
    expect(r.initialMargin.toNumber()).toBeCloseTo(1200000, 6);
    expect(r.maintenanceMargin.toNumber()).toBeCloseTo(5000 + 25000 + 187500 + 125000, 6);
  });

  it('every fraction it accepts gives valid parameters and finite margins (property)', () => {
    const a: Account = {
      positions: [
        { kind: 'perp', underlying: 'BTC', quantity: 5000 },
        { kind: 'perp', underlying: 'ETH', quantity: -3 },
        call65(-2),
      ],
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true, maxExcluded: true }),
        fc.constantFrom('BTC', 'ETH', 'SOL'),
        (f, u) => {
          const p: MarginParams = withDynamicRange(DEFAULT_MARGIN_PARAMS, u, f);
          validateMarginParams(p);
          const tiers = p.assets[u].linear.tiers;
          expect(tiers[0].initialRate).toBeCloseTo(Math.min(f, MAX_DYNAMIC_TIER_RATE), 12);
          for (const t of tiers) expect(t.initialRate).toBeLessThanOrEqual(MAX_DYNAMIC_TIER_RATE);
          for (const method of METHODS)
            expect(Number.isFinite(accountMargin(a, market, { params: p, method }).initialMargin.toNumber())).toBe(
              true,
            );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('4. a same-expiry long and short future are not a roll spread', () => {
  const roll = marginParams({
    assets: {
      BTC: {
        ...DEFAULT_MARGIN_PARAMS.assets.BTC,
        portfolio: { ...DEFAULT_MARGIN_PARAMS.assets.BTC.portfolio, futuresContingency: 0.01 },
      },
    },
  });
  it('+1 / −1 of one expiry (different entries, or linear against inverse) carry no contingency (was 600)', () => {
    const m = { assets: { BTC: { price: S, vol: 0.6 } } };
    const entries: Account = {
      positions: [
        { kind: 'future', underlying: 'BTC', quantity: 1, expiry: 0.25, entryPrice: 60000 },
        { kind: 'future', underlying: 'BTC', quantity: -1, expiry: 0.25, entryPrice: 61000 },
      ],
    };
    // linear futures: P&L (F − E) per unit; the two legs' scenario P&L cancel, and nothing offsets across expiries
    const r = accountMargin(entries, m, { params: roll, method: 'portfolio' });
    expect(r.byUnderlying[0].futuresContingency).toBe(0);
    expect(r.initialMargin.toString()).toBe('0');
    // linear +1 against 60,000 USD of the inverse future entered at 60,000 (−1 coin): one expiry, net 0 coins
    const mixed: Account = {
      positions: [
        { kind: 'future', underlying: 'BTC', quantity: 1, expiry: 0.25 },
        { kind: 'future', underlying: 'BTC', quantity: -60000, expiry: 0.25, settlement: 'inverse', entryPrice: S },
      ],
    };
    expect(accountMargin(mixed, m, { params: roll, method: 'portfolio' }).byUnderlying[0].futuresContingency).toBe(0);
  });
  it('a calendar spread still carries it: 1% of S on min(long, short) units', () => {
    const m = { assets: { BTC: { price: S, vol: 0.6 } }, rate: 0.05 };
    const a: Account = {
      positions: [
        { kind: 'future', underlying: 'BTC', quantity: 1, expiry: 0.25 },
        { kind: 'future', underlying: 'BTC', quantity: 0.5, expiry: 0.25 },
        { kind: 'future', underlying: 'BTC', quantity: -1, expiry: 0.5 },
      ],
    };
    // long 1.5·e^{0.0125} = 1.518867 units (0.25 y), short e^{0.025} = 1.025315 (0.5 y): 0.01 · 60,000 · 1.025315
    const r = accountMargin(a, m, { params: roll, method: 'portfolio' });
    expect(r.byUnderlying[0].futuresContingency).toBeCloseTo(0.01 * S * Math.exp(0.025), 6);
  });
});

describe('5. margin does not depend on the order of the positions', () => {
  it('isolated positions listed in reverse give the same total, bit for bit (was 3702.24 / 3702.2400000000002)', () => {
    const legs: AccountPosition[] = [
      { kind: 'perp', underlying: 'BTC', quantity: -2.184, marginMode: 'isolated' },
      { kind: 'perp', underlying: 'BTC', quantity: 2.136, marginMode: 'isolated' },
      { kind: 'perp', underlying: 'BTC', quantity: -1.197, marginMode: 'isolated' },
      { kind: 'perp', underlying: 'ETH', quantity: 3.267, marginMode: 'isolated' },
    ];
    const m = { assets: { BTC: { price: S, vol: 0.6 }, ETH: { price: 3000, vol: 0.75 } } };
    const a = accountMargin({ positions: legs }, m, { method: 'standard' });
    const b = accountMargin({ positions: [...legs].reverse() }, m, { method: 'standard' });
    expect(b.initialMargin.toString()).toBe(a.initialMargin.toString());
    expect(b.maintenanceMargin.toString()).toBe(a.maintenanceMargin.toString());
    // the pools' margins summed exactly and rounded once
    expect(a.initialMargin.toString()).toBe('3702.2400000000002');
  });

  it('underlyings are reported by name, whatever the order of the positions', () => {
    const ps: AccountPosition[] = [
      { kind: 'perp', underlying: 'ETH', quantity: 1 },
      { kind: 'perp', underlying: 'BTC', quantity: 1 },
    ];
    for (const method of METHODS)
      expect(accountMargin({ positions: ps }, market, { method }).byUnderlying.map((b) => b.underlying)).toEqual([
        'BTC',
        'ETH',
      ]);
    expect(netExposures({ positions: ps }, market).cross.map((e) => e.underlying)).toEqual(['BTC', 'ETH']);
  });

  /** A result with its float fields as round-trip strings and the isolated pools' keys (list paths) left out. */
  const canonical = (x: unknown): unknown =>
    JSON.parse(
      JSON.stringify(x, (k, v) => (typeof v === 'number' ? `n${Object.is(v, -0) ? '-0' : String(v)}` : v)),
    ) as unknown;
  const shuffle = <T>(xs: readonly T[], key: (i: number) => number): T[] =>
    xs
      .map((x, i) => [key(i), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);

  it('shuffled positions give bit-identical results for every method and every output field (property)', () => {
    fc.assert(
      fc.property(bookArb, bookArb, fc.func(fc.integer()), fc.constantFrom(...contexts), (main, sub, key, ctx) => {
        const a: Account = {
          collateral: usdc('100000'),
          positions: main,
          subAccounts: [{ positions: sub }, { marginMode: 'isolated', positions: sub, collateral: usdc('5000') }],
        };
        const b: Account = {
          collateral: usdc('100000'),
          positions: shuffle(main, key),
          subAccounts: [
            { positions: shuffle(sub, (i) => key(i + 100)) },
            { marginMode: 'isolated', positions: shuffle(sub, (i) => key(i + 200)), collateral: usdc('5000') },
          ],
        };
        for (const method of METHODS) {
          expect(canonical(accountMargin(b, ctx, { method }))).toEqual(canonical(accountMargin(a, ctx, { method })));
        }
        expect(canonical(capitalEfficiency(b, ctx))).toEqual(canonical(capitalEfficiency(a, ctx)));
        expect(canonical(netExposures(b, ctx))).toEqual(canonical(netExposures(a, ctx)));
      }),
      { numRuns: 120 },
    );
  });

  it('isolated positions in any order: the same totals and the same pools (property)', () => {
    const iso = positionArb.map((p) => ({ ...p, marginMode: 'isolated' as const, collateral: usdc('20000') }));
    fc.assert(
      fc.property(fc.array(iso, { maxLength: 8 }), fc.func(fc.integer()), (ps, key) => {
        for (const method of METHODS) {
          const a = accountMargin({ positions: ps }, contexts[1], { method });
          const b = accountMargin({ positions: shuffle(ps, key) }, contexts[1], { method });
          const pools = (r: typeof a) =>
            r.units
              .map((u) => canonical({ ...u, key: undefined }))
              .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
          expect(canonical({ ...b, units: pools(b) })).toEqual(canonical({ ...a, units: pools(a) }));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the liquidation price does not depend on the order either (property)', () => {
    fc.assert(
      fc.property(fc.array(positionArb, { minLength: 1, maxLength: 4 }), fc.func(fc.integer()), (ps, key) => {
        const a = { collateral: usdc('50000'), positions: ps };
        const b = { collateral: usdc('50000'), positions: shuffle(ps, key) };
        for (const method of METHODS) {
          const o = { underlying: 'BTC', method, minFactor: 0.2, maxFactor: 5 };
          expect(canonical(liquidationPrice(b, contexts[1], o))).toEqual(
            canonical(liquidationPrice(a, contexts[1], o)),
          );
        }
      }),
      { numRuns: 5 },
    );
  });
});
