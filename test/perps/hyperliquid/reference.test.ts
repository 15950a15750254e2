/**
 * Hyperliquid rules against values that did not come from this code: Fractions re-derived from the documented
 * formulas and a recorded mainnet clearinghouseState (test/fixtures/perps/hyperliquid/generate.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { Money } from '../../../src/core/money.js';
import {
  HYPERLIQUID_MARGIN_TABLES,
  hyperliquidAccountMargin,
  hyperliquidAdlRanking,
  hyperliquidAutoDeleverage,
  hyperliquidIsolatedTransfer,
  hyperliquidLiquidationPlan,
  hyperliquidFundingPayments,
  hyperliquidFundingRate,
  hyperliquidLiquidationPrices,
  hyperliquidMarginTier,
  hyperliquidMaxOrderSize,
  hyperliquidPremium,
} from '../../../src/perps/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../fixtures/perps/hyperliquid/hyperliquid.json', import.meta.url), 'utf8'),
);

/** `x` equals the fixture value: exactly for a decimal, within 1e-50 relative for a non-terminating 'num/den'. */
function same(x: Decimal | null, want: string | null): void {
  if (want === null || x === null) {
    expect(x === null ? null : x.toString()).toBe(want);
    return;
  }
  if (!want.includes('/')) {
    expect(x.toString()).toBe(new Money(want).toString());
    return;
  }
  const [n, d] = want.split('/');
  const exact = new Money(n).div(d);
  const err = new Money(x.toString()).minus(exact).abs();
  expect(err.lte(exact.abs().plus(1).times('1e-50')), `${x} vs ${want}`).toBe(true);
}

const tables = HYPERLIQUID_MARGIN_TABLES as Record<
  string,
  { tiers: readonly { lowerBound: unknown; maxLeverage: number }[] }
>;

describe('margin tiers: maintenance = notional / (2 × max leverage) − deduction (docs, Fractions)', () => {
  it(`${fx.tiers.length} notionals over the mainnet and testnet tables`, () => {
    for (const c of fx.tiers) {
      const table = {
        tiers: c.tiers.map(([lowerBound, maxLeverage]: [string, number]) => ({ lowerBound, maxLeverage })),
      };
      const t = hyperliquidMarginTier(c.notional, table);
      expect(t.tier).toBe(c.tier);
      expect(t.maxLeverage).toBe(c.maxLeverage);
      same(t.maintenanceRate, c.maintenanceRate);
      same(t.maintenanceDeduction, c.maintenanceDeduction);
      same(t.maintenanceMargin, c.maintenanceMargin);
    }
  });
  it('the mainnet presets are the tables the fixture re-derived', () => {
    for (const c of fx.tiers.filter((x: { table: string }) => !x.table.startsWith('testnet'))) {
      expect(tables[c.table].tiers.map((t) => [String(t.lowerBound), t.maxLeverage])).toEqual(c.tiers);
    }
  });
  it('the docs: 20× max leverage is a 2.5% maintenance rate; 40× is 1.25%, 3× is 16.7%', () => {
    const one = (maxLeverage: number) => ({ tiers: [{ lowerBound: '0', maxLeverage }] });
    expect(hyperliquidMarginTier('1', one(20)).maintenanceRate.toString()).toBe('0.025');
    expect(hyperliquidMarginTier('1', one(40)).maintenanceRate.toString()).toBe('0.0125');
    expect(hyperliquidMarginTier('1', one(3)).maintenanceRate.toFixed(3)).toBe('0.167');
  });
});

