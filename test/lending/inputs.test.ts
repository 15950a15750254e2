/**
 * riskcore/lending input rules: asset names that are Object.prototype keys are ordinary names; prepared values are
 * recognised by the registry only (copies and look-alikes are refused or validated); unknown keys are refused with
 * a did-you-mean; money beyond range is refused at its field; the fast liquidation's options object.
 */
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import { Money } from '../../src/core/money.js';
import {
  AAVE_V3_ETHEREUM,
  accountHealth,
  capRoom,
  fastAccountData,
  fastHealthFactor,
  fastLiquidation,
  fastMarket,
  healthFactor,
  lendingMarket,
  liquidationAmounts,
  LIQUIDATION_REASONS,
  maxBorrow,
} from '../../src/lending/index.js';
import * as haircuts from '../../src/haircuts/index.js';
import * as lending from '../../src/lending/index.js';
import type { LendingMarketParams } from '../../src/lending/index.js';

const PROTO_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

/** A record with own keys (JSON.parse makes `__proto__` an own key, as data from a file would). */
const rec = (entries: Array<[string, unknown]>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [`@${k}`, v]))).replace(/"@/g, '"'));

/** A two-reserve market whose collateral asset is called `name`. */
const marketNamed = (name: string): LendingMarketParams => ({
  name: 'proto',
  source: 'test',
  priceDecimals: 8,
  reserves: [
    {
      asset: name,
      decimals: 18,
      ltv: '0.8',
      liquidationThreshold: '0.85',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.1',
      supplyCap: '1000000',
      borrowCap: '500000',
    },
    { asset: 'USD', decimals: 6, ltv: '0.75', liquidationThreshold: '0.8', liquidationBonus: '0.05' },
  ],
  eModes: [
    {
      id: 1,
      label: 'e',
      ltv: '0.9',
      liquidationThreshold: '0.93',
      liquidationBonus: '0.01',
      collateralAssets: [name],
      borrowableAssets: [name, 'USD'],
    },
  ],
});

function thrown(fn: () => unknown): RiskInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RiskInputError);
    return e as RiskInputError;
  }
  throw new Error('did not throw');
}

