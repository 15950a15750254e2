/**
 * Liquidation amounts against an independent re-derivation of Aave v3.3 LiquidationLogic on Python integers
 * (test/fixtures/haircuts/gen_liquidation.py → liquidation_cases.json; @aave/math-utils has no liquidation math),
 * to the wei, for both the Decimal path (rounding 'aave') and the bigint fast path; and the exact-rounding path's
 * economics: a liquidation raises HF exactly when HF > LT·(1 + bonus).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Money } from '../../src/core/money.js';
import { fastLiquidation, fastMarket, LIQUIDATION_REASONS, liquidationAmounts } from '../../src/haircuts/index.js';
import type { LendingMarketParams } from '../../src/haircuts/index.js';

interface Case {
  reserves: Array<{ asset: string; decimals: number; lt: number; ltv: number; bonus: number; fee: number }>;
  prices: string[];
  supplies: string[];
  borrows: string[];
  collateral: number;
  debt: number;
  debtToCover: string | null;
  expected: {
    reason: string | null;
    hfBefore: string | null;
    maxLiquidatableDebt?: string;
    debtRepaid?: string;
    collateralToLiquidator?: string;
    protocolFee?: string;
    deficit?: boolean;
  };
}
const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/haircuts/liquidation_cases.json', import.meta.url)), 'utf8'),
) as { cases: Case[] };

const bps = (x: number) => new Money(x).div(10_000).toString();

function build(c: Case) {
  const market: LendingMarketParams = {
    name: 'random',
    source: 'gen_liquidation.py',
    priceDecimals: 8,
    reserves: c.reserves.map((r) => ({
      asset: r.asset,
      decimals: r.decimals,
      ltv: bps(r.ltv),
      liquidationThreshold: bps(r.lt),
      liquidationBonus: bps(r.bonus - 10_000),
      liquidationProtocolFee: bps(r.fee),
    })),
  };
  const prices = Object.fromEntries(c.reserves.map((r, i) => [r.asset, new Money(c.prices[i]).div(1e8).toString()]));
  const account = {
    supplies: c.reserves.map((r, i) => ({ asset: r.asset, amount: BigInt(c.supplies[i]) })),
    borrows: c.reserves.map((r, i) => ({ asset: r.asset, amount: BigInt(c.borrows[i]) })),
  };
  return { market, prices, account };
}

describe('liquidation amounts vs the Python/bigint re-derivation of Aave v3.3', () => {
  it('has a fixture covering every outcome', () => {
    const reasons = new Set(fixture.cases.map((c) => c.expected.reason));
    expect([...reasons].sort()).toEqual(
      [null, 'COLLATERAL_CANNOT_BE_LIQUIDATED', 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD', 'MUST_NOT_LEAVE_DUST'].sort(),
    );
    expect(fixture.cases.some((c) => c.expected.deficit)).toBe(true);
    expect(
      fixture.cases.some((c) => c.expected.maxLiquidatableDebt && c.expected.maxLiquidatableDebt !== c.borrows[c.debt]),
    ).toBe(true);
  });

  it.each(fixture.cases.map((c, i) => [i, c] as const))(
    'case %i: Decimal (aave rounding) and fast path agree to the wei',
    (_i, c) => {
      const { market, prices, account } = build(c);
      const collateralAsset = c.reserves[c.collateral].asset;
      const debtAsset = c.reserves[c.debt].asset;
      const debtToCover =
        c.debtToCover === null
          ? undefined
          : new Money(c.debtToCover).div(new Money(10).pow(c.reserves[c.debt].decimals)).toFixed();
      const r = liquidationAmounts(account, market, prices, {
        collateralAsset,
        debtAsset,
        debtToCover,
        rounding: 'aave',
      });
      const e = c.expected;
      expect(r.reason).toBe(e.reason);
      expect(r.healthFactorBefore === null ? null : r.healthFactorBefore.mul(1e18).toFixed(0)).toBe(e.hfBefore);
      if (e.reason === null) {
        expect(r.debtRepaidBaseUnits.toString()).toBe(e.debtRepaid);
        expect(r.collateralToLiquidatorBaseUnits.toString()).toBe(e.collateralToLiquidator);
        expect(r.protocolFeeBaseUnits.toString()).toBe(e.protocolFee);
        expect(r.maxLiquidatableDebt.mul(new Money(10).pow(c.reserves[c.debt].decimals)).toFixed(0)).toBe(
          e.maxLiquidatableDebt,
        );
        expect(r.deficit.length > 0 || (e.deficit === true && r.deficit.length === 0)).toBe(e.deficit === true);
      }
      const fm = fastMarket(market, prices);
      const f = fastLiquidation(
        fm,
        c.supplies.map(BigInt),
        c.borrows.map(BigInt),
        c.collateral,
        c.debt,
        c.debtToCover === null ? -1n : BigInt(c.debtToCover),
      );
      expect(LIQUIDATION_REASONS[f.reason]).toBe(e.reason ?? 'OK');
      expect(f.healthFactorBefore === -1n ? null : f.healthFactorBefore.toString()).toBe(e.hfBefore);
      if (e.reason === null) {
        expect([f.debtRepaid, f.collateralToLiquidator, f.protocolFee].map(String)).toEqual([
          e.debtRepaid,
          e.collateralToLiquidator,
          e.protocolFee,
        ]);
        expect(f.deficit).toBe(e.deficit);
      }
    },
  );

  it('exact rounding stays within a few base units of the contract rounding', () => {
    let checked = 0;
    for (const c of fixture.cases) {
      if (c.expected.reason !== null) continue;
      const { market, prices, account } = build(c);
      const opts = {
        collateralAsset: c.reserves[c.collateral].asset,
        debtAsset: c.reserves[c.debt].asset,
        debtToCover:
          c.debtToCover === null
            ? undefined
            : new Money(c.debtToCover).div(new Money(10).pow(c.reserves[c.debt].decimals)).toFixed(),
      };
      const ex = liquidationAmounts(account, market, prices, opts);
      if (ex.reason !== null) continue; // a dust or close-factor edge decided differently by rounding
      const ua = c.reserves[c.collateral].decimals;
      const collExact = ex.collateralToLiquidator.plus(ex.protocolFee).mul(new Money(10).pow(ua));
      const collAave = BigInt(c.expected.collateralToLiquidator!) + BigInt(c.expected.protocolFee!);
      // The contract floors each base-currency value to 1e-8 USD (the close factor's 50% of total debt among
      // them), each amount to its base unit, and rounds percentMul half-up: apart by at most a few price units
      // of value (here 10·1e-8 USD) plus two debt units and three collateral units.
      const ud = c.reserves[c.debt].decimals;
      const unitC = new Money(10).pow(ua);
      const debtUnitInColl = new Money(c.prices[c.debt])
        .div(c.prices[c.collateral])
        .mul(unitC)
        .div(new Money(10).pow(ud));
      const priceUnitsInColl = new Money(10).div(c.prices[c.collateral]).mul(unitC);
      expect(
        collExact
          .minus(collAave.toString())
          .abs()
          .lte(priceUnitsInColl.plus(debtUnitInColl.mul(2)).plus(3)),
      ).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('a liquidation raises the health factor exactly when HF > LT·(1 + bonus)', () => {
  // Single collateral C (value), single debt D, threshold LT, bonus b. Repaying d takes d·(1 + b) of collateral
  // (fee included: it leaves the user either way), so HF' = (C − d(1 + b))·LT / (D − d) and
  //   HF' > HF ⟺ (C − d(1 + b))·D > C·(D − d) ⟺ C > D·(1 + b) ⟺ HF = C·LT/D > LT·(1 + b),
  // with equality on the boundary. Collateral prices are powers of 2 and 5 so every division is exact.
  const nicePrices = ['1', '2', '2.5', '4', '5', '8', '10', '20', '3125', '1600'];
  const market = (lt: string, bonus: string, fee: string): LendingMarketParams => ({
    name: 'pair',
    source: 'test',
    reserves: [
      {
        asset: 'COLL',
        decimals: 18,
        ltv: '0',
        liquidationThreshold: lt,
        liquidationBonus: bonus,
        liquidationProtocolFee: fee,
      },
      { asset: 'DEBT', decimals: 6, ltv: '0', liquidationThreshold: '0', liquidationBonus: '0' },
    ],
  });
  const run = (
    lt: string,
    bonus: string,
    fee: string,
    pc: string,
    pd: string,
    collAmount: Money,
    debtAmount: Money,
  ) => {
    const r = liquidationAmounts(
      {
        supplies: [{ asset: 'COLL', amount: collAmount.toFixed() }],
        borrows: [{ asset: 'DEBT', amount: debtAmount.toFixed() }],
      },
      market(lt, bonus, fee),
      { COLL: pc, DEBT: pd },
      {
        collateralAsset: 'COLL',
        debtAsset: 'DEBT',
        debtToCover: debtAmount.div(10).toDecimalPlaces(6, Money.ROUND_DOWN).toFixed(),
      },
    );
    expect(r.allowed).toBe(true);
    const C = collAmount.mul(pc);
    const D = debtAmount.mul(pd);
    const taken = r.collateralToLiquidator.plus(r.protocolFee).mul(pc);
    const C2 = C.minus(taken);
    const D2 = D.minus(r.debtRepaid.mul(pd));
    // compare HF' with HF exactly by cross-multiplying (LT cancels)
    return { cmp: C2.mul(D).comparedTo(C.mul(D2)), boundary: C.comparedTo(D.mul(new Money(1).plus(bonus))), r };
  };
  const params = fc.record({
    lt: fc.integer({ min: 5000, max: 9000 }).map((x) => bps(x)),
    bonus: fc.integer({ min: 100, max: 1000 }).map((x) => bps(x)),
    fee: fc.integer({ min: 0, max: 5000 }).map((x) => bps(x)),
    pc: fc.constantFrom(...nicePrices),
    pd: fc.constantFrom('1', '0.99', '1.01', '3000', '59999.5'),
    debt: fc.integer({ min: 200_000, max: 50_000_000 }),
  });

  it('on either side of the boundary, with random HF below 1', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.3, max: 0.999, noNaN: true }), (p, hf) => {
        const debtAmount = new Money(p.debt).div(p.pd).toDecimalPlaces(6, Money.ROUND_DOWN);
        const D = debtAmount.mul(p.pd);
        const collAmount = D.mul(hf).div(p.lt).div(p.pc).toDecimalPlaces(18, Money.ROUND_DOWN);
        fc.pre(collAmount.mul(p.pc).mul(p.lt).lt(D)); // liquidatable
        const { cmp, boundary } = run(p.lt, p.bonus, p.fee, p.pc, p.pd, collAmount, debtAmount);
        return cmp === boundary;
      }),
      { numRuns: 300 },
    );
  });

  it('on the boundary HF = LT·(1 + b) exactly, and one wei of collateral either side of it', () => {
    fc.assert(
      fc.property(params, (p) => {
        fc.pre(new Money(p.lt).mul(new Money(1).plus(p.bonus)).lt(0.999));
        const debtAmount = new Money(p.debt).div(p.pd).toDecimalPlaces(2, Money.ROUND_DOWN);
        const D = debtAmount.mul(p.pd);
        const atBoundary = D.mul(new Money(1).plus(p.bonus)).div(p.pc); // exact: pc is 2^a·5^b
        expect(atBoundary.mul(1e18).isInteger()).toBe(true);
        const wei = new Money('1e-18');
        const on = run(p.lt, p.bonus, p.fee, p.pc, p.pd, atBoundary, debtAmount);
        const above = run(p.lt, p.bonus, p.fee, p.pc, p.pd, atBoundary.plus(wei), debtAmount);
        const below = run(p.lt, p.bonus, p.fee, p.pc, p.pd, atBoundary.minus(wei), debtAmount);
        return (
          on.cmp === 0 &&
          on.boundary === 0 &&
          above.cmp === 1 &&
          above.boundary === 1 &&
          below.cmp === -1 &&
          below.boundary === -1
        );
      }),
      { numRuns: 200 },
    );
  });

  it('a worked example each side: HF 0.9 vs LT·(1 + b) = 0.8715, and HF 0.85', () => {
    // WETH LT 0.83, bonus 5%: LT·(1 + b) = 0.8715.
    const m = market('0.83', '0.05', '0.1');
    const one = (coll: string) =>
      liquidationAmounts(
        { supplies: [{ asset: 'COLL', amount: coll }], borrows: [{ asset: 'DEBT', amount: '10000' }] },
        m,
        { COLL: '1', DEBT: '1' },
        { collateralAsset: 'COLL', debtAsset: 'DEBT', debtToCover: '1000' },
      );
    // C = 10843.373493975903614 → HF ≈ 0.9: after repaying 1000 and losing 1050, HF' = (C − 1050)·0.83 / 9000
    const up = one('10843.373493975903614');
    expect(up.healthFactorAfter!.gt(up.healthFactorBefore!)).toBe(true);
    // C = 10240.963855421686747 → HF ≈ 0.85 < 0.8715: HF falls
    const down = one('10240.963855421686747');
    expect(down.healthFactorAfter!.lt(down.healthFactorBefore!)).toBe(true);
  });
});

describe("the bench's positions: fast path equals the Decimal path", () => {
  it('HF and liquidation amounts agree exactly on 300 positions of the health workload', async () => {
    const { healthInputs } = await import('../../bench/workloads/health.js');
    const { AAVE_V3_ETHEREUM, accountHealth, fastHealthFactor } = await import('../../src/haircuts/index.js');
    const prices = {
      WETH: '3012.45',
      wstETH: '3450.1234',
      WBTC: '61234.5',
      USDC: '0.99995',
      DAI: '1.0001',
      USDT: '1',
      UNI: '6.5',
    };
    const inp = healthInputs(300);
    const fm = fastMarket(AAVE_V3_ETHEREUM, prices);
    let liquidated = 0;
    for (let p = 0; p < inp.n; p++) {
      const account = {
        supplies: fm.assets.map((a, i) => ({ asset: a, amount: inp.supplies[p][i] })),
        borrows: fm.assets.map((a, i) => ({ asset: a, amount: inp.borrows[p][i] })),
      };
      const h = accountHealth(account, AAVE_V3_ETHEREUM, prices);
      expect(fastHealthFactor(fm, inp.supplies[p], inp.borrows[p]).toString()).toBe(
        h.healthFactor === null ? '-1' : h.healthFactor.mul(1e18).toFixed(0),
      );
      const d = liquidationAmounts(account, AAVE_V3_ETHEREUM, prices, {
        collateralAsset: fm.assets[inp.collateral[p]],
        debtAsset: fm.assets[inp.debt[p]],
        rounding: 'aave',
      });
      const f = fastLiquidation(fm, inp.supplies[p], inp.borrows[p], inp.collateral[p], inp.debt[p]);
      expect(LIQUIDATION_REASONS[f.reason]).toBe(d.reason ?? 'OK');
      expect([f.debtRepaid, f.collateralToLiquidator, f.protocolFee]).toEqual([
        d.debtRepaidBaseUnits,
        d.collateralToLiquidatorBaseUnits,
        d.protocolFeeBaseUnits,
      ]);
      if (d.allowed) liquidated++;
    }
    expect(liquidated).toBeGreaterThan(50);
  });
});
