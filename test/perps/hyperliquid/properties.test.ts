/** Invariants of the Hyperliquid rules (fast-check; the seed is fixed in test/setup.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/core/money.js';
import {
  HYPERLIQUID_MARGIN_TABLES,
  type HyperliquidAccount,
  type HyperliquidOrder,
  hyperliquidAccountMargin,
  hyperliquidAdlRanking,
  hyperliquidAutoDeleverage,
  hyperliquidFundingPayments,
  hyperliquidFundingRate,
  hyperliquidMaxOrderSize,
  hyperliquidPreTradeCheck,
} from '../../../src/perps/index.js';
import { compareAdl } from '../../../src/perps/hyperliquid/adlRanking.js';

const ASSETS = ['BTC', 'ETH', 'SOL', 'DOGE'] as const;
const market = {
  assets: {
    BTC: { markPrice: '97123.5', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC },
    ETH: { markPrice: '3456.78', marginTable: HYPERLIQUID_MARGIN_TABLES.ETH },
    SOL: { markPrice: '187.123', marginTable: HYPERLIQUID_MARGIN_TABLES.SOL },
    DOGE: { markPrice: '0.31234', marginTable: HYPERLIQUID_MARGIN_TABLES.TIER_10X_20M },
  },
};
const decimal = (min: number, max: number, places: number) =>
  fc
    .integer({ min: min * 10 ** places, max: max * 10 ** places })
    .map((n) => new Money(n).div(10 ** places).toString());

const position = (asset: string) =>
  fc
    .record({
      size: decimal(-2000, 2000, 3),
      entry: fc.integer({ min: 80, max: 120 }),
      leverage: fc.integer({ min: 1, max: 10 }),
      isolated: fc.boolean(),
      margin: decimal(0, 1_000_000, 2),
    })
    .filter((p) => !new Money(p.size).isZero())
    .map((p) => ({
      asset,
      size: p.size,
      entryPrice: new Money(market.assets[asset as 'BTC'].markPrice).times(p.entry).div(100).toString(),
      leverage: p.leverage,
      marginMode: p.isolated ? ('isolated' as const) : ('cross' as const),
      ...(p.isolated ? { isolatedMargin: p.margin } : {}),
    }));
const account: fc.Arbitrary<HyperliquidAccount> = fc
  .record({ balance: decimal(-10_000, 10_000_000, 2), which: fc.subarray([...ASSETS]) })
  .chain(({ balance, which }) => fc.tuple(...which.map(position)).map((positions) => ({ balance, positions })));
const shuffled = <T>(xs: readonly T[]) =>
  fc.array(fc.nat(), { minLength: xs.length, maxLength: xs.length }).map((keys) =>
    xs
      .map((x, i) => ({ x, k: keys[i] }))
      .sort((a, b) => a.k - b.k)
      .map((e) => e.x),
  );
const show = (x: unknown) => JSON.stringify(x, (_k, v) => (Money.isDecimal(v) ? `D${v.toString()}` : v));

describe('margin', () => {
  it('is independent of the order of the positions, bit for bit', () => {
    fc.assert(
      fc.property(
        account.chain((a) => fc.tuple(fc.constant(a), shuffled(a.positions))),
        ([a, order]) => {
          const m1 = hyperliquidAccountMargin(a, market);
          const m2 = hyperliquidAccountMargin({ ...a, positions: order }, market);
          expect(show(m2)).toBe(show(m1));
        },
      ),
    );
  });
  it('an order and its exact offset leave the margin unchanged (cross: the account value too, bit for bit)', () => {
    const order = fc.record({
      asset: fc.constantFrom(...ASSETS),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      size: decimal(0.001, 500, 3).filter((s) => new Money(s).gt(0)),
      price: fc.integer({ min: 90, max: 110 }),
      leverage: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(account, order, (a, o) => {
        const existing = a.positions.find((p) => p.asset === o.asset);
        const ord: HyperliquidOrder = {
          asset: o.asset,
          side: o.side,
          size: o.size,
          price: new Money(market.assets[o.asset].markPrice).times(o.price).div(100).toString(),
          leverage: existing?.leverage ?? o.leverage,
          marginMode: existing?.marginMode ?? 'cross',
        };
        const first = hyperliquidPreTradeCheck(ord, { account: a, market });
        const offset = { ...ord, side: o.side === 'buy' ? ('sell' as const) : ('buy' as const) };
        const back = hyperliquidPreTradeCheck(offset, { account: first.accountAfter, market }).accountAfter;
        const before = hyperliquidAccountMargin(a, market);
        const after = hyperliquidAccountMargin(back, market);
        for (const k of ['crossInitialMargin', 'crossMaintenanceMargin', 'crossNotional', 'totalNotional'] as const)
          expect(after[k].toString()).toBe(before[k].toString());
        expect(
          after.positions.map((p) => [p.asset, p.initialMargin.toString(), p.maintenanceMargin.toString()]),
        ).toEqual(
          before.positions
            .filter((p) => existing !== undefined || p.asset !== o.asset)
            .map((p) => [p.asset, p.initialMargin.toString(), p.maintenanceMargin.toString()]),
        );
        if (ord.marginMode === 'cross') expect(after.accountValue.toString()).toBe(before.accountValue.toString());
        else
          expect(
            after.accountValue.minus(before.accountValue).abs().lte(before.accountValue.abs().plus(1).times('1e-45')),
          ).toBe(true);
      }),
    );
  });
  it('the maximum order size is accepted and a lot more is refused (cross, opening)', () => {
    fc.assert(
      fc.property(
        decimal(100, 1_000_000, 2),
        fc.constantFrom(...ASSETS),
        fc.integer({ min: 1, max: 10 }),
        (balance, asset, leverage) => {
          const ctx = { account: { balance, positions: [] }, market };
          const price = market.assets[asset].markPrice;
          const r = hyperliquidMaxOrderSize({ asset, side: 'buy', price, leverage }, ctx, { sizeDecimals: 3 });
          const size = r.size as Money;
          if (size.gt(0))
            expect(
              hyperliquidPreTradeCheck({ asset, side: 'buy', size: size.toString(), price, leverage }, ctx).accepted,
            ).toBe(true);
          const more = size.plus('0.001').toString();
          expect(hyperliquidPreTradeCheck({ asset, side: 'buy', size: more, price, leverage }, ctx).reason).not.toBe(
            'ok',
          );
        },
      ),
    );
  });
  it('on any account, side and price, the maximum order size is accepted and a lot more is not', () => {
    fc.assert(
      fc.property(
        account,
        fc.constantFrom(...ASSETS),
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.integer({ min: 95, max: 105 }),
        (a, asset, side, pct) => {
          const existing = a.positions.find((p) => p.asset === asset);
          const ctx = { account: a, market };
          const price = new Money(market.assets[asset].markPrice).times(pct).div(100).toString();
          const base = {
            asset,
            side,
            price,
            leverage: existing?.leverage ?? 5,
            marginMode: existing?.marginMode ?? ('cross' as const),
          };
          const r = hyperliquidMaxOrderSize(base, ctx, { sizeDecimals: 3 });
          const size = r.size as Money;
          if (size.gt(0)) {
            const ok = hyperliquidPreTradeCheck({ ...base, size: size.toString() }, ctx);
            expect(ok.accepted, `${size} ${ok.reason}`).toBe(true);
          }
          const more = hyperliquidPreTradeCheck({ ...base, size: size.plus('0.001').toString() }, ctx);
          expect(more.reason === 'ok' && r.limitedBy !== 'none', `${size}+0.001 ${more.reason}`).toBe(false);
        },
      ),
    );
  });
});

const candidate = fc.record({
  account: fc.string({ minLength: 1, maxLength: 4 }),
  size: decimal(-50, 50, 2),
  entryPrice: decimal(50, 150, 2).filter((s) => new Money(s).gt(0)),
  accountValue: decimal(-100, 5000, 1),
});
const candidates = fc.uniqueArray(candidate, { selector: (c) => c.account, maxLength: 12 }).chain((cs) =>
  // duplicate economics under other names, so that index and notional ties occur
  fc.constant(cs.concat(cs.slice(0, 3).map((c) => ({ ...c, account: `${c.account}#` })))),
);

describe('auto-deleveraging', () => {
  it('the ranking is a total order: antisymmetric, transitive, and independent of the input order', () => {
    fc.assert(
      fc.property(
        candidates.chain((cs) => fc.tuple(fc.constant(cs), shuffled(cs))),
        fc.constantFrom('long' as const, 'short' as const),
        ([cs, other], side) => {
          const r1 = hyperliquidAdlRanking(cs, { side, markPrice: '100' });
          const r2 = hyperliquidAdlRanking(other, { side, markPrice: '100' });
          expect(show(r2)).toBe(show(r1));
          const q = r1.queue;
          for (const a of q)
            for (const b of q) {
              expect(Math.sign(compareAdl(a, b)) + Math.sign(compareAdl(b, a))).toBe(0);
              expect(compareAdl(a, b) === 0).toBe(a.account === b.account);
              for (const c of q)
                if (compareAdl(a, b) < 0 && compareAdl(b, c) < 0) expect(compareAdl(a, c)).toBeLessThan(0);
            }
          for (let i = 1; i < q.length; i++) expect(compareAdl(q[i - 1], q[i])).toBeLessThan(0);
        },
      ),
    );
  });
  it('charged to counterparties, the shortfall shares add up to the shortfall exactly when the queue covers it', () => {
    fc.assert(
      fc.property(candidates, decimal(-5000, 100, 2), decimal(-30, 30, 2), (cs, value, size) => {
        fc.pre(!new Money(size).isZero());
        const r = hyperliquidAutoDeleverage(
          { account: 'u', size, accountValue: value },
          { markPrice: '100', candidates: cs },
        );
        const shares = r.fills.reduce((s, f) => s.plus(f.shortfallShare), new Money(0));
        expect(shares.plus(r.badDebt).toString()).toBe(r.shortfall.toString());
        if (r.unfilledSize.isZero()) expect(r.badDebt.isZero()).toBe(true);
        const closed = r.fills.reduce((s, f) => s.plus(f.size), new Money(0));
        expect(closed.minus(new Money(size)).plus(r.unfilledSize).toString()).toBe('0');
      }),
    );
  });
});

describe('funding', () => {
  it('over balanced positions the total paid equals the total received, exactly', () => {
    fc.assert(
      fc.property(
        fc.array(decimal(-1000, 1000, 5), { minLength: 1, maxLength: 20 }),
        fc.array(decimal(-0.01, 0.01, 8), { minLength: 1, maxLength: 12 }),
        decimal(0.0001, 200000, 4).filter((s) => new Money(s).gt(0)),
        (sizes, premiums, oracle) => {
          const total = sizes.reduce((s, x) => s.plus(x), new Money(0));
          const positions = sizes.map((size, i) => ({ account: `a${i}`, size }));
          positions.push({ account: 'balance', size: total.neg().toString() });
          const { hourlyRate } = hyperliquidFundingRate(premiums);
          const r = hyperliquidFundingPayments(positions, { oraclePrice: oracle, hourlyRate });
          expect(r.totalPaid.toString()).toBe(r.totalReceived.toString());
          // summed at a precision that holds every payment's digits
          const Wide = Money.clone({ precision: 1000 });
          expect(r.payments.reduce((s, p) => s.plus(p.payment.toString()), new Wide(0)).isZero()).toBe(true);
        },
      ),
    );
  });
  it('the hourly rate is one eighth of the 8-hour rate, never beyond 4%, and the 8-hour rate within 0.05% of P', () => {
    fc.assert(
      fc.property(fc.array(decimal(-2, 2, 6), { minLength: 1, maxLength: 12 }), (premiums) => {
        const f = hyperliquidFundingRate(premiums);
        expect(f.hourlyRate.abs().lte('0.04')).toBe(true);
        expect(f.eightHourRate.minus(f.averagePremium).abs().lte('0.0005')).toBe(true);
        if (f.capped === 'uncapped') expect(f.hourlyRate.toString()).toBe(f.eightHourRate.div(8).toString());
      }),
    );
  });
});
