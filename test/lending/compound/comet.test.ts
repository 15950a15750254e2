/**
 * Compound III against the repository's own tests (compound-finance/comet at d5a30b0a, test/quote-collateral-test.ts,
 * is-liquidatable-test.ts, is-borrow-collateralized-test.ts, reserves-test.ts, absorb-test.ts; extracted by test/fixtures/lending/compound/generate.py) and against an
 * independent Python-integer re-derivation of Comet.sol on 1,200 random markets and accounts (edges included).
 */
import { describe, expect, it } from 'vitest';
import { cometAbsorb, cometLiquidity, cometQuoteCollateral, cometReserves } from '../../../src/lending/index.js';
import { loadFixture } from '../preview/fixture.js';

const proto = loadFixture('compound', 'protocol-tests.json');
const rand = loadFixture('compound', 'random.json');

describe('Compound III: the repository tests', () => {
  it('are read from the named commit', () => {
    expect(proto.commit).toBe('d5a30b0aaeff7755f1431e87f818990902237b03');
    expect(proto.cases.length).toBeGreaterThanOrEqual(33);
  });
  for (const c of proto.cases) {
    it(`${c.kind}: ${c.title}`, () => {
      if (c.kind === 'quote') {
        expect(cometQuoteCollateral(c.request, c.market).collateralAmount).toBe(c.expected.collateralAmount);
      } else if (c.kind === 'liquidity') {
        const l = cometLiquidity(c.account, c.market);
        for (const [k, v] of Object.entries(c.expected)) expect((l as any)[k], k).toBe(v);
      } else if (c.kind === 'reserves') {
        expect(cometReserves(c.market).reserves).toBe(c.expected.reserves);
      } else {
        const r = cometAbsorb(c.account, c.market);
        for (const [k, v] of Object.entries(c.expected)) expect((r as any)[k], k).toEqual(v);
      }
    });
  }
});

describe('Compound III: Python re-derivation, to the wei', () => {
  it(`${rand.cases.length} random cases: liquidity, reserves, absorb, quote`, () => {
    expect(rand.cases.length).toBeGreaterThanOrEqual(1000);
    let absorbed = 0;
    for (const [i, c] of rand.cases.entries()) {
      const l = cometLiquidity(c.account, c.market);
      const at = `case ${i}`;
      expect(l.isLiquidatable, at).toBe(c.liquidity.isLiquidatable);
      expect(l.isBorrowCollateralized, at).toBe(c.liquidity.isBorrowCollateralized);
      expect(l.presentValue, at).toBe(c.liquidity.presentValue);
      expect(l.borrowLiquidity, at).toBe(c.liquidity.borrowLiquidity);
      expect(l.liquidateLiquidity, at).toBe(c.liquidity.liquidateLiquidity);
      expect(cometReserves(c.market).reserves, at).toBe(c.reserves);
      const a = cometAbsorb(c.account, c.market);
      expect(a.allowed, at).toBe(c.absorb.allowed);
      expect(a.reason, at).toBe(c.absorb.reason);
      if (a.allowed) {
        absorbed++;
        for (const k of [
          'principalAfter',
          'basePaidOut',
          'valueOfBasePaidOut',
          'totalSupplyBase',
          'totalBorrowBase',
          'reservesBefore',
          'reservesAfter',
          'collateralSeized',
          'badDebt',
        ])
          expect((a as any)[k], `${at} ${k}`).toEqual(c.absorb[k]);
      }
      if (c.quote) {
        const q = cometQuoteCollateral({ asset: c.quote.asset, baseAmount: c.quote.baseAmount }, c.market);
        expect(q.collateralAmount, at).toBe(c.quote.collateralAmount);
      }
    }
    expect(absorbed).toBeGreaterThan(100);
  });
});