describe.each(PROTO_NAMES)('an asset named %s is an ordinary asset name', (name) => {
  const market = marketNamed(name);
  const prices = rec([
    [name, '2000'],
    ['USD', '1'],
  ]) as Record<string, string>;
  const account = { supplies: [{ asset: name, amount: '10' }], borrows: [{ asset: 'USD', amount: '17000' }] };

  it('lendingMarket and accountHealth', () => {
    expect(lendingMarket(market).reserves.get(name)!.liquidationThreshold.toString()).toBe('0.85');
    expect(accountHealth(account, market, prices).healthFactor!.toString()).toBe('1');
    expect(accountHealth({ ...account, eMode: 1 }, market, prices).healthFactor!.toString()).toBe(
      '1.094117647058823529',
    );
  });
  it('healthFactor', () => {
    const r = healthFactor({
      collateral: [{ asset: name, amount: '1', price: '100', liquidationThreshold: '0.5' }],
      debt: [{ asset: name, amount: '25', price: '1' }],
    });
    expect(r.healthFactor!.toString()).toBe('2');
  });
  it('capRoom and maxBorrow', () => {
    expect(capRoom(market, name, { totalSupplied: '999999' }).supplyRoom!.toString()).toBe('1');
    expect(maxBorrow({ supplies: [{ asset: name, amount: '1' }], borrows: [] }, market, prices, 'USD').toString()).toBe(
      '1600',
    );
  });
  it('liquidationAmounts (both roundings) and the fast path', () => {
    const liq = { supplies: [{ asset: name, amount: '10' }], borrows: [{ asset: 'USD', amount: '17500' }] };
    const exact = liquidationAmounts(liq, market, prices, { collateralAsset: name, debtAsset: 'USD' });
    const aave = liquidationAmounts(liq, market, prices, { collateralAsset: name, debtAsset: 'USD', rounding: 'aave' });
    expect(exact.allowed && aave.allowed).toBe(true);
    const fm = fastMarket(market, prices);
    const s = fm.assets.map((a) => (a === name ? 10n * 10n ** 18n : 0n));
    const b = fm.assets.map((a) => (a === 'USD' ? 17_500n * 10n ** 6n : 0n));
    const f = fastLiquidation(fm, s, b, fm.assets.indexOf(name), fm.assets.indexOf('USD'));
    expect([f.debtRepaid, f.collateralToLiquidator, f.protocolFee]).toEqual([
      aave.debtRepaidBaseUnits,
      aave.collateralToLiquidatorBaseUnits,
      aave.protocolFeeBaseUnits,
    ]);
    expect(fastHealthFactor(fm, s, b)).toBe(971428571428571428n);
    expect(fastAccountData(fm, s, b).totalDebt).toBe(17_500n * 10n ** 8n);
  });
  it('a price missing for it is a RiskInputError naming it, not a prototype member', () => {
    const e = thrown(() => accountHealth(account, market, { USD: '1' }));
    expect(e.path).toBe(`prices.${name}`);
    // fastMarket prices an unlisted reserve at 0 (it then counts for nothing), never at a prototype member
    const fm = fastMarket(market, { USD: '1' }, { eMode: 1 });
    expect(fm.price[fm.assets.indexOf(name)]).toBe(0n);
  });
  it('the collateral functions of riskcore/haircuts', () => {
    const v = haircuts.collateralValue(
      [{ asset: name, amount: '2' }],
      rec([[name, '10']]) as Record<string, string>,
      rec([[name, 0.5]]) as Record<string, number>,
      { shorts: rec([[name, '1']]) as Record<string, string>, wrongWayCredit: 0 },
    );
    expect(v.value.toString()).toBe('5');
    expect(thrown(() => haircuts.collateralValue([{ asset: name, amount: '2' }], { X: '1' }, { X: 0 })).path).toBe(
      `prices.${name}`,
    );
    const h = haircuts.fixedHaircut(rec([['ETH', 0.1]]) as Record<string, number>);
    expect(thrown(() => h({ asset: name, amount: 1, price: 1, value: 1, totalValue: 1 })).path).toBe(
      `schedule.${name}`,
    );
    const vh = haircuts.volatilityHaircut({ vol: rec([[name, 0.8]]) as Record<string, number>, horizon: 1 / 365 });
    expect(vh({ asset: name, amount: 1, price: 1, value: 1, totalValue: 1 })).toBeCloseTo(0.09361, 5);
    expect(
      thrown(() =>
        haircuts.liquidityHaircut({ dailyVolume: { ETH: 1 }, coefficient: 0.1 })({
          asset: name,
          amount: 1,
          price: 1,
          value: 1,
          totalValue: 1,
        }),
      ).path,
    ).toBe(`dailyVolume.${name}`);
    const eq = haircuts.crossCollateralEquity({
      collateral: [{ asset: name, amount: '1' }],
      prices: rec([[name, '4']]) as Record<string, string>,
      haircuts: rec([[name, 0.25]]) as Record<string, number>,
    });
    expect(eq.equity.toString()).toBe('3');
    expect(haircuts.checkPrice(name, '1', {}, `prices.${name}`, { now: 0 })).toEqual([]);
    const ctx = { asset: name, amount: 1, price: 8000, value: 8000, totalValue: 10000 };
    expect(haircuts.concentrationAddOn({ threshold: 0.5, slope: 0.2 })(ctx)).toBeCloseTo(0.06, 15);
    expect(
      haircuts.composeHaircuts(
        [
          haircuts.fixedHaircut(rec([[name, 0.1]]) as Record<string, number>),
          haircuts.concentrationAddOn({ threshold: 0.5, slope: 0.2 }),
        ],
        'sum',
      )(ctx),
    ).toBeCloseTo(0.16, 15);
  });
});

