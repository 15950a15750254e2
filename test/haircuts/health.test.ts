/**
 * Health factor and borrowing power against Aave's own math library, @aave/math-utils (generateRawUserSummary:
 * calculateUserReserveTotals + calculateHealthFactorFromBalances + calculateAvailableBorrowsMarketReferenceCurrency),
 * on randomized reserves with e-mode and isolation mode, side by side; the exact fast path against the Decimal
 * path; exactness on 18-decimal amounts; monotonicity; bad inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { Money, toBaseUnits, toMoney } from '../../src/core/money.js';
import { RiskInputError } from '../../src/core/errors.js';
import {
  AAVE_V3_ETHEREUM,
  accountHealth,
  capRoom,
  fastAccountData,
  fastHealthFactor,
  fastMarket,
  healthFactor,
  lendingMarket,
  liquidationAmounts,
  maxBorrow,
} from '../../src/haircuts/index.js';
import type { LendingMarketParams } from '../../src/haircuts/index.js';

// @aave/math-utils (CommonJS; no exports map) builds formatUserSummary on generateRawUserSummary, which it does not
// re-export from its index: load that module by path. It calls the exported calculateHealthFactorFromBalances and
// calculateAvailableBorrowsMarketReferenceCurrency.
const require = createRequire(import.meta.url);
const { generateRawUserSummary } =
  require('@aave/math-utils/dist/cjs/formatters/user/generate-raw-user-summary.js') as {
    generateRawUserSummary: (req: unknown) => {
      totalCollateralMarketReferenceCurrency: { toFixed(): string };
      totalBorrowsMarketReferenceCurrency: { toFixed(): string };
      availableBorrowsMarketReferenceCurrency: { toFixed(): string };
      healthFactor: { toFixed(): string };
      isInIsolationMode: boolean;
    };
  };

const bpsFrac = (x: number) => new Money(x).div(10_000).toString();

/** A random market of `n` reserves, an e-mode over some of them, maybe an isolated asset, and an account. */
const scenario = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(
      fc.record({
        decimals: fc.constantFrom(6, 8, 18),
        lt: fc.integer({ min: 0, max: 9500 }),
        ltvShare: fc.double({ min: 0, max: 1, noNaN: true }),
        price: fc.integer({ min: 1, max: 10_000_000_000_000 }), // 8-decimal oracle price, up to $100,000
        supply: fc.bigInt({ min: 0n, max: 10n ** 30n }),
        borrow: fc.bigInt({ min: 0n, max: 10n ** 29n }),
        inEMode: fc.boolean(),
        useAsCollateral: fc.boolean(),
      }),
      { minLength: 5, maxLength: 5 },
    ),
    eMode: fc.boolean(),
    eLt: fc.integer({ min: 8000, max: 9700 }),
    eLtvShare: fc.double({ min: 0, max: 1, noNaN: true }),
    isolated: fc.boolean(),
    ceiling: fc.integer({ min: 0, max: 100_000_000 }), // 2-decimal USD
    ceilingUsed: fc.integer({ min: 0, max: 100_000_000 }),
  })
  .map((s) => {
    const rs = s.seed.slice(0, s.n).map((r, i) => {
      const ltv = Math.floor((r.lt * r.ltvShare) / 10) * 10;
      return { ...r, asset: `A${i}`, ltv, supply: r.supply % 10n ** BigInt(r.decimals + 9) };
    });
    // isolation: the first reserve gets a ceiling and is the account's only collateral
    const isolated = s.isolated && rs[0].lt > 0;
    if (isolated) {
      rs.forEach((r, i) => {
        if (i > 0) r.useAsCollateral = false;
      });
      rs[0].useAsCollateral = true;
      if (rs[0].supply === 0n) rs[0].supply = 1n; // a zero balance is not collateral on-chain (its bit is cleared)
    }
    const eLtv = Math.floor((s.eLt * s.eLtvShare) / 10) * 10;
    const market: LendingMarketParams = {
      name: 'random',
      source: 'fast-check',
      reserves: rs.map((r, i) => ({
        asset: r.asset,
        decimals: r.decimals,
        ltv: bpsFrac(r.ltv),
        liquidationThreshold: bpsFrac(r.lt),
        liquidationBonus: r.lt === 0 ? '0' : bpsFrac(Math.min(500, Math.floor(1e8 / r.lt) - 10_000)),
        debtCeiling: isolated && i === 0 ? new Money(s.ceiling).div(100).toString() : undefined,
      })),
      eModes: [
        {
          id: 1,
          label: 'E',
          ltv: bpsFrac(eLtv),
          liquidationThreshold: bpsFrac(s.eLt),
          liquidationBonus: '0.01',
          collateralAssets: rs.filter((r) => r.inEMode && r.lt > 0).map((r) => r.asset),
        },
      ],
    };
    const prices = Object.fromEntries(rs.map((r) => [r.asset, new Money(r.price).div(1e8).toString()]));
    const account = {
      supplies: rs.map((r) => ({ asset: r.asset, amount: r.supply, useAsCollateral: r.useAsCollateral })),
      borrows: rs.map((r) => ({ asset: r.asset, amount: r.borrow })),
      eMode: s.eMode ? 1 : 0,
      isolationModeTotalDebt: isolated ? new Money(s.ceilingUsed).div(100).toString() : undefined,
    };
    return {
      rs,
      market,
      prices,
      account,
      isolated,
      eLtv,
      eLt: s.eLt,
      ceiling: s.ceiling,
      ceilingUsed: s.ceilingUsed,
      eModeOn: s.eMode,
    };
  });

