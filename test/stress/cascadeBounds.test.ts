/**
 * Bounded cascade dynamics, exact conservation on adversarial books, limits and strict inputs of
 * simulateLiquidationCascade.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RiskInputError, simulateLiquidationCascade } from '../../src/stress/index.js';
import type {
  CascadeAccount,
  CascadeResult,
  MultiAssetCascadeAccount,
  MultiAssetCascadeResult,
} from '../../src/stress/index.js';
import { Money } from '../../src/core/money.js';

/** The test's own arithmetic is exact too: 1,000 significant digits. */
const Big = Money.clone({ precision: 1000 });
const B = (x: Money | string) => new Big(x);
const sum = (xs: Array<string | undefined>) => xs.reduce((s, x) => s.plus(x ?? '0'), new Big(0));

/** Every conservation identity of the module comment, exactly, in every round (one asset). */
function expectConserved(accounts: CascadeAccount[], fund0: string, res: CascadeResult): void {
  const c0 = sum(accounts.map((a) => a.collateral as string | undefined));
  const s0 = sum(accounts.map((a) => a.perp?.size as string | undefined));
  const b0 = sum(accounts.map((a) => a.cash as string | undefined)).minus(
    sum(accounts.map((a) => a.debt as string | undefined)),
  );
  let bad = new Big(0);
  for (const r of res.rounds) {
    const t = r.totals;
    for (const v of [r.marketPrice, r.oraclePrice, r.priceAfter, t.balance, t.badDebt, t.fund])
      expect(v.isFinite()).toBe(true);
    expect(B(r.covered).plus(r.adl).plus(r.deficit).eq(r.badDebt)).toBe(true);
    expect(B(t.covered).plus(t.adl).plus(t.deficit).eq(t.badDebt)).toBe(true);
    expect(B(t.fund).eq(B(fund0).plus(t.fees).minus(t.covered))).toBe(true);
    expect(B(t.balance).plus(t.fund).minus(t.deficit).eq(b0.plus(fund0).plus(t.proceeds))).toBe(true);
    expect(B(t.collateral).plus(t.collateralSold).eq(c0)).toBe(true);
    expect(B(t.size).plus(t.sizeClosed).eq(s0)).toBe(true);
    bad = bad.plus(r.badDebt);
    expect(bad.eq(t.badDebt)).toBe(true);
  }
  expect(res.totalBadDebt.eq(bad)).toBe(true);
}

const shorts = (n: number): CascadeAccount[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, cash: '15', perp: { size: '-1', entryPrice: '100' } }));

describe('bounded price impact', () => {
  it.each([30, 100])(
    '%i shorts closed into a 1,000-deep book: the price saturates at its ceiling, money is conserved',
    (n) => {
      const accounts = shorts(n);
      const res = simulateLiquidationCascade(accounts, { price: '100', depth: '1000', shock: 0.1, rounds: 3 });
      expect(res.priceCapped).toBe(true);
      expect(res.finalPrice.toString()).toBe('100000000'); // 1e6 × 100
      expect(res.liquidated).toHaveLength(n);
      expectConserved(accounts, '0', res);
    },
  );

  it('a lower ceiling saturates lower; a book deep enough never reaches it', () => {
    const capped = simulateLiquidationCascade(shorts(30), {
      price: '100',
      depth: '1000',
      shock: 0.1,
      rounds: 3,
      maxPriceMultiple: 10,
    });
    expect(capped.finalPrice.toString()).toBe('1000');
    const deep = simulateLiquidationCascade(shorts(30), { price: '100', depth: '1e9', shock: 0.1, rounds: 3 });
    expect(deep.priceCapped).toBe(false);
    expect(deep.finalPrice.toNumber()).toBeLessThan(111);
  });

  it('exogenous moves saturate at the ceiling too', () => {
    const res = simulateLiquidationCascade([{ cash: '1' }], { price: '1', path: Array(40).fill(9), rounds: 40 });
    expect(res.priceCapped).toBe(true);
    expect(res.finalPrice.toString()).toBe('1000000');
  });

  it('maxPriceMultiple is checked', () => {
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', maxPriceMultiple: 1 })).toThrow(
      /params\.maxPriceMultiple/,
    );
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', maxPriceMultiple: 1e16 })).toThrow(
      /params\.maxPriceMultiple/,
    );
  });
});

