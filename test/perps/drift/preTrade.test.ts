/** Pre-trade checks: Drift's risk-increasing rule, the margin type it checks, the largest order and withdrawal. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftMaxOrderSize, driftMaxWithdrawable, driftOrderMarginCheck } from '../../../src/perps/index.js';

const usdc = {
  marketIndex: 0,
  decimals: 6,
  oraclePrice: 1_000_000,
  initialAssetWeight: 10000,
  maintenanceAssetWeight: 10000,
  initialLiabilityWeight: 10000,
  maintenanceLiabilityWeight: 10000,
};
const perp = {
  marginRatioInitial: 1000,
  marginRatioMaintenance: 500,
  oraclePrice: 100_000_000n,
  orderStepSize: 10_000_000n,
};
// short 100 SOL at $100 with $700: below initial ($1000), above maintenance ($500)
const context = (deposit: bigint, base = -100_000_000_000n) => ({
  account: {
    spotPositions: [{ market: 'USDC', tokenAmount: deposit }],
    perpPositions: [{ market: 'P', baseAssetAmount: base, quoteAssetAmount: -(base * 100n) / 1000n }],
  },
  spotMarkets: { USDC: usdc },
  perpMarkets: { P: perp },
});

describe('order margin check', () => {
  it('a reducing order needs maintenance margin, an increasing one initial margin', () => {
    const c = context(700_000_000n);
    const reduce = driftOrderMarginCheck({ market: 'P', direction: 'long', baseAssetAmount: 50_000_000_000n }, c);
    expect([reduce.riskIncreasing, reduce.accepted, reduce.reason]).toEqual([false, true, 'meets-maintenance-margin']);
    const add = driftOrderMarginCheck({ market: 'P', direction: 'short', baseAssetAmount: 1_000_000_000n }, c);
    expect([add.riskIncreasing, add.accepted, add.reason]).toEqual([true, false, 'insufficient-collateral']);
    // a bid beyond the short flips the position: risk-increasing even though the worst case does not grow
    const flip = driftOrderMarginCheck({ market: 'P', direction: 'long', baseAssetAmount: 150_000_000_000n }, c);
    expect(flip.riskIncreasing).toBe(true);
    expect(flip.accepted).toBe(false);
    const cancel = driftOrderMarginCheck(
      { market: 'P', direction: 'long', baseAssetAmount: 50_000_000_000n, action: 'cancel' },
      { ...c, account: reduce.account },
    );
    expect([cancel.accepted, cancel.reason]).toEqual([true, 'cancelled']);
  });
  it('below maintenance even a reducing order is refused', () => {
    const r = driftOrderMarginCheck(
      { market: 'P', direction: 'long', baseAssetAmount: 10_000_000_000n },
      context(400_000_000n),
    );
    expect([r.riskIncreasing, r.accepted]).toEqual([false, false]);
  });
});

describe('largest order', () => {
  it('is accepted and one step more is not (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100_000_000n, max: 100_000_000_000n }),
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.constantFrom('long', 'short') as fc.Arbitrary<'long' | 'short'>,
        (deposit, base, direction) => {
          const c = context(deposit, base);
          const { baseAssetAmount } = driftMaxOrderSize({ market: 'P', direction }, c);
          if (baseAssetAmount > 0n) {
            expect(driftOrderMarginCheck({ market: 'P', direction, baseAssetAmount }, c).accepted).toBe(true);
          }
          const more = baseAssetAmount + 10_000_000n;
          expect(driftOrderMarginCheck({ market: 'P', direction, baseAssetAmount: more }, c).accepted).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('largest withdrawal', () => {
  it('leaves initial margin met', () => {
    const c = context(5_000_000_000n, 200_000_000_000n);
    const { amount } = driftMaxWithdrawable({ market: 'USDC' }, c);
    expect(amount).toBe(2_999_999_999n);
  });
});
