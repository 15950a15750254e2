/**
 * The interest-rate models against an independent Python-integer re-derivation (test/fixtures/lending/irm/models.py,
 * cases written by generate.py: 1 000 random cases per model with edges — utilization 0, at the kink, 99.9%, 100%,
 * zero assets, up to ten years of accrual; Euler's adaptive curve from evk-periphery 235e51db): every rate, index and total equal to the wei, and every case the
 * re-derivation marks as a contract revert refused with a RiskInputError.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RiskInputError,
  aaveAccrue,
  aaveRates,
  cometAccrue,
  cometRates,
  eulerAccrue,
  eulerAdaptiveRate,
  eulerLinearKinkRate,
  morphoAccrue,
  morphoAdaptiveRate,
} from '../../../src/lending/index.js';

type Raw = Record<string, unknown>;
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/lending/irm/random.json', import.meta.url), 'utf8'),
) as Record<string, Raw[]>;

/** Decimal strings → bigints, deeply (booleans and null kept). */
function big(v: unknown): any {
  if (typeof v === 'string') return BigInt(v);
  if (Array.isArray(v)) return v.map(big);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, big(x)]));
  return v;
}

function expectRevert(f: () => unknown): void {
  expect(f).toThrow(RiskInputError);
}

describe('random cases vs the Python re-derivation', () => {
  it('has at least 1000 cases per model', () => {
    for (const k of ['aave', 'comet', 'morpho', 'euler', 'eulerAdaptive'])
      expect(fixture[k].length).toBeGreaterThanOrEqual(1000);
  });

  it('Aave v3: rates and accrual', () => {
    for (const raw of fixture.aave) {
      const c = big(raw);
      expect(aaveRates(c.input, c.params)).toEqual(c.rates);
      if (c.accrual === null) expectRevert(() => aaveAccrue(c.state, { elapsed: c.elapsed }));
      else expect(aaveAccrue(c.state, { elapsed: c.elapsed })).toEqual(c.accrual);
    }
  });

  it('Compound III: utilization, rates and accrual', () => {
    for (const raw of fixture.comet) {
      const c = big(raw);
      if (c.accrual === null) {
        expectRevert(() => cometAccrue(c.totals, { params: c.params, elapsed: c.elapsed }));
        continue;
      }
      expect(cometAccrue(c.totals, { params: c.params, elapsed: c.elapsed })).toEqual(c.accrual);
      const { utilization, supplyRate, borrowRate } = c.accrual;
      expect(cometRates(c.totals, c.params)).toEqual({ utilization, supplyRate, borrowRate });
    }
  });

  it('Morpho: AdaptiveCurveIrm rate and Morpho Blue accrual', () => {
    for (const raw of fixture.morpho) {
      const c = big(raw);
      const m = { totalSupplyAssets: c.market.totalSupplyAssets, totalBorrowAssets: c.market.totalBorrowAssets };
      expect(morphoAdaptiveRate(m, { rateAtTarget: c.rateAtTarget, elapsed: c.elapsed })).toEqual(c.rate);
      const ctx = { borrowRate: c.rate.avgBorrowRate, elapsed: c.elapsed };
      if (c.accrual === null) expectRevert(() => morphoAccrue(c.market, ctx));
      else expect(morphoAccrue(c.market, ctx)).toEqual(c.accrual);
    }
  });

  it('Euler v2: IRMLinearKink and vault accrual', () => {
    for (const raw of fixture.euler) {
      const c = big(raw);
      expect(eulerLinearKinkRate({ cash: c.cash, borrows: c.borrows }, c.params)).toEqual(c.rate);
      const ctx = { interestRate: c.rate.vaultRate, interestFee: c.interestFee, elapsed: c.elapsed };
      expect(eulerAccrue(c.state, ctx)).toEqual(c.accrual);
    }
  });

  it('Euler v2: IRMAdaptiveCurve (evk-periphery)', () => {
    for (const raw of fixture.eulerAdaptive) {
      const c = big(raw);
      const context =
        c.state === null
          ? { params: c.params, elapsed: c.elapsed }
          : { params: c.params, state: c.state, elapsed: c.elapsed };
      expect(eulerAdaptiveRate({ cash: c.cash, borrows: c.borrows }, context)).toEqual(c.rate);
    }
  });
});