describe('a recorded mainnet clearinghouseState (hyperliquid-python-sdk cassette, 12 cross positions)', () => {
  const c = fx.cassette;
  const market = {
    assets: Object.fromEntries(
      Object.entries(c.market as Record<string, { markPrice: string }>).map(([k, v]) => [
        k,
        { markPrice: v.markPrice, marginTable: { tiers: [{ lowerBound: '0', maxLeverage: 50 }] } },
      ]),
    ),
  };
  const account = { balance: c.balance, positions: c.positions };
  const m = hyperliquidAccountMargin(account, market);
  it('account value, notional, unrealised pnl and margin used per position as the API reports them', () => {
    expect(m.crossAccountValue.toString()).toBe(c.accountValue);
    expect(m.crossNotional.toString()).toBe(c.totalNtlPos);
    for (const row of c.rows) {
      const p = m.positions.find((x) => x.asset === row.asset);
      expect(p?.notional.toString()).toBe(new Money(row.positionValue).toString());
      expect(p?.unrealizedPnl.toString()).toBe(new Money(row.unrealizedPnl).toString());
      expect(p?.initialMargin.toDecimalPlaces(6, Decimal.ROUND_DOWN).toString()).toBe(
        new Money(row.marginUsed).toString(),
      );
    }
    same(m.crossInitialMargin, c.initialMarginExact);
  });
  it('withdrawable: the exact rule, within the API 6-decimal rounding of the margin used', () => {
    same(m.withdrawable, c.withdrawableExact);
    expect(m.withdrawable.minus(c.withdrawable).abs().lt('0.000001')).toBe(true);
  });
  it('margin available (account value − maintenance at half of 1/50) is what the 2023 liquidation prices imply', () => {
    const r = hyperliquidLiquidationPrices(account, market);
    for (const p of r.positions) same(p.marginAvailable, c.marginAvailable);
  });
  it('maximum trade sizes (buy, sell) of all 12 positions, rounded down to szDecimals', () => {
    for (const row of c.rows) {
      const sizes = (['buy', 'sell'] as const).map((side) => {
        const price = c.market[row.asset].markPrice;
        const r = hyperliquidMaxOrderSize(
          { asset: row.asset, side, price },
          { account, market },
          { sizeDecimals: row.szDecimals },
        );
        return r.size?.toFixed(row.szDecimals);
      });
      expect(sizes, row.asset).toEqual(row.maxTradeSzs.map((s: string) => new Money(s).toFixed(row.szDecimals)));
    }
  });
});

describe('liquidation price: price − side × margin_available / size / (1 − l × side) (docs, Fractions)', () => {
  it(`${fx.liquidation.length} cross and isolated positions over the mainnet tables`, () => {
    for (const c of fx.liquidation) {
      const market = { assets: { X: { markPrice: c.markPrice, marginTable: tables[c.table] } } };
      const [p] = hyperliquidLiquidationPrices(
        { balance: c.balance, positions: [c.position] },
        market as never,
      ).positions;
      same(p.marginAvailable, c.marginAvailable);
      expect(p.maintenanceLeverage).toBe(c.maintenanceLeverage);
      same(p.liquidationPrice, c.liquidationPrice);
    }
  });
});

describe('funding (docs, Fractions)', () => {
  it('the docs example: impact bid 10,100 vs oracle 10,000 is a 1% premium, clamp −0.05%, funding 0.95% per 8 h', () => {
    const d = fx.funding[0];
    const premium = hyperliquidPremium(
      { impactBidPrice: d.impactBid, impactAskPrice: d.impactAsk },
      { oraclePrice: d.oracle },
    );
    expect(premium.toString()).toBe('0.01');
    const f = hyperliquidFundingRate([premium]);
    expect([f.clampedInterest.toString(), f.eightHourRate.toString(), f.hourlyRate.toString()]).toEqual([
      d.clampedInterest,
      d.eightHourRate,
      d.hourlyRate,
    ]);
    const pay = hyperliquidFundingPayments([{ account: 'long', size: '10' }], {
      oraclePrice: d.oracle,
      hourlyRate: f.hourlyRate,
    });
    expect(pay.payments[0].payment.toString()).toBe(d.payment10Btc);
  });
  it(`${fx.funding.length - 1} random hours: premium, average, clamp, 8-hour and capped hourly rate`, () => {
    for (const c of fx.funding.slice(1)) {
      same(
        hyperliquidPremium({ impactBidPrice: c.impactBid, impactAskPrice: c.impactAsk }, { oraclePrice: c.oracle }),
        c.premium,
      );
      const f = hyperliquidFundingRate(c.premiums);
      same(f.averagePremium, c.averagePremium);
      same(f.clampedInterest, c.clampedInterest);
      same(f.eightHourRate, c.eightHourRate);
      same(f.hourlyRate, c.hourlyRate);
    }
  });
});

describe('ADL ranking: (pnl factor) × notional / account value (docs, Fractions), ties by notional then id', () => {
  it(`${fx.adl.length} queues`, () => {
    for (const c of fx.adl) {
      const r = hyperliquidAdlRanking(c.candidates, { side: c.side, markPrice: c.markPrice });
      expect(r.queue.map((q) => q.account)).toEqual(c.queue.map((q: { account: string }) => q.account));
      r.queue.forEach((q, i) => same(q.index, c.queue[i].index));
    }
  });
});

