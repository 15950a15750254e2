/**
 * Properties of the what-if previews (Compound III, Morpho Blue, Euler v2, Aave v3): inputs are never mutated
 * (deep-frozen inputs work, and equal their copies after the call); liquidation to a target health lands at or
 * just above the target (the amount is the smallest that reaches it: one base unit less does not); the liquidation
 * price is exact (at it the account is safe, one price unit below it is liquidatable).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/core/money.js';
import {
  AAVE_V3_ETHEREUM,
  accountHealth,
  cometLiquidity,
  eulerAccountLiquidity,
  eulerLiquidate,
  liquidationAmounts,
  morphoHealth,
  morphoLiquidate,
  previewAave,
  previewComet,
  previewEuler,
  previewMorpho,
} from '../../../src/lending/index.js';

const SEED = 20261207;
const WAD = 10n ** 18n;
const E = (n: number, d = 18) => BigInt(Math.round(n * 1e6)) * 10n ** BigInt(d - 6);

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
/** Calls f on deep-frozen copies and checks they still equal fresh copies afterwards. */
function untouched<A extends unknown[]>(make: () => A, f: (...a: A) => unknown): void {
  const args = deepFreeze(make());
  f(...args);
  expect(args).toEqual(make());
}

// ---- Compound -------------------------------------------------------------------------------------------------
const cometMarket = (wethPrice: bigint) => ({
  baseDecimals: 6,
  basePrice: 100000000n,
  baseSupplyIndex: 1010000000000000n,
  baseBorrowIndex: 1030000000000000n,
  totalSupplyBase: 10n ** 15n,
  totalBorrowBase: 10n ** 14n,
  baseBalance: 10n ** 15n,
  storeFrontPriceFactor: 6n * 10n ** 17n,
  assets: [
    {
      asset: 'WETH',
      decimals: 18,
      price: wethPrice,
      borrowCollateralFactor: (8n * WAD) / 10n,
      liquidateCollateralFactor: (85n * WAD) / 100n,
      liquidationFactor: (93n * WAD) / 100n,
    },
    {
      asset: 'WBTC',
      decimals: 8,
      price: 6000000000000n,
      borrowCollateralFactor: (7n * WAD) / 10n,
      liquidateCollateralFactor: (77n * WAD) / 100n,
      liquidationFactor: (95n * WAD) / 100n,
    },
  ],
});
const cometAction = fc.oneof(
  fc.record({
    type: fc.constantFrom('supply' as const, 'withdraw' as const),
    asset: fc.constantFrom('base', 'WETH', 'WBTC'),
    amount: fc.bigInt({ min: 0n, max: 10n ** 8n }),
  }),
  fc.record({
    type: fc.constantFrom('borrow' as const, 'repay' as const),
    amount: fc.bigInt({ min: 0n, max: 10n ** 10n }),
  }),
  fc.record({
    type: fc.constant('swapCollateral' as const),
    asset: fc.constant('WETH'),
    amount: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    to: fc.constant('WBTC'),
    amountTo: fc.bigInt({ min: 0n, max: 10n ** 6n }),
  }),
  fc.record({ type: fc.constant('liquidate' as const), targetHealth: fc.constant(WAD) }),
);

describe('previewComet', () => {
  it('never mutates its inputs; supply then withdraw of collateral restores the health', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100000000000n, max: 500000000000n }),
        fc.bigInt({ min: -(10n ** 10n), max: 10n ** 9n }),
        cometAction,
        (px, principal, action) => {
          const make = () =>
            [{ principal, collateral: { WETH: 10n ** 18n, WBTC: 10n ** 7n } }, cometMarket(px), { action }] as const;
          untouched(
            () => [...make()] as [any, any, any],
            (a, m, o) => {
              try {
                previewComet(a, m, o);
              } catch (e) {
                expect((e as Error).name).toBe('RiskInputError');
              }
            },
          );
          const [a, m] = make();
          const up = previewComet(a, m, { action: { type: 'supply', asset: 'WETH', amount: 10n ** 17n } });
          const back = previewComet(up.after.account, up.after.market, {
            action: { type: 'withdraw', asset: 'WETH', amount: 10n ** 17n },
          });
          expect(back.healthFactor).toEqual(cometLiquidity(a, m).healthFactor);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
  it('the liquidation price is exact: safe at it, liquidatable one unit below', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 8n, max: 4n * 10n ** 9n }), (debt) => {
        const a = { principal: -debt, collateral: { WETH: 10n ** 18n, WBTC: 10n ** 5n } };
        const r = previewComet(a, cometMarket(300000000000n), {
          action: { type: 'supply', asset: 'WETH', amount: 0n },
          watch: 'WETH',
        });
        if (r.liquidationPrice === null) return;
        expect(cometLiquidity(a, cometMarket(r.liquidationPrice)).isLiquidatable).toBe(false);
        expect(cometLiquidity(a, cometMarket(r.liquidationPrice - 1n)).isLiquidatable).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
  it('liquidate is an absorb: no debt left, the target is met', () => {
    const r = previewComet({ principal: -3000000000n, collateral: { WETH: 10n ** 18n } }, cometMarket(300000000000n), {
      action: { type: 'liquidate', targetHealth: WAD },
    });
    expect(r.liquidation?.allowed).toBe(true);
    expect(r.healthFactor).toBeNull();
    expect(r.targetReached).toBe(true);
    expect(r.after.account.collateral).toEqual({ WETH: 0n });
  });
  it('a borrow beyond the collateral is refused as Comet does', () => {
    const r = previewComet({ principal: 0n, collateral: { WETH: 10n ** 18n } }, cometMarket(300000000000n), {
      action: { type: 'borrow', amount: 2400000001n },
    });
    expect(r.allowed).toBe(false);
    expect(r.reason).toBe('NotCollateralized');
  });
});