describe('exact conservation on adversarial books', () => {
  it('a 1e30 account beside 1e-18 of dust', () => {
    const accounts: CascadeAccount[] = [
      { id: 'w', collateral: '1e30', debt: '7.9e31' },
      { id: 'd', collateral: '0.000000000000000001', debt: '0.00000000000000008' },
      {
        id: 'p',
        cash: '0.000000000000000001',
        perp: { size: '1000000000000000000000000000000', entryPrice: '100.000000000001' },
      },
      { id: 'q', cash: '3', perp: { size: '-0.000000000000000007', entryPrice: '99.999999999999' } },
    ];
    const res = simulateLiquidationCascade(accounts, {
      price: '100',
      shock: -0.1,
      depth: '1e33',
      rounds: 4,
      insuranceFund: '0.000000000000000001',
    });
    expect(res.liquidated.length).toBeGreaterThan(0);
    expectConserved(accounts, '0.000000000000000001', res);
  });

  it('a 9e40 whale beside ordinary accounts', () => {
    const accounts: CascadeAccount[] = [
      { id: 'whale', collateral: '9e40', debt: '7.5e42' },
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `a${i}`,
        collateral: `${1 + i}.123456789`,
        debt: `${(1 + i) * 74}.5`,
      })),
      { id: 'long', cash: '1000', perp: { size: '2.5', entryPrice: '80' } },
    ];
    const res = simulateLiquidationCascade(accounts, {
      price: '100',
      shock: -0.05,
      depth: '1e44',
      rounds: 5,
      insuranceFund: '12.34',
    });
    expect(res.liquidated).toContain('whale');
    expectConserved(accounts, '12.34', res);
  });

  const magnitude = fc.constantFrom(
    '0.000000000000000001',
    '0.000000123',
    '1',
    '17.25',
    '1000',
    '1e12',
    '1e30',
    '9e40',
  );
  const scaled = fc.tuple(magnitude, fc.integer({ min: 1, max: 999 })).map(([m, k]) => new Money(m).mul(k).toString());
  const account: fc.Arbitrary<CascadeAccount> = fc.oneof(
    fc.tuple(scaled, fc.double({ min: 0.1, max: 1.2, noNaN: true })).map(([c, ltv]) => ({
      collateral: c,
      debt: new Money(c)
        .mul(100 * ltv)
        .toDecimalPlaces(6)
        .toString(),
    })),
    fc
      .tuple(scaled, fc.boolean(), fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.integer({ min: 80, max: 120 }))
      .map(([s, long, m, e]) => ({
        cash: new Money(s)
          .mul(e * m)
          .toDecimalPlaces(18)
          .toString(),
        perp: { size: long ? s : `-${s}`, entryPrice: String(e) },
      })),
  );

  it('every identity holds exactly in every round (fast-check over mixed magnitudes)', () => {
    fc.assert(
      fc.property(
        fc.array(account, { minLength: 1, maxLength: 12 }),
        fc.double({ min: -0.4, max: 0.4, noNaN: true }),
        fc.constantFrom('1000', '1e6', '1e20', '1e45'),
        fc.constantFrom('0', '0.000000000000000001', '5000', '1e35'),
        fc.boolean(),
        (accounts, shock, depth, fund, adl) => {
          const res = simulateLiquidationCascade(accounts, {
            price: '100',
            shock,
            depth,
            insuranceFund: fund,
            adl,
            rounds: 4,
            oracle: { latency: 0.5 },
          });
          expectConserved(accounts, fund, res);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('multi-asset: money identities hold exactly with a whale and dust', () => {
    const accounts: MultiAssetCascadeAccount[] = [
      { id: 'w', collateral: { ETH: '9e40', BTC: '0.000000000000000001' }, debt: '2.1e44' },
      {
        id: 'x',
        collateral: { BTC: '1' },
        perps: [{ asset: 'ETH', size: '-0.000000000000000003', entryPrice: '3000' }],
        debt: '50000',
      },
      { id: 'y', cash: '10', perps: [{ asset: 'ETH', size: '5', entryPrice: '2000' }] },
    ];
    const res: MultiAssetCascadeResult = simulateLiquidationCascade(accounts, {
      assets: {
        ETH: { price: '3000', shock: -0.2, depth: '1e46' },
        BTC: { price: '60000', shock: -0.3, depth: '1e7' },
      },
      rounds: 3,
    });
    for (const r of res.rounds) {
      const t = r.totals;
      expect(B(r.covered).plus(r.adl).plus(r.deficit).eq(r.badDebt)).toBe(true);
      expect(B(t.covered).plus(t.adl).plus(t.deficit).eq(t.badDebt)).toBe(true);
      expect(B(t.fund).eq(B(t.fees).minus(t.covered))).toBe(true);
      expect(
        B(t.balance).plus(t.fund).minus(t.deficit).eq(B('-2.1e44').minus('50000').plus('10').plus(t.proceeds)),
      ).toBe(true);
    }
  });
});

describe('limits', () => {
  it('refuses more rounds than 100000, saying the limit', () => {
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', rounds: 100_001 })).toThrow(/100000/);
  });

  it('refuses more than 1,000,000 accounts × assets, saying the limit, before reading them', () => {
    const many = new Array(1_000_001).fill({ cash: '1' });
    const e = (() => {
      try {
        simulateLiquidationCascade(many, { price: '100' });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(RiskInputError);
    expect((e as RiskInputError).path).toBe('accounts');
    expect((e as RiskInputError).message).toMatch(/at most 1000000 accounts/);
    const half = new Array(500_001).fill({ cash: '1' });
    expect(() => simulateLiquidationCascade(half, { assets: { A: { price: '1' }, B: { price: '2' } } })).toThrow(
      /at most 500000 accounts/,
    );
  });
});

describe('strict params', () => {
  it('a misspelt field is refused with the closest one', () => {
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', insuranceFunds: '1000' } as never)).toThrow(
      /params\.insuranceFunds is not a field; did you mean insuranceFund\?/,
    );
    expect(() =>
      simulateLiquidationCascade([{ cash: '1', perp: { size: '1', entryprice: '1' } as never }], { price: '100' }),
    ).toThrow(/accounts\[0\]\.perp\.entryprice is not a field; did you mean entryPrice\?/);
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', oracle: { latncy: 1 } as never })).toThrow(
      /params\.oracle\.latncy is not a field; did you mean latency\?/,
    );
    expect(() =>
      simulateLiquidationCascade([{ collateral: { A: '1' } }], { assets: { A: { price: '1', dept: '5' } as never } }),
    ).toThrow(/params\.assets\.A\.dept is not a field; did you mean depth\?/);
  });

  it("insuranceFund: '1000' is exact money, the same as 1000 and a Decimal; a non-amount is refused", () => {
    const a = simulateLiquidationCascade(shorts(1), { price: '100', insuranceFund: '1000', rounds: 1 });
    const b = simulateLiquidationCascade(shorts(1), { price: '100', insuranceFund: 1000, rounds: 1 });
    const c = simulateLiquidationCascade(shorts(1), { price: '100', insuranceFund: new Money(1000), rounds: 1 });
    expect(a.insuranceFund.toString()).toBe('1000');
    expect(b.insuranceFund.toString()).toBe('1000');
    expect(c.insuranceFund.toString()).toBe('1000');
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', insuranceFund: {} as never })).toThrow(
      /params\.insuranceFund/,
    );
    expect(() => simulateLiquidationCascade(shorts(1), { price: '100', insuranceFund: 'lots' })).toThrow(
      /params\.insuranceFund/,
    );
  });
});
