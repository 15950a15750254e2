/** Oracle validity with Drift's default guard rails, in its order of severity, and the strict price band. */
import { describe, expect, it } from 'vitest';
import { driftOracleValidity, driftPriceBand } from '../../../src/perps/index.js';

const ok = { price: 100_000_000, confidence: 100_000, delay: 2 };
const ctx: { oracleTwap: number; contractTier: 'A' | 'B' | 'C' } = { oracleTwap: 100_000_000, contractTier: 'A' };
const validity = (o: Partial<typeof ok> & { hasSufficientDataPoints?: boolean }, c: Partial<typeof ctx> = {}) =>
  driftOracleValidity({ ...ok, ...o }, { ...ctx, ...c }).validity;

describe('driftOracleValidity with DRIFT_ORACLE_GUARD_RAILS', () => {
  it('classifies each failure, the most severe first', () => {
    expect(validity({})).toBe('Valid');
    expect(validity({ delay: 11 })).toBe('StaleForAMM');
    expect(validity({ hasSufficientDataPoints: false })).toBe('InsufficientDataPoints');
    expect(validity({ delay: 121 })).toBe('StaleForMargin');
    expect(validity({ confidence: 2_000_100 })).toBe('TooUncertain'); // above 2% for tier A
    expect(validity({ confidence: 2_000_100 }, { contractTier: 'C' })).toBe('Valid'); // tier C allows 4%
    expect(validity({ price: 600_000_001, confidence: 2_000_100 })).toBe('TooVolatile'); // 6× the TWAP
    expect(validity({ price: 0 })).toBe('NonPositive');
  });
  it('stable-coin oracles get three times the margin staleness limit', () => {
    const r = driftOracleValidity({ ...ok, delay: 300 }, { ...ctx, oracleSource: 'stableCoin' });
    expect([r.validity, r.validForMargin, r.validForLiquidation]).toEqual(['StaleForAMM', true, true]);
    const m = driftOracleValidity({ ...ok, delay: 300 }, ctx);
    expect([m.validity, m.validForMargin, m.validForLiquidation]).toEqual(['StaleForMargin', false, true]);
  });
});

describe('driftPriceBand', () => {
  it('values assets low and liabilities high', () => {
    expect(driftPriceBand(99_000_000, { twap: 101_000_000 })).toEqual({ low: 99_000_000n, high: 101_000_000n });
    expect(driftPriceBand(99_000_000)).toEqual({ low: 99_000_000n, high: 99_000_000n });
  });
});
