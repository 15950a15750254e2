/** The documented Hyperliquid rules at their edges, and the refusals. */
import { describe, expect, it } from 'vitest';
import {
  HYPERLIQUID_MAINNET_PARAMS,
  HYPERLIQUID_MARGIN_TABLES,
  RiskInputError,
  hyperliquidAccountMargin,
  hyperliquidAdlRanking,
  hyperliquidAutoDeleverage,
  hyperliquidFundingRate,
  hyperliquidLiquidationPlan,
  hyperliquidMarginTier,
  hyperliquidPreTradeCheck,
} from '../../../src/perps/index.js';

const market = {
  assets: {
    ETH: { markPrice: '2000', marginTable: HYPERLIQUID_MARGIN_TABLES.ETH },
    OP: { markPrice: '1', marginTable: HYPERLIQUID_MARGIN_TABLES.TIER_10X_3M },
  },
};
const cross = (size: string, balance: string) => ({
  balance,
  positions: [{ asset: 'ETH', size, entryPrice: '2000', leverage: 25, marginMode: 'cross' as const }],
});
const pathOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof RiskInputError) return e.path;
    throw e;
  }
  return 'no error';
};

describe('margin', () => {
  it('maintenance is continuous across a tier boundary and grows at the new tier rate above it', () => {
    const at = hyperliquidMarginTier('100000000', HYPERLIQUID_MARGIN_TABLES.ETH);
    const above = hyperliquidMarginTier('100000001', HYPERLIQUID_MARGIN_TABLES.ETH);
    expect([at.maxLeverage, above.maxLeverage]).toEqual([25, 15]);
    expect(at.maintenanceMargin.toString()).toBe('2000000');
    const step = above.maintenanceMargin.minus(at.maintenanceMargin);
    expect(step.minus(above.maintenanceRate).abs().lt('1e-50')).toBe(true); // 1/30 to 60 significant digits
  });
  it('a leverage above the tier max is capped at it for the initial margin', () => {
    const m = hyperliquidAccountMargin(
      {
        balance: '1e6',
        positions: [{ asset: 'OP', size: '4000000', entryPrice: '1', leverage: 10, marginMode: 'cross' }],
      },
      market,
    );
    expect([m.positions[0].leverage, m.positions[0].initialMargin.toString()]).toEqual([5, '800000']);
  });
  it('refuses two positions in one asset, isolated margin on a cross position, an unknown asset', () => {
    const p = { asset: 'ETH', size: '1', entryPrice: '2000', leverage: 5, marginMode: 'cross' as const };
    expect(pathOf(() => hyperliquidAccountMargin({ balance: '0', positions: [p, p] }, market))).toBe(
      'account.positions[1].asset',
    );
    expect(
      pathOf(() => hyperliquidAccountMargin({ balance: '0', positions: [{ ...p, isolatedMargin: '1' }] }, market)),
    ).toBe('account.positions[0].isolatedMargin');
    expect(
      pathOf(() => hyperliquidAccountMargin({ balance: '0', positions: [{ ...p, asset: 'toString' }] }, market)),
    ).toBe('account.positions[0].asset');
  });
});

describe('liquidation plan edges', () => {
  // ETH 50 long at 2000: notional 100,000 (not above the threshold), maintenance 2,000
  it('a notional of exactly 100,000 is sent whole; above it, 20%', () => {
    const atThreshold = hyperliquidLiquidationPlan(cross('50', '1999'), market).scopes[0];
    expect([atThreshold.method, atThreshold.orders[0].fraction.toString()]).toEqual(['market', '1']);
    const above = hyperliquidLiquidationPlan(cross('50.5', '2000'), market).scopes[0];
    expect([above.method, above.orders[0].fraction.toString(), above.orders[0].size.toString()]).toEqual([
      'market',
      '0.2',
      '-10.1',
    ]);
  });
  it('within 30 s of a partial liquidation the order is for the entire position; at 30 s the cooldown is over', () => {
    const plan = (s: number) =>
      hyperliquidLiquidationPlan(cross('60', '2000'), market, { secondsSinceLastPartialLiquidation: s });
    expect(plan(29.9).scopes[0].orders[0].fraction.toString()).toBe('1');
    expect(
      plan(HYPERLIQUID_MAINNET_PARAMS.partialLiquidationCooldownSeconds).scopes[0].orders[0].fraction.toString(),
    ).toBe('0.2');
  });
  it('backstop strictly below 2/3 of the maintenance margin; at equality still the book', () => {
    // maintenance of 30 ETH at 2000: 1,200; 2/3 of it: 800
    expect(hyperliquidLiquidationPlan(cross('30', '800'), market).scopes[0].method).toBe('market');
    const b = hyperliquidLiquidationPlan(cross('30', '799.99'), market).scopes[0];
    expect([b.method, b.vaultAssets, b.vaultMargin.toString(), b.remainingMargin.toString()]).toEqual([
      'backstop',
      ['ETH'],
      '799.99',
      '0',
    ]);
    expect(hyperliquidLiquidationPlan(cross('30', '1200'), market).scopes[0].method).toBe('none');
  });
});