describe('prepared values are recognised by the registry, not by their shape', () => {
  it('a prepared market is returned as it is, frozen', () => {
    const m = lendingMarket(AAVE_V3_ETHEREUM);
    expect(lendingMarket(m)).toBe(m);
    expect(Object.isFrozen(m)).toBe(true);
  });
  it('a copy of a prepared market is validated as parameters, and refused', () => {
    const m = lendingMarket(AAVE_V3_ETHEREUM);
    expect(thrown(() => lendingMarket({ ...m } as never)).path).toMatch(/^market\./);
    expect(thrown(() => accountHealth({ supplies: [], borrows: [] }, { ...m } as never, {})).path).toMatch(/^market\./);
  });
  it('a FastMarket copy or JSON look-alike is refused at fm', () => {
    const fm = fastMarket(AAVE_V3_ETHEREUM, { WETH: '3000', USDC: '1' });
    const zeros = fm.assets.map(() => 0n);
    expect(fastHealthFactor(fm, zeros, zeros)).toBe(-1n);
    const forged = { ...fm, price: fm.price.map(() => 1n) };
    expect(thrown(() => fastHealthFactor(forged as never, zeros, zeros)).path).toBe('fm');
    expect(thrown(() => fastLiquidation(structuredClone({ ...fm }) as never, zeros, zeros, 0, 1)).path).toBe('fm');
    expect(Object.isFrozen(fm)).toBe(true);
  });
});

describe('fastLiquidation options', () => {
  const prices = { WETH: '2400', USDC: '1' };
  const fm = fastMarket(AAVE_V3_ETHEREUM, prices);
  const s = fm.assets.map((a) => (a === 'WETH' ? 10n * 10n ** 18n : 0n));
  const b = fm.assets.map((a) => (a === 'USDC' ? 20_000n * 10n ** 6n : 0n));
  const [c, d] = [fm.assets.indexOf('WETH'), fm.assets.indexOf('USDC')];
  it('absent debtToCover is the close-factor maximum; the deprecated positional -1n means the same', () => {
    const max = fastLiquidation(fm, s, b, c, d);
    expect(max.debtRepaid).toBe(10_000n * 10n ** 6n);
    expect(fastLiquidation(fm, s, b, c, d, {})).toEqual(max);
    expect(fastLiquidation(fm, s, b, c, d, -1n)).toEqual(max);
  });
  it('{ debtToCover } equals the positional form and the Decimal path', () => {
    const want = 5_000n * 10n ** 6n;
    const f = fastLiquidation(fm, s, b, c, d, { debtToCover: want });
    expect(f).toEqual(fastLiquidation(fm, s, b, c, d, want));
    const r = liquidationAmounts(
      { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '20000' }] },
      AAVE_V3_ETHEREUM,
      prices,
      { collateralAsset: 'WETH', debtAsset: 'USDC', debtToCover: '5000', rounding: 'aave' },
    );
    expect(LIQUIDATION_REASONS[f.reason]).toBe(r.reason ?? 'OK');
    expect([f.debtRepaid, f.collateralToLiquidator, f.protocolFee]).toEqual([
      r.debtRepaidBaseUnits,
      r.collateralToLiquidatorBaseUnits,
      r.protocolFeeBaseUnits,
    ]);
  });
  it('refuses a negative or non-bigint debtToCover and unknown keys', () => {
    expect(thrown(() => fastLiquidation(fm, s, b, c, d, { debtToCover: -1n })).path).toBe('opts.debtToCover');
    expect(thrown(() => fastLiquidation(fm, s, b, c, d, { debtToCover: 5 as never })).path).toBe('opts.debtToCover');
    const e = thrown(() => fastLiquidation(fm, s, b, c, d, { debtTocover: 1n } as never));
    expect(e.path).toBe('opts.debtTocover');
    expect(e.message).toMatch(/did you mean debtToCover/);
  });
});