/**
 * The same account in @aave/math-utils' shapes (values in the market reference currency, 8 decimals). E-mode
 * assets all have a reserve LT > 0: math-utils counts an e-mode asset with reserve LT 0 as collateral, the v3.3
 * contract (GenericLogic: `liquidationThreshold != 0 && isUsingAsCollateral`) and riskcore do not.
 */
function mathUtilsSummary(sc: ReturnType<typeof scenario.generate> extends never ? never : any) {
  const userReserves = sc.rs.map((r: any) => {
    const unit = new Money(10).pow(r.decimals);
    const supplyRef = new Money(r.supply.toString()).mul(r.price).div(unit);
    const borrowRef = new Money(r.borrow.toString()).mul(r.price).div(unit);
    return {
      underlyingBalanceMarketReferenceCurrency: supplyRef.toFixed(),
      variableBorrowsMarketReferenceCurrency: borrowRef.toFixed(),
      userReserve: {
        usageAsCollateralEnabledOnUser: r.useAsCollateral,
        reserve: {
          reserveLiquidationThreshold: String(r.lt),
          baseLTVasCollateral: String(r.ltv),
          debtCeiling: sc.isolated && r.asset === 'A0' ? String(sc.ceiling) : '0',
          debtCeilingDecimals: 2,
          isolationModeTotalDebt: sc.isolated && r.asset === 'A0' ? String(sc.ceilingUsed) : '0',
          eModes: [
            {
              id: 1,
              collateralEnabled: r.inEMode && r.lt > 0,
              borrowingEnabled: true,
              ltvzeroEnabled: false,
              eMode: { ltv: String(sc.eLtv), liquidationThreshold: String(sc.eLt), liquidationBonus: '10100' },
            },
          ],
        },
      },
    };
  });
  return generateRawUserSummary({
    userReserves,
    marketReferencePriceInUsd: '100000000',
    marketReferenceCurrencyDecimals: 8,
    userEmodeCategoryId: sc.eModeOn ? 1 : 0,
  });
}

describe('health factor and borrowing power vs @aave/math-utils', () => {
  it('agree on randomized reserves (e-mode, isolation mode) to 1e-18 relative', () => {
    let withDebt = 0;
    fc.assert(
      fc.property(scenario, (sc) => {
        const ours = accountHealth(sc.account, sc.market, sc.prices);
        const theirs = mathUtilsSummary(sc);
        const scale = new Money(1e8);
        // totals in the reference currency's 8-decimal units
        expect(ours.totalCollateral.mul(scale).toFixed()).toBe(
          new Money(theirs.totalCollateralMarketReferenceCurrency.toFixed()).toFixed(),
        );
        expect(ours.totalDebt.mul(scale).toFixed()).toBe(
          new Money(theirs.totalBorrowsMarketReferenceCurrency.toFixed()).toFixed(),
        );
        // math-utils divides at 20 decimal places (BigNumber's default) for the weighted LTV/LT and the HF
        const tol = (x: Money) => Money.max(x.abs().mul('1e-18'), new Money('1e-18'));
        if (ours.healthFactor === null) {
          expect(theirs.healthFactor.toFixed()).toBe('-1');
        } else {
          withDebt++;
          const hf = new Money(theirs.healthFactor.toFixed());
          expect(ours.healthFactor.minus(hf).abs().lte(tol(hf))).toBe(true);
        }
        const avail = new Money(theirs.availableBorrowsMarketReferenceCurrency.toFixed()).div(scale);
        expect(ours.availableBorrows.minus(avail).abs().lte(tol(ours.totalCollateral))).toBe(true);
        expect(ours.isolation !== null).toBe(theirs.isInIsolationMode);
        return true;
      }),
      { numRuns: 400 },
    );
    expect(withDebt).toBeGreaterThan(100);
  });
});

