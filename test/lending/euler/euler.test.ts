/**
 * Euler v2 against the repository's liquidation tests (euler-xyz/euler-vault-kit at 5b98b420,
 * test/unit/evault/modules/Liquidation/full.t.sol: full and partial liquidation, custom maximum discounts, debt
 * socialisation, cool-off, LTV ramping, borrowing vs liquidation LTV; test/fixtures/lending/euler/generate.py) and against an
 * independent Python-integer re-derivation of Liquidation.sol on 1,200 random vaults and accounts.
 */
import { describe, expect, it } from 'vitest';
import { eulerAccountLiquidity, eulerLiquidate, previewEuler } from '../../../src/lending/index.js';
import { loadFixture } from '../preview/fixture.js';

const proto = loadFixture('euler', 'protocol-tests.json');
const rand = loadFixture('euler', 'random.json');

describe('Euler v2: the repository tests', () => {
  it('are read from the named commit', () => {
    expect(proto.commit).toBe('5b98b42048ba11ae82fb62dfec06d1010c8e41e6');
    expect(proto.cases.length).toBeGreaterThanOrEqual(18);
  });
  for (const c of proto.cases) {
    it(c.title, () => {
      const r = c.preview ? previewEuler(c.account, c.vault, c.preview) : eulerLiquidate(c.account, c.vault, c.opts);
      for (const [k, v] of Object.entries(c.expected)) expect((r as any)[k], k).toEqual(v);
      if (c.liquidity) {
        const now = c.liquidityAt === undefined ? {} : { now: c.liquidityAt };
        if (c.liquidity.borrowing !== undefined)
          expect(eulerAccountLiquidity(c.account, c.vault, { ltv: 'borrowing' }).healthScore).toBe(
            c.liquidity.borrowing,
          );
        expect(eulerAccountLiquidity(c.account, c.vault, now).healthScore).toBe(c.liquidity.liquidation);
      }
    });
  }
});

describe('Euler v2: Python re-derivation, to the wei', () => {
  it(`${rand.cases.length} random cases: liquidity (both LTVs), checkLiquidation, liquidate`, () => {
    expect(rand.cases.length).toBeGreaterThanOrEqual(1000);
    for (const [i, c] of rand.cases.entries()) {
      const at = `case ${i}`;
      const now = c.opts.now === undefined ? {} : { now: c.opts.now };
      const l = eulerAccountLiquidity(c.account, c.vault, now);
      expect([l.collateralValue, l.liabilityValue], at).toEqual(c.liquidation);
      const b = eulerAccountLiquidity(c.account, c.vault, { ltv: 'borrowing', ...now });
      expect([b.collateralValue, b.liabilityValue], at).toEqual(c.borrowing);
      const r = eulerLiquidate(c.account, c.vault, c.opts);
      expect(r.allowed, at).toBe(c.result.allowed);
      expect(r.reason, at).toBe(c.result.reason);
      expect(r.maxRepay, at).toBe(c.result.maxRepay);
      expect(r.maxYield, at).toBe(c.result.maxYield);
      if (r.allowed) {
        for (const k of ['debtRepaid', 'discountFactor', 'badDebt', 'accountAfter', 'collateralSeized'])
          expect((r as any)[k], `${at} ${k}`).toEqual(c.result[k]);
      }
    }
  });
});