describe('strict inputs', () => {
  it('a misspelt field is refused with a did-you-mean', () => {
    const e = thrown(() => accountHealth({ supplies: [], borrows: [], emode: 1 } as never, AAVE_V3_ETHEREUM, {}));
    expect(e.path).toBe('account.emode');
    expect(e.message).toMatch(/did you mean eMode/);
    expect(
      thrown(() =>
        lendingMarket({
          ...AAVE_V3_ETHEREUM,
          reserves: [{ ...AAVE_V3_ETHEREUM.reserves[0], liquidationTreshold: '0.8' } as never],
        }),
      ).path,
    ).toBe('market.reserves[0].liquidationTreshold');
    expect(thrown(() => healthFactor({ collateral: [], debt: [], colateral: [] } as never)).path).toBe(
      'input.colateral',
    );
  });
  it.each([
    [
      'healthFactor amount',
      () =>
        healthFactor({
          collateral: [{ asset: 'A', amount: '1e400', price: '1', liquidationThreshold: '0.5' }],
          debt: [],
        }),
      'collateral[0].amount',
    ],
    [
      'healthFactor price',
      () => healthFactor({ collateral: [], debt: [{ asset: 'A', amount: '1', price: '1e400' }] }),
      'debt[0].price',
    ],
    [
      'accountHealth supply',
      () =>
        accountHealth({ supplies: [{ asset: 'WETH', amount: '1e400' }], borrows: [] }, AAVE_V3_ETHEREUM, { WETH: '1' }),
      'account.supplies[0].amount',
    ],
    [
      'accountHealth price',
      () =>
        accountHealth({ supplies: [{ asset: 'WETH', amount: '1' }], borrows: [] }, AAVE_V3_ETHEREUM, { WETH: '1e400' }),
      'prices.WETH',
    ],
    ['capRoom totals', () => capRoom(AAVE_V3_ETHEREUM, 'WETH', { totalSupplied: '1e400' }), 'totals.totalSupplied'],
    [
      'market cap',
      () => lendingMarket({ ...AAVE_V3_ETHEREUM, reserves: [{ ...AAVE_V3_ETHEREUM.reserves[0], supplyCap: '1e400' }] }),
      'market.reserves[0].supplyCap',
    ],
    [
      'collateralValue',
      () => haircuts.collateralValue([{ asset: 'ETH', amount: '1e400' }], { ETH: '1' }, { ETH: 0 }),
      'holdings[0].amount',
    ],
    [
      'crossCollateralEquity pnl',
      () => haircuts.crossCollateralEquity({ collateral: [], prices: {}, haircuts: {}, unrealizedPnl: '-1e400' }),
      'input.unrealizedPnl',
    ],
  ])('money beyond range is refused at its field: %s', (_n, fn, path) => {
    const e = thrown(fn);
    expect(e.path).toBe(path);
  });
  it('an amount at the bound is accepted', () => {
    const r = healthFactor({
      collateral: [{ asset: 'A', amount: '1e30', price: '1', liquidationThreshold: '0.5' }],
      debt: [{ asset: 'B', amount: '1', price: '1' }],
    });
    expect(r.healthFactor!.eq(new Money('5e29'))).toBe(true);
  });
});

describe('haircut unit slips', () => {
  it('volatilityHaircut({ vol: 70 }) is refused with the hint; allowExtreme opts out', () => {
    const e = thrown(() => haircuts.volatilityHaircut({ vol: 70, horizon: 1 / 365 }));
    expect(e.path).toBe('vol');
    expect(e.message).toMatch(/percentage/);
    expect(e.message).toMatch(/allowExtreme/);
    expect(thrown(() => haircuts.volatilityHaircut({ vol: { ETH: 0.8, BTC: 65 }, horizon: 1 / 365 })).path).toBe(
      'vol.BTC',
    );
    expect(thrown(() => haircuts.volatilityHaircut({ vol: 0.8, horizon: 30 })).path).toBe('horizon');
    const h = haircuts.volatilityHaircut({ vol: 70, horizon: 1 / 365, allowExtreme: true });
    expect(h({ asset: 'X', amount: 1, price: 1, value: 1, totalValue: 1 })).toBeGreaterThan(0.99);
  });
});

describe('the deprecated riskcore/haircuts names are the riskcore/lending functions', () => {
  it.each([
    'healthFactor',
    'lendingMarket',
    'accountHealth',
    'capRoom',
    'maxBorrow',
    'liquidationAmounts',
    'fastMarket',
    'fastHealthFactor',
    'fastAccountData',
    'fastLiquidation',
  ])('%s', (name) => {
    expect((haircuts as Record<string, unknown>)[name]).toBe((lending as Record<string, unknown>)[name]);
  });
});
