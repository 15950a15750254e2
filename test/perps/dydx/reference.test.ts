/**
 * dYdX v4 rules against the venue's own Go test tables (dydxprotocol/v4-chain at 84d4664b), extracted and
 * re-derived by test/fixtures/perps/dydx/extract.py: liquidity tiers (MMF, clamp, initial margin, OIMF), funding
 * (index delta, settlement, margin requirements) and liquidations (bankruptcy price, fillable price, insurance fund).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/core/errors.js';
import {
  dydxAccountRisk,
  dydxAdjustedInitialMarginPpm,
  dydxBankruptcyPriceQuoteQuantums,
  dydxCollateralTransition,
  dydxFillablePriceToSubticks,
  dydxFillablePrice,
  dydxFundingIndexDelta,
  dydxFundingSettlement,
  dydxInitialMarginQuoteQuantums,
  dydxLiquidatablePositionSizeDelta,
  dydxLiquidationInsuranceFundDelta,
  dydxMaintenanceMarginPpm,
  dydxMatchOpenInterestDelta,
  dydxMaxAbsFundingClampPpm,
  dydxPositionRisk,
} from '../../../src/perps/index.js';

const load = (f: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/perps/dydx/${f}`, import.meta.url), 'utf8'));
const tiers = load('liquidityTier.json');
const funding = load('funding.json');
const liq = load('liquidations.json');
const collateral = load('collateral.json');
const COMMIT = '84d4664bae71e3a077adaac67fb77ad19cd28d30';

// biome-ignore lint/suspicious/noExplicitAny: fixture rows are JSON
type Row = any;
const rows = (xs: Row[]): Array<[string, Row]> => xs.map((r) => [r.name, r]);

describe('fixtures come from the named commit', () => {
  it('every file names the repository and commit', () => {
    for (const f of [tiers, funding, liq, collateral]) expect(f.source.commit).toBe(COMMIT);
    // one TestGetPerpetualPositionToLiquidate case builds its position with an expression the reader does not evaluate
    expect(liq.skipped.map((x: Row) => x.table)).toEqual(['sizeDelta']);
  });
});

describe('liquidity_tier_test.go', () => {
  it.each(rows(tiers.mmf))('MMF: %s', (_n, r: Row) => {
    expect(dydxMaintenanceMarginPpm(r.tier)).toBe(r.expected);
  });
  it.each(rows(tiers.clamp))('funding clamp: %s', (_n, r: Row) => {
    expect(dydxMaxAbsFundingClampPpm(r.tier, { clampFactorPpm: r.clampFactorPpm })).toBe(BigInt(r.expected));
  });
  it.each(rows(tiers.initialMargin))('initial margin: %s', (_n, r: Row) => {
    const got = dydxInitialMarginQuoteQuantums(r.notional, {
      tier: r.tier,
      openInterestQuoteQuantums: r.openInterestQuoteQuantums,
    });
    expect(got).toBe(BigInt(r.expected));
  });
  it.each(rows(tiers.adjustedImf))('OIMF: %s', (_n, r: Row) => {
    const got = dydxAdjustedInitialMarginPpm(r.tier, { openInterestQuoteQuantums: r.openInterestQuoteQuantums });
    expect(got).toBe(BigInt(r.expected));
  });
  it('covers the four tables', () => {
    expect([tiers.mmf.length, tiers.clamp.length, tiers.initialMargin.length, tiers.adjustedImf.length]).toEqual([
      7, 7, 9, 7,
    ]);
  });
});

describe('funding_test.go and lib_test.go', () => {
  it.each(rows(funding.indexDelta))('funding index delta: %s', (_n, r: Row) => {
    const got = dydxFundingIndexDelta(r.fundingRatePpm, {
      atomicResolution: r.atomicResolution,
      price: r.price,
      priceExponent: r.priceExponent,
      seconds: r.seconds,
    });
    expect(got).toBe(BigInt(r.expected));
  });
  it.each(rows(funding.settlement))('settlement ppm: %s', (_n, r: Row) => {
    const got = dydxFundingSettlement(
      { quantums: r.quantums, fundingIndex: r.positionIndex },
      { fundingIndex: r.perpetualIndex },
    );
    expect(got.settlementPpm).toBe(BigInt(r.expected));
  });
  it.each(rows(funding.marginRequirements))('margin requirements: %s', (_n, r: Row) => {
    const got = dydxPositionRisk(r.quantums, r.perpetual);
    expect([got.initialMargin, got.maintenanceMargin]).toEqual([BigInt(r.expectedImr), BigInt(r.expectedMmr)]);
  });
});

const closeCtx = (r: Row) => ({ perpetuals: r.perpetuals, perpetualId: r.perpetualId, deltaQuantums: r.deltaQuantums });

describe('liquidations_test.go', () => {
  it.each(rows(liq.bankruptcy))('bankruptcy price: %s', (_n, r: Row) => {
    if (r.expectedError) {
      expect(() => dydxBankruptcyPriceQuoteQuantums(r.subaccount, closeCtx(r))).toThrow(RiskInputError);
    } else {
      expect(dydxBankruptcyPriceQuoteQuantums(r.subaccount, closeCtx(r))).toBe(BigInt(r.expected));
    }
  });
  it.each(rows(liq.fillable))('fillable price: %s', (_n, r: Row) => {
    const ctx = {
      ...closeCtx(r),
      bankruptcyAdjustmentPpm: r.bankruptcyAdjustmentPpm,
      spreadToMaintenanceMarginRatioPpm: r.spreadToMaintenanceMarginRatioPpm,
    };
    if (r.expectedError) {
      expect(() => dydxFillablePrice(r.subaccount, ctx)).toThrow(RiskInputError);
    } else {
      const p = dydxFillablePrice(r.subaccount, ctx);
      expect([p.numerator, p.denominator]).toEqual([BigInt(r.expected.numerator), BigInt(r.expected.denominator)]);
    }
  });
  it.each(rows(liq.insurance))('insurance fund delta: %s', (_n, r: Row) => {
    const { name: _name, subaccount, expected, expectedError, ...ctx } = r;
    if (expectedError) {
      expect(() => dydxLiquidationInsuranceFundDelta(subaccount, ctx)).toThrow(RiskInputError);
    } else {
      expect(dydxLiquidationInsuranceFundDelta(subaccount, ctx)).toBe(BigInt(expected));
    }
  });
  it.each(rows(liq.sizeDelta))('liquidatable size delta: %s', (_n, r: Row) => {
    const { name: _name, subaccount, expected, ...ctx } = r;
    expect(dydxLiquidatablePositionSizeDelta(subaccount, ctx)).toBe(BigInt(expected));
  });
  it.each(rows(liq.subticks))('fillable price to subticks: %s', (_n, r: Row) => {
    const ctx = {
      quantumConversionExponent: r.quantumConversionExponent,
      subticksPerTick: r.subticksPerTick,
      liquidating: r.liquidating,
    };
    expect(dydxFillablePriceToSubticks(r.price, ctx)).toBe(BigInt(r.expected));
  });
  it('covers the four tables', () => {
    const n = [liq.bankruptcy, liq.fillable, liq.insurance, liq.subticks, liq.sizeDelta].map((t) => t.length);
    expect(n).toEqual([18, 19, 14, 7, 17]);
  });
});

describe('updates_test.go', () => {
  it.each(rows(collateral.transition))('state transition: %s', (_n, r: Row) => {
    expect(dydxCollateralTransition(r.after, { before: r.before })).toBe(r.expected);
  });
  it.each(rows(collateral.openInterestDelta))('open-interest change of a match (oimf_test.go): %s', (_n, r: Row) => {
    const ctx = { firstPositionQuantums: r.firstPositionQuantums, secondPositionQuantums: r.secondPositionQuantums };
    expect(dydxMatchOpenInterestDelta(r.deltaQuantums, ctx)).toBe(BigInt(r.expected));
  });
  it.each(rows(collateral.accountRisk))('risk of a subaccount: %s', (_n, r: Row) => {
    const got = dydxAccountRisk(r.subaccount, { perpetuals: r.perpetuals });
    expect([got.netCollateral, got.initialMargin, got.maintenanceMargin]).toEqual([
      BigInt(r.expected.netCollateral),
      BigInt(r.expected.initialMargin),
      BigInt(r.expected.maintenanceMargin),
    ]);
  });
});
