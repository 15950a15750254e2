/** driftPerpLiquidation: the liquidator fee it charges follows Drift's ramp, cap and high-leverage bound. */
import { describe, expect, it } from 'vitest';
import {
  driftBaseAssetAmountToCoverMarginShortage,
  driftLiquidationFee,
  driftMaxLiquidationFee,
  driftMaxPctToLiquidate,
  driftPerpLiquidation,
} from '../../../src/perps/index.js';

const usdc = {
  marketIndex: 0,
  decimals: 6,
  oraclePrice: 1_000_000,
  initialAssetWeight: 10000,
  maintenanceAssetWeight: 10000,
  initialLiabilityWeight: 10000,
  maintenanceLiabilityWeight: 10000,
};
const market = {
  marginRatioInitial: 1000,
  marginRatioMaintenance: 500,
  oraclePrice: 100_000_000n,
  liquidatorFee: 10_000,
  orderStepSize: 10_000_000n,
  highLeverageMarginRatioInitial: 200,
  highLeverageMarginRatioMaintenance: 100,
};
const account = {
  spotPositions: [{ market: 'USDC', tokenAmount: 400_000_000n }],
  perpPositions: [{ market: 'P', baseAssetAmount: 100_000_000_000n, quoteAssetAmount: -10_000_000_000n }],
};
const context = { spotMarkets: { USDC: usdc }, perpMarkets: { P: market } };

describe('liquidator fee of a perp liquidation', () => {
  it('is the base fee within the grace period and ramps to the cap after it', () => {
    const fresh = driftPerpLiquidation(account, context, { market: 'P' });
    expect(fresh.liquidatorFee).toBe((fresh.baseAssetValue * 10_000n) / 1_000_000n);
    for (const slots of [1_499, 1_500, 10_000, 100_000]) {
      const r = driftPerpLiquidation(account, context, { market: 'P', slotsSinceLastActive: slots });
      const rate = driftLiquidationFee(
        { lastActiveSlot: 0, currentSlot: slots },
        {
          baseLiquidationFee: 10_000,
          maxLiquidationFee: driftMaxLiquidationFee({ liquidatorFee: 10_000, marginRatioMaintenance: 500 }),
        },
      );
      expect(r.liquidatorFee).toBe((r.baseAssetValue * rate) / 1_000_000n);
    }
    expect(driftMaxLiquidationFee({ liquidatorFee: 10_000, marginRatioMaintenance: 500 })).toBe(30_000n);
  });
  it('in high-leverage mode is at most 80% of the HLM maintenance ratio', () => {
    // HLM maintenance 1% → the liquidator fee is min(1%, 0.8%) = 0.8%
    const r = driftPerpLiquidation(account, context, { market: 'P', mode: 'highLeverage' });
    expect(r.liquidatable).toBe(false); // HLM maintenance 1% of $10 000 is covered by $400
    const deep = {
      ...account,
      spotPositions: [{ market: 'USDC', tokenAmount: 50_000_000n }],
    };
    const h = driftPerpLiquidation(deep, context, { market: 'P', mode: 'highLeverage' });
    expect(h.liquidatable).toBe(true);
    expect(h.liquidatorFee).toBe((h.baseAssetValue * 8_000n) / 1_000_000n);
  });
});

describe('limits of one liquidation call', () => {
  const big = {
    spotPositions: [{ market: 'USDC', tokenAmount: 4_000_000_000n }],
    perpPositions: [{ market: 'P', baseAssetAmount: 1_000_000_000_000n, quoteAssetAmount: -100_000_000_000n }],
  };
  const step = (x: bigint) => (x % 10_000_000n === 0n ? x : x - (x % 10_000_000n) + 10_000_000n);
  it('the share of calculate_max_pct_to_liquidate applies to the base that covers the shortage', () => {
    const full = driftPerpLiquidation(big, context, { market: 'P' });
    expect(full.marginShortage).toBe(1_000_000_000n);
    const toCover = driftBaseAssetAmountToCoverMarginShortage(
      { marginShortage: full.marginShortage },
      {
        marginRatio: full.marginRatio,
        liquidatorFee: 10_000,
        ifLiquidationFee: full.ifFeeRate,
        oraclePrice: 100_000_000n,
        quoteOraclePrice: 1_000_000n,
      },
    ).amount;
    expect(full.baseAssetAmount).toBe(step(toCover));
    const pctLimit = { initialPctToLiquidate: 1000, liquidationDuration: 150 };
    for (const slots of [0, 30, 150]) {
      const pct = driftMaxPctToLiquidate(
        { marginShortage: full.marginShortage, slotsElapsed: slots, liquidationMarginFreed: 0 },
        pctLimit,
      );
      const r = driftPerpLiquidation(big, context, { market: 'P', pctLimit, slotsSinceLastActive: slots });
      expect(r.baseAssetAmount).toBe(step((step(toCover) * pct) / 10_000n));
    }
  });
  it('a liquidator size limit caps the transfer', () => {
    const r = driftPerpLiquidation(big, context, { market: 'P', liquidatorMaxBaseAssetAmount: 1_000_000_000n });
    expect(r.baseAssetAmount).toBe(1_000_000_000n);
    expect(r.after.marginShortage).toBeGreaterThan(0n);
  });
});
