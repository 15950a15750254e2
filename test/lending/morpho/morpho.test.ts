/**
 * Morpho Blue against the repository's liquidation tests (morpho-org/morpho-blue at 3085651a,
 * test/integration/LiquidateIntegrationTest.sol: the two fixed tests and 40 draws of each fuzz test within its own
 * bounds, expected values by the tests' formulas; test/fixtures/lending/morpho/generate.py) and against an
 * independent Python-integer re-derivation of Morpho.liquidate / _isHealthy on 1,200 random market states.
 */
import { describe, expect, it } from 'vitest';
import { morphoHealth, morphoIncentiveFactor, morphoLiquidate } from '../../../src/lending/index.js';
import { loadFixture } from '../preview/fixture.js';

const proto = loadFixture('morpho', 'protocol-tests.json');
const rand = loadFixture('morpho', 'random.json');

describe('Morpho Blue: the repository tests', () => {
  it('are read from the named commit', () => {
    expect(proto.commit).toBe('3085651a79553bbabbfd8be309c262dab45b686e');
    expect(proto.cases.length).toBeGreaterThanOrEqual(120);
  });
  for (const c of proto.cases) {
    it(c.title, () => {
      const r = morphoLiquidate(c.position, c.market, c.opts);
      for (const [k, v] of Object.entries(c.expected)) expect((r as any)[k], k).toEqual(v);
      if (r.allowed) {
        expect(r.debtRepaid).toBe(r.repaidAssets);
        expect(r.badDebt).toBe(r.badDebtAssets);
      }
    });
  }
  it('the incentive factor of an 86% LLTV market is 1/(1 − 0.3·0.14) rounded down', () => {
    expect(morphoIncentiveFactor({ lltv: 86n * 10n ** 16n }).factor).toBe(10n ** 36n / (10n ** 18n - 42n * 10n ** 15n));
    expect(morphoIncentiveFactor({ lltv: 0n }).factor).toBe(115n * 10n ** 16n);
  });
});

describe('Morpho Blue: Python re-derivation, to the wei', () => {
  it(`${rand.cases.length} random cases: incentive, health, liquidate`, () => {
    expect(rand.cases.length).toBeGreaterThanOrEqual(1000);
    for (const [i, c] of rand.cases.entries()) {
      const at = `case ${i}`;
      expect(morphoIncentiveFactor({ lltv: c.market.lltv }).factor, at).toBe(c.lif);
      const h = morphoHealth(c.position, c.market);
      expect(h.healthy, at).toBe(c.health.healthy);
      expect(h.borrowed, at).toBe(c.health.borrowed);
      expect(h.maxBorrow, at).toBe(c.health.maxBorrow);
      const r = morphoLiquidate(c.position, c.market, c.opts);
      expect(r.allowed, at).toBe(c.liquidate.allowed);
      expect(r.reason, at).toBe(c.liquidate.reason);
      if (r.allowed) {
        for (const k of [
          'seizedAssets',
          'repaidShares',
          'repaidAssets',
          'badDebtAssets',
          'badDebtShares',
          'positionAfter',
          'marketAfter',
          'incentiveFactor',
        ])
          expect((r as any)[k], `${at} ${k}`).toEqual(c.liquidate[k]);
      }
    }
  });
});