describe('exact fast path', () => {
  it('fastHealthFactor equals the Decimal health factor exactly (floor at 18 decimals)', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const acct = {
          ...sc.account,
          supplies: sc.account.supplies.map((s) => ({ ...s, useAsCollateral: true })),
          isolationModeTotalDebt: undefined,
        };
        const market = { ...sc.market, reserves: sc.market.reserves.map((r) => ({ ...r, debtCeiling: undefined })) };
        const h = accountHealth(acct, market, sc.prices);
        const fm = fastMarket(market, sc.prices, { eMode: acct.eMode });
        const f = fastHealthFactor(
          fm,
          sc.rs.map((r) => r.supply),
          sc.rs.map((r) => r.borrow),
        );
        expect(f === -1n ? null : f.toString()).toBe(
          h.healthFactor === null ? null : h.healthFactor.mul(1e18).toFixed(0),
        );
        // and the generic healthFactor() on the same lines
        const g = healthFactor({
          collateral: sc.rs.map((r, i) => ({
            asset: r.asset,
            amount: r.supply,
            decimals: r.decimals,
            price: sc.prices[r.asset],
            liquidationThreshold:
              fm.ltBps[i].toString() === '0' ? '0' : new Money(fm.ltBps[i].toString()).div(1e4).toString(),
          })),
          debt: sc.rs.map((r) => ({
            asset: r.asset,
            amount: r.borrow,
            decimals: r.decimals,
            price: sc.prices[r.asset],
          })),
        });
        expect(g.healthFactor?.toString() ?? null).toBe(h.healthFactor?.toString() ?? null);
        // The contract's HF (fastAccountData) is the exact one up to its roundings: values floored to 1e-8 USD
        // and the weighted LT floored to a whole bps (≤ 1e-4/LT relative). Checked where that bound is < 1e-3.
        const onchain = fastAccountData(
          fm,
          sc.rs.map((r) => r.supply),
          sc.rs.map((r) => r.borrow),
        );
        if (
          h.healthFactor !== null &&
          h.totalDebt.gte(1000) &&
          h.totalCollateral.gte(1000) &&
          h.liquidationThreshold.gte(0.5)
        ) {
          const rel = new Money(onchain.healthFactor.toString())
            .div(1e18)
            .minus(h.healthFactor)
            .abs()
            .div(Money.max(h.healthFactor, '1e-6'));
          expect(rel.lt('1e-3')).toBe(true);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('exact decimals on 18-decimal amounts', () => {
  it('sums of wei never drift, and bigint wei round-trips', () => {
    // 0.1 + 0.2 ETH in wei, priced at 3000.000000000000000001: a binary float cannot hold either.
    const r = healthFactor({
      collateral: [
        {
          asset: 'ETH',
          amount: 100000000000000000n,
          decimals: 18,
          price: '3000.000000000000000001',
          liquidationThreshold: '0.83',
        },
        {
          asset: 'ETH',
          amount: 200000000000000000n,
          decimals: 18,
          price: '3000.000000000000000001',
          liquidationThreshold: '0.83',
        },
      ],
      debt: [{ asset: 'USDC', amount: 123456789n, decimals: 6, price: '1' }],
    });
    expect(r.totalCollateral.toFixed()).toBe('900.0000000000000000003');
    expect(r.liquidationCapacity.toFixed()).toBe('747.000000000000000000249');
    // HF = 747.000000000000000000249 / 123.456789, floored at 18 decimals
    expect(r.healthFactor!.toFixed()).toBe(
      new Money('747.000000000000000000249').mul(1e18).divToInt('123.456789').div(1e18).toFixed(),
    );
    expect(toBaseUnits(r.totalCollateral, 18, 'down')).toBe(900000000000000000000n);
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 27n }), { minLength: 1, maxLength: 20 }), (wei) => {
        const h = healthFactor({
          collateral: wei.map((w) => ({
            asset: 'ETH',
            amount: w,
            decimals: 18,
            price: '1',
            liquidationThreshold: '1',
          })),
          debt: [],
        });
        const sum = wei.reduce((a, b) => a + b, 0n);
        return toBaseUnits(h.totalCollateral, 18) === sum && toBaseUnits(h.liquidationCapacity, 18) === sum;
      }),
    );
  });
});

