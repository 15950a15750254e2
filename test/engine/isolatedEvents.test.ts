/**
 * Isolated positions in the engine, event by event, on figures worked by hand (netting's default tiers: a 60,000
 * notional is on the 100× tier, IM 1%; MM 0.4% of the first 50,000 and 0.5% above): the pool's own collateral, its transitions, margin transfers,
 * the cash a closed position returns to the cross pool, and what the engine refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarginEngine, restoreMarginEngine } from '../../src/engine/index.js';
import { accountMargin } from '../../src/netting/index.js';

const MARKET = { assets: { BTC: { price: 60000 } } };
const PERP = { kind: 'perp', underlying: 'BTC', marginMode: 'isolated' } as const;
const POOL = { kind: 'perp', underlying: 'BTC', settlement: 'linear', marginMode: 'isolated' };

describe('engine isolated positions', () => {
  it('margins the pool alone, takes transfers, returns the rest to the cross pool on close', () => {
    const engine = createMarginEngine(MARKET, { method: 'standard' });
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '1000' });
    // pool collateral 0, IM 600, MM 50,000·0.4% + 10,000·0.5% = 250: the pool is liquidatable, the cross pool (no position) is not
    const open = engine.apply({ type: 'fill', account: 'x', instrument: PERP, quantity: 1, price: 60000 });
    expect(open.transitions).toEqual([{ type: 'liquidatable', account: 'x', isolated: POOL }]);
    let m = engine.margin('x');
    expect([m.equity.toString(), m.initialMargin.toString(), m.state, m.liquidatable]).toEqual([
      '1000',
      '600',
      'liquidatable',
      true,
    ]);
    expect(engine.account('x').positions).toEqual([
      { kind: 'perp', underlying: 'BTC', quantity: 1, settlement: 'linear', entryPrice: 60000, marginMode: 'isolated' },
    ]);
    // 700 to the pool: equity 700 ≥ IM 600
    const t = engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '700', isolated: PERP });
    expect(t.transitions).toEqual([{ type: 'recovered', account: 'x', isolated: POOL }]);
    m = engine.margin('x');
    expect(m.pools?.map((p) => [p.equity.toString(), p.initialMargin.toString(), p.state])).toEqual([
      ['700', '600', 'healthy'],
    ]);
    expect(m.equity.toString()).toBe('1700');
    // BTC at 59,000: the pool loses 1,000 (equity −300 < MM 50,000·0.4% + 9,000·0.5% = 245); the cross pool is untouched
    const tick = engine.apply({ type: 'tick', underlying: 'BTC', price: 59000 });
    expect(tick.transitions).toEqual([{ type: 'liquidatable', account: 'x', isolated: POOL }]);
    expect(engine.margin('x').pools?.[0].maintenanceMargin.toString()).toBe('245');
    const ref = accountMargin(engine.account('x'), engine.market(), { method: 'standard' });
    expect(ref.units.map((u) => [u.mode, u.equity.toString(), u.liquidatable])).toEqual([
      ['cross', '1000', false],
      ['isolated', '-300', true],
    ]);
    // the pool's balance bounds a withdrawal from it
    expect(
      engine.apply({ type: 'withdraw', account: 'x', asset: 'USD', amount: '700.000001', isolated: PERP }).accepted,
    ).toBe(false);
    // closing at 59,500 realises −500 in the pool: its 200 left return to the cross pool
    engine.apply({ type: 'fill', account: 'x', instrument: PERP, quantity: -1, price: 59500 });
    expect(engine.account('x')).toEqual({ id: 'x', positions: [], collateral: [{ asset: 'USD', amount: '1200' }] });
    m = engine.margin('x');
    expect(m.pools).toBeUndefined();
    expect(m.equity.toString()).toBe('1200');
    // no open pool: a transfer is refused
    const none = engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '1', isolated: PERP });
    expect(none).toMatchObject({ accepted: false, reason: 'no open isolated position on that instrument' });
    expect(engine.accounts()).toEqual(['x']);
    expect(engine.stats().accounts).toBe(1);
  });

  it('an isolated fill opens the account; the fill settles from the pool', () => {
    const engine = createMarginEngine(MARKET);
    const spot = { kind: 'spot', underlying: 'BTC', marginMode: 'isolated' } as const;
    // buying spot in a pool without cash: refused, nothing created
    expect(engine.apply({ type: 'fill', account: 'y', instrument: spot, quantity: 1, price: 60000 }).accepted).toBe(
      false,
    );
    expect(engine.accounts()).toEqual([]);
    engine.apply({ type: 'fill', account: 'y', instrument: PERP, quantity: -2, price: 60000 });
    expect(engine.accounts()).toEqual(['y']);
    // the account's id finds the account, not its pool; a snapshot keeps the pool apart
    expect(engine.account('y').positions?.length).toBe(1);
    expect(engine.margin('y').pools?.length).toBe(1);
    const back = restoreMarginEngine(engine.snapshot(), []);
    expect(back.accounts()).toEqual(['y']);
    expect(back.account('y')).toEqual(engine.account('y'));
    expect(back.stats()).toEqual(engine.stats());
  });

  it('an isolated fill moves its margin from the cross cash, atomically', () => {
    const engine = createMarginEngine(MARKET, { method: 'standard' });
    const spot = { kind: 'spot', underlying: 'BTC', marginMode: 'isolated' } as const;
    engine.apply({ type: 'deposit', account: 'z', asset: 'USD', amount: '1000' });
    const over = engine.apply({
      type: 'fill',
      account: 'z',
      instrument: PERP,
      quantity: 1,
      price: 60000,
      margin: '1000.000001',
    });
    expect(over).toMatchObject({ accepted: false, reason: 'the cross cash does not cover the margin' });
    // 0.01 BTC spot costs 600: a margin of 500 does not cover it, and stays in the cross pool
    const short = engine.apply({
      type: 'fill',
      account: 'z',
      instrument: spot,
      quantity: 0.01,
      price: 60000,
      margin: 500,
    });
    expect(short.accepted).toBe(false);
    expect(engine.account('z').collateral).toEqual([{ asset: 'USD', amount: '1000' }]);
    // 700 with the perp: IM 600 covered from the start, no transition; the cross pool keeps 300
    const ok = engine.apply({ type: 'fill', account: 'z', instrument: PERP, quantity: 1, price: 60000, margin: '700' });
    expect(ok.transitions).toEqual([]);
    expect(ok.log?.record).toEqual({
      type: 'fill',
      account: 'z',
      instrument: POOL,
      quantity: 1,
      price: 60000,
      margin: '700',
    });
    const m = engine.margin('z');
    expect([m.equity.toString(), m.pools?.[0].equity.toString(), m.state]).toEqual(['1000', '700', 'healthy']);
    expect(engine.account('z').collateral).toEqual([{ asset: 'USD', amount: '300' }]);
    expect(() =>
      engine.apply({
        type: 'fill',
        account: 'z',
        instrument: { kind: 'perp', underlying: 'BTC' },
        quantity: 1,
        price: 1,
        margin: 1,
      }),
    ).toThrow(/event\.margin/);
    expect(() =>
      engine.apply({ type: 'fill', account: 'z', instrument: PERP, quantity: 1, price: 1, margin: '0.0000001' }),
    ).toThrow(/event\.margin/);
  });

  it("refuses options beside isolated positions under 'auto', and isolated pre-trade orders", () => {
    const engine = createMarginEngine({ assets: { BTC: { price: 60000, vol: 0.6 } } });
    const call = { kind: 'option', underlying: 'BTC', type: 'call', strike: 66000, expiry: 0.25 } as const;
    engine.apply({ type: 'deposit', account: 'o', asset: 'USD', amount: '20000' });
    engine.apply({ type: 'fill', account: 'o', instrument: call, quantity: 1, price: 2500 });
    expect(engine.apply({ type: 'fill', account: 'o', instrument: PERP, quantity: 1, price: 60000 }).accepted).toBe(
      false,
    );
    engine.apply({ type: 'deposit', account: 'p', asset: 'USD', amount: '20000' });
    engine.apply({ type: 'fill', account: 'p', instrument: PERP, quantity: 1, price: 60000 });
    const opt = engine.apply({ type: 'fill', account: 'p', instrument: call, quantity: 1, price: 2500 });
    expect(opt.accepted).toBe(false);
    // pre-trade on an open isolated position: the pool after the fill (the 20,000 USD are in the cross pool)
    const pre = engine.preTrade('p', { instrument: PERP, quantity: 1, price: 60000 });
    expect([pre.accepted, pre.reason, pre.initialMargin.toString(), pre.equity.toString()]).toEqual([
      false,
      'free collateral after the fill would be negative',
      '1200',
      '0',
    ]);
    const ethPool = { kind: 'perp', underlying: 'ETH', marginMode: 'isolated' } as const;
    expect(() => engine.preTrade('p', { instrument: ethPool, quantity: 1, price: 3000 })).toThrow(/order\.instrument/);
  });

  it('pre-trade on an open isolated position predicts the pool after the fill (random fills, ticks, transfers)', () => {
    const fill = fc.record({
      type: fc.constant('fill' as const),
      account: fc.constant('q'),
      instrument: fc.constant(PERP),
      quantity: fc
        .integer({ min: -12, max: 12 })
        .filter((k) => k !== 0)
        .map((k) => k / 4),
      price: fc.integer({ min: 50000, max: 70000 }),
    });
    const step = fc.oneof(
      { weight: 4, arbitrary: fill },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant('tick' as const),
          underlying: fc.constant('BTC'),
          price: fc.integer({ min: 50000, max: 70000 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constantFrom('deposit' as const, 'withdraw' as const),
          account: fc.constant('q'),
          asset: fc.constant('USD'),
          amount: fc.integer({ min: 1, max: 3000 }).map(String),
          isolated: fc.constant(PERP),
        }),
      },
    );
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('standard', 'cross', 'portfolio'),
        fc.array(step, { minLength: 1, maxLength: 30 }),
        (method, steps) => {
          const engine = createMarginEngine(MARKET, { method });
          engine.apply({ type: 'deposit', account: 'q', asset: 'USD', amount: '100000' });
          engine.apply({ type: 'fill', account: 'q', instrument: PERP, quantity: 1, price: 60000, margin: '2000' });
          for (const ev of steps) {
            const open = engine.margin('q').pools?.[0];
            const pre =
              ev.type === 'fill' && open
                ? engine.preTrade('q', { instrument: PERP, quantity: ev.quantity, price: ev.price })
                : null;
            const res = engine.apply(ev);
            const after = engine.margin('q').pools?.[0];
            if (pre && res.accepted && after) {
              checked++;
              expect(pre.initialMargin.toString()).toBe(after.initialMargin.toString());
              expect(pre.maintenanceMargin.toString()).toBe(after.maintenanceMargin.toString());
              expect(pre.equity.toString()).toBe(after.equity.toString());
              expect(pre.freeCollateral.toString()).toBe(after.equity.minus(after.initialMargin).toString());
            }
            if (pre && !res.accepted) expect(pre.reason).toBe(res.reason);
          }
        },
      ),
      { seed: 53, numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