describe('auto-deleveraging fills (Fractions): queue order, sizes closed, shortfall shares, bad debt', () => {
  it(`${fx.adlExecution.length} underwater positions, both bad-debt modes`, () => {
    for (const c of fx.adlExecution) {
      const r = hyperliquidAutoDeleverage(
        c.position,
        { markPrice: c.markPrice, candidates: c.candidates },
        { badDebt: c.mode },
      );
      same(r.bankruptcyPrice, c.bankruptcyPrice);
      expect(r.fills.map((f) => [f.account, f.size.toString()])).toEqual(
        c.fills.map((f: { account: string; size: string }) => [f.account, new Money(f.size).toString()]),
      );
      r.fills.forEach((f, i) => {
        same(f.shortfallShare, c.fills[i].shortfallShare);
        same(f.realizedPnl, c.fills[i].realizedPnl);
      });
      same(r.unfilledSize, c.unfilledSize);
      same(r.shortfall, c.shortfall);
      same(r.badDebt, c.badDebt);
    }
  });
});

describe('liquidation plan (docs: below maintenance → market, 20% above the threshold outside the 30 s cooldown, below 2/3 → backstop)', () => {
  it(`${fx.liquidationPlan.length} cross and isolated pools around the thresholds`, () => {
    for (const c of fx.liquidationPlan) {
      const market = { assets: { X: { markPrice: c.markPrice, marginTable: tables[c.table] } } };
      const options: Record<string, unknown> = {};
      if (c.secondsSinceLastPartialLiquidation !== null)
        options.secondsSinceLastPartialLiquidation = c.secondsSinceLastPartialLiquidation;
      if (c.partialLiquidationThreshold !== null) options.partialLiquidationThreshold = c.partialLiquidationThreshold;
      const r = hyperliquidLiquidationPlan({ balance: c.balance, positions: [c.position] }, market as never, options);
      const s = r.scopes.find((x) => x.scope === c.position.marginMode);
      expect(s?.method).toBe(c.scope.method);
      same(s?.value ?? null, c.scope.value);
      same(s?.maintenanceMargin ?? null, c.scope.maintenanceMargin);
      same(s?.orders[0]?.size ?? null, c.scope.orderSize);
      same(s?.orders[0]?.fraction ?? null, c.scope.fraction);
      same(s?.vaultMargin ?? null, c.scope.vaultMargin);
      same(s?.remainingMargin ?? null, c.scope.remainingMargin);
      if (c.crossUntouched) expect(r.scopes[0].method).toBe('none');
    }
  });
});

describe('isolated transfer (docs: transfer_margin_required = max(initial margin, 0.1 × notional))', () => {
  it(`${fx.isolatedTransfer.length} isolated positions`, () => {
    for (const c of fx.isolatedTransfer) {
      const market = { assets: { X: { markPrice: c.markPrice, marginTable: tables[c.table] } } };
      const r = hyperliquidIsolatedTransfer(c.position, market as never);
      same(r.isolatedValue, c.isolatedValue);
      same(r.initialMargin, c.initialMargin);
      same(r.transferMarginRequired, c.transferMarginRequired);
      same(r.removable, c.removable);
    }
  });
});

describe('the printed margin example: $10,000 on a 20× asset', () => {
  it('initial margin $1,000 at 10×, $500 at 20×; maintenance $250 at both', () => {
    expect(fx.marginExamples).toHaveLength(2);
    for (const c of fx.marginExamples) {
      const market = {
        assets: { X: { markPrice: '1', marginTable: { tiers: [{ lowerBound: '0', maxLeverage: c.maxLeverage }] } } },
      };
      const account = {
        balance: '0',
        positions: [
          { asset: 'X', size: c.notional, entryPrice: '1', leverage: c.leverage, marginMode: 'cross' as const },
        ],
      };
      const [p] = hyperliquidAccountMargin(account, market).positions;
      expect([p.initialMargin.toString(), p.maintenanceMargin.toString()]).toEqual([
        c.initialMargin,
        c.maintenanceMargin,
      ]);
    }
  });
});
