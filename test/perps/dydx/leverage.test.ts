/**
 * Leverage settings of a dYdX v4 subaccount (`GetRiskForSubaccount` with a leverage map): the configured IMF
 * replaces the OI-adjusted IMF when larger, for the initial requirement only; NC, MMR and the liquidation prices
 * are unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/core/errors.js';
import {
  dydxAccountRisk,
  dydxBankruptcyPriceQuoteQuantums,
  dydxInitialMarginQuoteQuantums,
  dydxPositionRisk,
  dydxPreTradeCheck,
} from '../../../src/perps/index.js';

const tier = { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 };
const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5, liquidityTier: tier };
const sub = { usdcQuantums: -420_000_000n, positions: [{ perpetualId: 0, quantums: 100_000_000n }] };

describe('leverage (custom IMF)', () => {
  it('a custom IMF above the tier IMF sets the initial requirement; NC and MMR are unchanged', () => {
    const plain = dydxAccountRisk(sub, { perpetuals: [btc] });
    const levered = dydxAccountRisk(
      { ...sub, leverage: [{ perpetualId: 0, customImfPpm: 200_000 }] },
      { perpetuals: [btc] },
    );
    expect(plain.initialMargin).toBe(25_000_000n); // $500 notional at 5%
    expect(levered.initialMargin).toBe(100_000_000n); // at 20%
    expect([levered.netCollateral, levered.maintenanceMargin]).toEqual([plain.netCollateral, plain.maintenanceMargin]);
    expect(levered.status).toBe('maintenance');
  });

  it('a custom IMF below the tier IMF changes nothing', () => {
    const low = dydxAccountRisk(
      { ...sub, leverage: [{ perpetualId: 0, customImfPpm: 10_000 }] },
      { perpetuals: [btc] },
    );
    expect(low).toEqual(dydxAccountRisk(sub, { perpetuals: [btc] }));
  });

  it('matches the single-position initial margin with the same custom IMF (fast-check)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 12n), 10n ** 12n), fc.integer({ min: 0, max: 1_000_000 }), (q, imf) => {
        const r = dydxAccountRisk(
          {
            usdcQuantums: 0n,
            positions: [{ perpetualId: 0, quantums: q }],
            leverage: [{ perpetualId: 0, customImfPpm: imf }],
          },
          { perpetuals: [btc] },
        );
        const notional = dydxPositionRisk(q < 0n ? -q : q, btc).netCollateral;
        expect(r.initialMargin).toBe(dydxInitialMarginQuoteQuantums(notional, { tier, customImfPpm: imf }));
      }),
      { numRuns: 200 },
    );
  });

  it('the pre-trade check margins a new position at the custom IMF; the bankruptcy price ignores it', () => {
    const flat = { usdcQuantums: 100_000_000n, positions: [], leverage: [{ perpetualId: 0, customImfPpm: 500_000 }] };
    const order = { perpetualId: 0, side: 'buy' as const, quantums: 500_000_000n, subticks: 5_000_000_000n };
    const r = dydxPreTradeCheck(order, { subaccount: flat, perpetuals: [btc], quantumConversionExponent: -9 });
    expect(r.after.initialMargin).toBe(1_250_000_000n); // $2,500 at 50% (2x leverage)
    expect(r.result).toBe('newlyUndercollateralized');
    const ctx = { perpetuals: [btc], perpetualId: 0, deltaQuantums: -100_000_000n };
    const levered = { ...sub, leverage: [{ perpetualId: 0, customImfPpm: 500_000 }] };
    expect(dydxBankruptcyPriceQuoteQuantums(levered, ctx)).toBe(dydxBankruptcyPriceQuoteQuantums(sub, ctx));
  });

  it('refuses a setting for an unlisted perpetual, a duplicate, or an IMF above 100%', () => {
    const bad = [
      [{ perpetualId: 7, customImfPpm: 100_000 }],
      [
        { perpetualId: 0, customImfPpm: 100_000 },
        { perpetualId: 0, customImfPpm: 200_000 },
      ],
      [{ perpetualId: 0, customImfPpm: 1_000_001 }],
    ];
    const paths = bad.map((leverage) => {
      try {
        dydxAccountRisk({ ...sub, leverage }, { perpetuals: [btc] });
        return 'accepted';
      } catch (e) {
        return e instanceof RiskInputError ? e.path : 'other';
      }
    });
    expect(paths).toEqual([
      'subaccount.leverage[0].perpetualId',
      'subaccount.leverage[1].perpetualId',
      'subaccount.leverage[0].customImfPpm',
    ]);
  });
});