describe('monotonicity', () => {
  it('the health factor never falls when a collateral price rises', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: 0, max: 1e9 }),
            price: fc.integer({ min: 1, max: 1e9 }),
            lt: fc.integer({ min: 0, max: 10_000 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1, max: 1e12 }),
        fc.nat({ max: 4 }),
        fc.integer({ min: 1, max: 1e9 }),
        (coll, debt, which, bump) => {
          const k = which % coll.length;
          const mk = (extra: number) =>
            healthFactor({
              collateral: coll.map((c, i) => ({
                asset: `C${i}`,
                amount: c.amount,
                price: new Money(c.price + (i === k ? extra : 0)).div(1e4).toString(),
                liquidationThreshold: bpsFrac(c.lt),
              })),
              debt: [{ asset: 'USD', amount: debt, price: '1' }],
            }).healthFactor!;
          return mk(bump).gte(mk(0));
        },
      ),
    );
  });
});

describe('market features', () => {
  const prices = { WETH: '3000', wstETH: '3450', WBTC: '60000', USDC: '1', USDT: '1', DAI: '1', UNI: '5' };
  it('e-mode lifts LTV/LT for the category (wstETH backing WETH debt)', () => {
    const base = accountHealth(
      { supplies: [{ asset: 'wstETH', amount: '10' }], borrows: [{ asset: 'WETH', amount: '8' }] },
      AAVE_V3_ETHEREUM,
      prices,
    );
    const e = accountHealth(
      { supplies: [{ asset: 'wstETH', amount: '10' }], borrows: [{ asset: 'WETH', amount: '8' }], eMode: 1 },
      AAVE_V3_ETHEREUM,
      prices,
    );
    // 34500·0.81/24000 = 1.164375; with e-mode 34500·0.93/24000 = 1.336875
    expect(base.healthFactor!.toString()).toBe('1.164375');
    expect(e.healthFactor!.toString()).toBe('1.336875');
    expect(e.availableBorrows.toString()).toBe('7050'); // 34500·0.9 − 24000
    expect(e.eMode).toEqual({ id: 1, label: 'ETH correlated' });
    // borrowing USDC is not allowed in the ETH e-mode
    expect(
      maxBorrow(
        { supplies: [{ asset: 'wstETH', amount: '10' }], borrows: [], eMode: 1 },
        AAVE_V3_ETHEREUM,
        prices,
        'USDC',
      ).toString(),
    ).toBe('0');
  });

  it('isolation mode caps borrowing power at the debt ceiling room', () => {
    const acct = { supplies: [{ asset: 'UNI', amount: '10000000' }], borrows: [], isolationModeTotalDebt: '16990000' };
    const h = accountHealth(acct, AAVE_V3_ETHEREUM, prices);
    // 50,000,000·0.65 = 32.5M of LTV power, but only 17,000,000 − 16,990,000 = 10,000 of ceiling room
    expect(h.isolation!.ceilingRoom.toString()).toBe('10000');
    expect(h.availableBorrows.toString()).toBe('10000');
    expect(maxBorrow(acct, AAVE_V3_ETHEREUM, prices, 'USDC').toString()).toBe('10000');
    expect(maxBorrow(acct, AAVE_V3_ETHEREUM, prices, 'WETH').toString()).toBe('0'); // not borrowable in isolation
    expect(() =>
      accountHealth(
        {
          supplies: [
            { asset: 'UNI', amount: '1' },
            { asset: 'WETH', amount: '1' },
          ],
          borrows: [],
        },
        AAVE_V3_ETHEREUM,
        prices,
      ),
    ).toThrow(RiskInputError);
  });

  it('supply and borrow caps', () => {
    const r = capRoom(AAVE_V3_ETHEREUM, 'USDC', { totalSupplied: '1759999000', totalBorrowed: '1580000001' });
    expect(r.supplyRoom!.toString()).toBe('1000');
    expect(r.borrowRoom!.toString()).toBe('0');
    expect(
      maxBorrow({ supplies: [{ asset: 'WETH', amount: '1000' }], borrows: [] }, AAVE_V3_ETHEREUM, prices, 'USDC', {
        totalBorrowed: '1579999500',
      }).toString(),
    ).toBe('500');
  });

  it('parameter set carries its source and validates', () => {
    const m = lendingMarket(AAVE_V3_ETHEREUM);
    expect(AAVE_V3_ETHEREUM.source).toContain('aave-proposals-v3');
    expect(m.reserves.size).toBe(7);
    for (const r of m.reserves.values()) expect(r.ltv.lte(r.liquidationThreshold)).toBe(true);
  });
});