// ---- Morpho ---------------------------------------------------------------------------------------------------
const morphoState = (lltvPct: number, price: bigint, borrowed: bigint) => ({
  position: { collateral: 10n ** 18n, borrowShares: borrowed * 10n ** 6n },
  market: {
    lltv: BigInt(lltvPct) * 10n ** 16n,
    price,
    totalSupplyAssets: 10n ** 13n,
    totalSupplyShares: 10n ** 19n,
    totalBorrowAssets: borrowed + 10n ** 9n,
    totalBorrowShares: (borrowed + 10n ** 9n) * 10n ** 6n,
  },
});

describe('previewMorpho', () => {
  it('liquidation to a target health lands at or just above it (one unit less falls short); inputs untouched', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 94 }),
        fc.bigInt({ min: 1000n, max: 3000n }),
        fc.bigInt({ min: 1001n, max: 1200n }),
        (lltv, px, tgt) => {
          const s = morphoState(lltv, px * 10n ** 24n, 1500n * 10n ** 6n);
          const target = (tgt * WAD) / 1000n;
          const make = () =>
            [
              structuredClone(s.position),
              structuredClone(s.market),
              { action: { type: 'liquidate' as const, targetHealth: target } },
            ] as const;
          untouched(
            () => [...make()] as [any, any, any],
            (p, m, o) => previewMorpho(p, m, o),
          );
          const r = previewMorpho(s.position, s.market, { action: { type: 'liquidate', targetHealth: target } });
          if (!morphoHealth(s.position, s.market).healthy) expect(r.liquidation).not.toBeNull();
          if (r.targetReached && r.liquidation?.allowed && r.healthFactor !== null) {
            expect(r.healthFactor >= target).toBe(true);
            const seized = r.liquidation.seizedAssets;
            if (seized > 1n) {
              const less = morphoLiquidate(s.position, s.market, { seizedAssets: seized - 1n });
              expect(!less.allowed || (less.healthFactorAfter !== null && less.healthFactorAfter < target)).toBe(true);
            }
          }
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
  it('the liquidation price is exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 94 }), fc.bigInt({ min: 100n, max: 1800n }), (lltv, b) => {
        const s = morphoState(lltv, 2000n * 10n ** 24n, b * 10n ** 6n);
        const lp = morphoHealth(s.position, s.market).liquidationPrice!;
        expect(morphoHealth(s.position, { ...s.market, price: lp }).healthy).toBe(true);
        expect(morphoHealth(s.position, { ...s.market, price: lp - 1n }).healthy).toBe(false);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
  it('refuses a collateral swap (one collateral per market); a borrow past LLTV is not allowed', () => {
    const s = morphoState(86, 2000n * 10n ** 24n, 0n);
    expect(() =>
      previewMorpho(s.position, s.market, {
        action: { type: 'swapCollateral', asset: 'collateral', amount: 1n, to: 'collateral', amountTo: 1n },
      }),
    ).toThrow(/opts\.action\.type/);
    expect(previewMorpho(s.position, s.market, { action: { type: 'borrow', amount: 1721n * 10n ** 6n } }).reason).toBe(
      'insufficient collateral',
    );
  });
});

// ---- Euler ----------------------------------------------------------------------------------------------------
const eulerVault = (p2: bigint, disc = 2000) => ({
  liabilityPrice: 25n * 10n ** 17n,
  maxLiquidationDiscount: disc,
  collaterals: [
    { asset: 'eTST2', price: p2, borrowLTV: 3000, liquidationLTV: 3500 },
    { asset: 'eTST3', price: 22n * 10n ** 17n, borrowLTV: 8000, liquidationLTV: 8500 },
  ],
});

describe('previewEuler', () => {
  it('liquidation to a target health lands at or just above it; inputs untouched', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 40n }),
        fc.bigInt({ min: 1001n, max: 1300n }),
        fc.integer({ min: 0, max: 3000 }),
        (p2, tgt, disc) => {
          const v = eulerVault(p2 * 10n ** 16n, disc);
          const a = { debt: 5n * WAD, collateral: { eTST2: 100n * WAD, eTST3: 10n ** 17n } };
          const target = (tgt * WAD) / 1000n;
          const opts = { action: { type: 'liquidate' as const, targetHealth: target, collateral: 'eTST2' } };
          untouched(
            () => [structuredClone(a), structuredClone(v), structuredClone(opts)] as [any, any, any],
            (x, y, z) => previewEuler(x, y, z),
          );
          const r = previewEuler(a, v, opts);
          if (r.targetReached && r.healthFactor !== null && r.liquidation) {
            expect(r.healthFactor >= target).toBe(true);
            const repay = r.liquidation.debtRepaid;
            if (repay > 1n) {
              const less = eulerLiquidate(a, v, { collateral: 'eTST2', desiredRepay: repay - 1n });
              expect(less.healthFactorAfter === null || less.healthFactorAfter < target).toBe(true);
            }
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
  it('the liquidation price is exact; a borrow past the borrowing LTV is refused', () => {
    const a = { debt: 5n * WAD, collateral: { eTST2: 100n * WAD } };
    const r = previewEuler(a, eulerVault(4n * 10n ** 17n), { action: { type: 'repay', amount: 0n } });
    const lp = r.liquidationPrice!;
    const h = (p: bigint) => eulerAccountLiquidity(a, eulerVault(p));
    expect(h(lp).collateralValue > h(lp).liabilityValue).toBe(true);
    expect(h(lp - 1n).collateralValue > h(lp - 1n).liabilityValue).toBe(false);
    expect(previewEuler(a, eulerVault(4n * 10n ** 17n), { action: { type: 'borrow', amount: WAD } }).reason).toBe(
      'E_AccountLiquidity',
    );
  });
});

// ---- Aave -----------------------------------------------------------------------------------------------------
describe('previewAave', () => {
  const ctx = (weth: string) => ({
    market: AAVE_V3_ETHEREUM,
    prices: { WETH: weth, USDC: '1', WBTC: '60000', DAI: '1' },
  });
  it('liquidation to a target health lands at or just above it; inputs untouched', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2390 }), fc.integer({ min: 1001, max: 1100 }), (px, tgt) => {
        const account = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '20000' }] };
        const target = (tgt / 1000).toFixed(3);
        const opts = {
          action: { type: 'liquidate' as const, targetHealth: target, collateral: 'WETH', debtAsset: 'USDC' },
        };
        untouched(
          () => [structuredClone(account), ctx(String(px)), structuredClone(opts)] as [any, any, any],
          (a, c, o) => previewAave(a, c, o),
        );
        const r = previewAave(account, ctx(String(px)), opts);
        if (r.targetReached && r.liquidation && r.healthFactor !== null) {
          expect(r.healthFactor.gte(target)).toBe(true);
          const units = r.liquidation.debtRepaidBaseUnits;
          if (units > 1n) {
            const prices = ctx(String(px)).prices;
            const less = liquidationAmounts(account, AAVE_V3_ETHEREUM, prices, {
              collateralAsset: 'WETH',
              debtAsset: 'USDC',
              rounding: 'aave',
              debtToCover: (units - 1n)
                .toString()
                .padStart(7, '0')
                .replace(/(\d{6})$/, '.$1'),
            });
            if (less.allowed) {
              const after = {
                supplies: [
                  {
                    asset: 'WETH',
                    amount: new Money(10).minus(less.collateralToLiquidator).minus(less.protocolFee).toFixed(),
                  },
                ],
                borrows: [{ asset: 'USDC', amount: new Money(20000).minus(less.debtRepaid).toFixed() }],
              };
              const hf = accountHealth(after, AAVE_V3_ETHEREUM, prices).healthFactor;
              expect(hf === null || hf.lt(target)).toBe(true);
            }
          }
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
  it('the liquidation price is where HF = 1; a borrow beyond maxBorrow is refused', () => {
    const account = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '15000' }] };
    const r = previewAave(account, ctx('2400'), { action: { type: 'borrow', asset: 'USDC', amount: '3000' } });
    const h = accountHealth(r.after, AAVE_V3_ETHEREUM, { ...ctx('2400').prices, WETH: r.liquidationPrice!.toFixed() });
    expect(h.healthFactor!.toString()).toBe('1');
    const big = previewAave(account, ctx('2400'), { action: { type: 'borrow', asset: 'USDC', amount: '5000' } });
    expect(big.allowed).toBe(false);
    expect(big.reason).toBe('COLLATERAL_CANNOT_COVER_NEW_BORROW');
  });
});
