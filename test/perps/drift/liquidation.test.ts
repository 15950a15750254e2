/** driftPerpLiquidation: the liquidator fee it charges follows Drift's ramp, cap and high-leverage bound. */
import { describe, expect, it } from 'vitest';
import { driftLiquidationFee, driftMaxLiquidationFee, driftPerpLiquidation } from '../../../src/perps/index.js';

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