describe('bad inputs throw RiskInputError naming the field', () => {
  const ok = { asset: 'ETH', amount: '1', price: '3000', liquidationThreshold: '0.8', ltv: '0.7' };
  const debt = [{ asset: 'USDC', amount: '100', price: '1' }];
  const cases: Array<[string, () => unknown, string]> = [
    [
      'negative collateral amount',
      () => healthFactor({ collateral: [{ ...ok, amount: '-1' }], debt }),
      'collateral[0].amount',
    ],
    [
      'negative debt amount',
      () => healthFactor({ collateral: [ok], debt: [{ ...debt[0], amount: -5 }] }),
      'debt[0].amount',
    ],
    [
      'LT > 1',
      () => healthFactor({ collateral: [{ ...ok, liquidationThreshold: '1.01' }], debt }),
      'collateral[0].liquidationThreshold',
    ],
    ['LTV > LT', () => healthFactor({ collateral: [{ ...ok, ltv: '0.85' }], debt }), 'collateral[0].ltv'],
    ['price 0', () => healthFactor({ collateral: [{ ...ok, price: '0' }], debt }), 'collateral[0].price'],
    ['debt price 0', () => healthFactor({ collateral: [ok], debt: [{ ...debt[0], price: 0 }] }), 'debt[0].price'],
    [
      'stale oracle refused',
      () =>
        healthFactor(
          { collateral: [{ ...ok, updatedAt: 100 }], debt },
          { oracle: { now: 10_000, maxAge: 3600, refuse: true } },
        ),
      'collateral[0].price',
    ],
    [
      'market LT > 1',
      () =>
        lendingMarket({
          ...AAVE_V3_ETHEREUM,
          reserves: [{ ...AAVE_V3_ETHEREUM.reserves[0], liquidationThreshold: '1.2' }],
        }),
      'market.reserves[0].liquidationThreshold',
    ],
    [
      'market LTV > LT',
      () => lendingMarket({ ...AAVE_V3_ETHEREUM, reserves: [{ ...AAVE_V3_ETHEREUM.reserves[0], ltv: '0.9' }] }),
      'market.reserves[0].ltv',
    ],
    [
      'too many decimals for the token',
      () =>
        accountHealth({ supplies: [{ asset: 'USDC', amount: '1.0000001' }], borrows: [] }, AAVE_V3_ETHEREUM, {
          USDC: '1',
        }),
      'account.supplies[0].amount',
    ],
    [
      'unknown e-mode',
      () => accountHealth({ supplies: [], borrows: [], eMode: 7 }, AAVE_V3_ETHEREUM, {}),
      'account.eMode',
    ],
    [
      'missing price',
      () => accountHealth({ supplies: [{ asset: 'WETH', amount: '1' }], borrows: [] }, AAVE_V3_ETHEREUM, {}),
      'prices.WETH',
    ],
    [
      'stale price in a liquidation',
      () =>
        liquidationAmounts(
          { supplies: [{ asset: 'WETH', amount: '1' }], borrows: [] },
          AAVE_V3_ETHEREUM,
          { WETH: { price: '3000', updatedAt: 0 } },
          { collateralAsset: 'WETH', debtAsset: 'USDC', oracle: { now: 7200, maxAge: 3600, refuse: true } },
        ),
      'prices.WETH.price',
    ],
  ];
  it.each(cases)('%s', (_name, fn, path) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).path).toBe(path);
      return;
    }
    throw new Error('did not throw');
  });

  it('flags (without refusing) stale and deviating prices', () => {
    const r = healthFactor(
      { collateral: [{ ...ok, updatedAt: 100, referencePrice: '3100' }], debt: [{ ...debt[0], updatedAt: 9_999 }] },
      { oracle: { now: 10_000, maxAge: 3600, maxDeviation: 0.02 } },
    );
    expect(r.oracleFlags.map((f) => [f.path, f.kind])).toEqual([
      ['collateral[0].price', 'stale'],
      ['collateral[0].price', 'deviation'],
    ]);
    expect(r.oracleFlags[0].measured).toBe(9_900);
    expect(r.oracleFlags[1].measured).toBeCloseTo(100 / 3100, 15);
    expect(toMoney('1', 'x').toString()).toBe('1');
  });
});