describe('funding cap and clamp', () => {
  it('the hourly rate is capped at 4%', () => {
    const f = hyperliquidFundingRate(['0.5']);
    expect([f.eightHourRate.toString(), f.hourlyRate.toString(), f.capped]).toEqual(['0.4995', '0.04', 'capped']);
    expect(hyperliquidFundingRate(['-0.5']).hourlyRate.toString()).toBe('-0.04');
  });
  it('with no premium the rate is the interest, 0.01% per 8 hours, 0.00125% per hour', () => {
    const f = hyperliquidFundingRate(['0', '0']);
    expect([f.eightHourRate.toString(), f.hourlyRate.toString()]).toEqual(['0.0001', '0.0000125']);
  });
});

describe('pre-trade reasons', () => {
  const ctx = { account: cross('10', '1000'), market };
  it('reducing orders pass even without margin; a mode change is refused', () => {
    const poor = { account: cross('10', '-5000'), market };
    expect(hyperliquidPreTradeCheck({ asset: 'ETH', side: 'sell', size: '4', price: '2000' }, poor).reason).toBe(
      'reducing',
    );
    expect(
      hyperliquidPreTradeCheck({ asset: 'ETH', side: 'buy', size: '1', price: '2000', marginMode: 'isolated' }, ctx)
        .reason,
    ).toBe('marginModeMismatch');
  });
  it('a size whose tier allows less than the leverage is refused', () => {
    const rich = { account: { balance: '1e9', positions: [] }, market };
    const r = hyperliquidPreTradeCheck({ asset: 'OP', side: 'buy', size: '3000001', price: '1', leverage: 10 }, rich);
    expect([r.accepted, r.reason]).toEqual([false, 'exceedsTierMaxLeverage']);
  });
});

describe('auto-deleveraging', () => {
  const candidates = [
    { account: 'x', size: '-1', entryPrice: '150', accountValue: '100' },
    { account: 'y', size: '-1', entryPrice: '150', accountValue: '100' },
    { account: 'z', size: '-2', entryPrice: '125', accountValue: '100' },
  ];
  it('ties in index go to the larger notional, then to the smaller account id', () => {
    const r = hyperliquidAdlRanking(candidates, { side: 'long', markPrice: '100' });
    // x, y: 1.5 × 100 / 100 = 1.5; z: 1.25 × 200 / 100 = 2.5
    expect(r.queue.map((q) => q.account)).toEqual(['z', 'x', 'y']);
  });
  it("'vault' closes at the mark and leaves the whole shortfall as bad debt", () => {
    const r = hyperliquidAutoDeleverage(
      { account: 'u', size: '2', accountValue: '-40' },
      { markPrice: '100', candidates },
      { badDebt: 'vault' },
    );
    expect(r.fills.map((f) => [f.account, f.size.toString(), f.realizedPnl.toString()])).toEqual([['z', '2', '50']]);
    expect([r.badDebt.toString(), r.bankruptcyPrice.toString()]).toEqual(['40', '120']);
  });
  it('refuses duplicate account ids (the tie-break needs them unique)', () => {
    expect(
      pathOf(() => hyperliquidAdlRanking([candidates[0], candidates[0]], { side: 'long', markPrice: '100' })),
    ).toBe('candidates[1].account');
  });
});
