/**
 * Snapshot + log replay with options: the restored engine (option instrument table, risk arrays, portfolio group
 * figures) equals the uninterrupted one bit for bit; and the option-specific rules of the engine's events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineImpl } from '../../src/engine/engine.js';
import { createMarginEngine, type LogEntry, restoreMarginEngine } from '../../src/engine/index.js';
import { accountMargin } from '../../src/netting/index.js';
import { OPT_MARKET, optStream } from './optionStreams.js';

describe('snapshot + log replay with options', () => {
  it('restored engine ≡ uninterrupted engine, bit for bit (random streams, random cut)', () => {
    fc.assert(
      fc.property(
        optStream(40),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('auto', 'portfolio'),
        (events, cutAt, method) => {
          const engine = createMarginEngine(OPT_MARKET, {
            method: method as 'auto' | 'portfolio',
            collateralAssets: ['USD', 'USDC'],
          });
          const log: LogEntry[] = [];
          const cut = Math.floor(cutAt * events.length);
          let snap = engine.snapshot();
          events.forEach((ev, i) => {
            if (i === cut) snap = engine.snapshot();
            const r = engine.apply(ev);
            if (r.log) log.push(JSON.parse(JSON.stringify(r.log)));
          });
          const back = restoreMarginEngine(snap, log);
          expect(back.snapshot()).toEqual(engine.snapshot());
          for (const id of engine.accounts()) {
            expect(back.account(id)).toEqual(engine.account(id));
            const [a, b] = [back.margin(id), engine.margin(id)];
            expect([a.equity, a.initialMargin, a.maintenanceMargin, a.state, a.method].map(String)).toEqual(
              [b.equity, b.initialMargin, b.maintenanceMargin, b.state, b.method].map(String),
            );
          }
          const next = { type: 'tick', underlying: 'BTC', price: 52000, vol: 0.8 } as const;
          expect(back.apply(next)).toEqual(engine.apply(next));
          expect(back.snapshot()).toEqual(engine.snapshot());
        },
      ),
      { seed: 23, numRuns: 40 },
    );
  });
});

const CALL = { kind: 'option', underlying: 'BTC', type: 'call', strike: 66000, expiry: 0.25 } as const;

describe('options in the engine', () => {
  it("refuses an option under 'standard' or 'cross', and on an underlying without a vol", () => {
    const std = createMarginEngine(OPT_MARKET, { method: 'standard' });
    expect(() => std.apply({ type: 'fill', account: 'x', instrument: CALL, quantity: 1, price: 1000 })).toThrow(
      /event\.instrument\.kind/,
    );
    const auto = createMarginEngine(OPT_MARKET);
    const arb = { ...CALL, underlying: 'ARB', strike: 1 };
    expect(() => auto.apply({ type: 'fill', account: 'x', instrument: arb, quantity: 1, price: 0.1 })).toThrow(
      /event\.instrument\.underlying/,
    );
    expect(() =>
      auto.apply({ type: 'fill', account: 'x', instrument: { ...CALL, strike: undefined }, quantity: 1, price: 1 }),
    ).toThrow(/event\.instrument\.strike/);
    const bachelier = { ...CALL, model: 'bachelier', settlement: 'inverse' } as const;
    expect(() => auto.apply({ type: 'fill', account: 'x', instrument: bachelier, quantity: 1, price: 1 })).toThrow(
      /event\.instrument\.settlement/,
    );
    expect(() =>
      auto.apply({
        type: 'fill',
        account: 'x',
        instrument: { kind: 'perp', underlying: 'BTC', strike: 1 } as never,
        quantity: 1,
        price: 1,
      }),
    ).toThrow(/event\.instrument\.strike/);
  });

  it('a short call: premium credited, portfolio margin, vol tick re-prices it; margin method switches back', () => {
    const engine = createMarginEngine(OPT_MARKET);
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '20000' });
    engine.apply({
      type: 'fill',
      account: 'x',
      instrument: { kind: 'perp', underlying: 'BTC' },
      quantity: 1,
      price: 60000,
    });
    expect(engine.margin('x').method).toBe('standard');
    engine.apply({ type: 'fill', account: 'x', instrument: CALL, quantity: -2, price: 2500 });
    expect(engine.account('x').collateral).toEqual([{ asset: 'USD', amount: '25000' }]);
    const before = engine.margin('x');
    expect(before.method).toBe('portfolio');
    const ref = accountMargin(engine.account('x'), engine.market());
    expect(before.initialMargin.toString()).toBe(ref.initialMargin.toString());
    engine.apply({ type: 'tick', underlying: 'BTC', vol: 0.9 });
    expect(engine.market().assets.BTC).toEqual({ price: 60000, mark: 60030, vol: 0.9 });
    const after = engine.margin('x');
    // a short call loses more when vol rises: equity down, IM up
    expect(after.equity.lt(before.equity)).toBe(true);
    expect(after.initialMargin.gt(before.initialMargin)).toBe(true);
    expect(after.initialMargin.toString()).toBe(
      accountMargin(engine.account('x'), engine.market()).initialMargin.toString(),
    );
    engine.apply({ type: 'fill', account: 'x', instrument: CALL, quantity: 2, price: 2000 });
    expect(engine.margin('x').method).toBe('standard');
    expect(engine.account('x').positions).toHaveLength(1);
  });

  it('pre-trade of an option order predicts the fill and leaves the engine unchanged', () => {
    const engine = createMarginEngine(OPT_MARKET);
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '3000' });
    const snap = engine.snapshot();
    const order = { instrument: { ...CALL, type: 'put', strike: 55000 } as const, quantity: -1, price: 1500 };
    const pre = engine.preTrade('x', order);
    expect(engine.snapshot()).toEqual(snap);
    // a fill is a fact (only its cash is checked); the pre-trade decision is the margin check before it
    expect(engine.apply({ type: 'fill', account: 'x', ...order }).accepted).toBe(true);
    const m = engine.margin('x');
    expect([pre.initialMargin, pre.maintenanceMargin, pre.equity].map(String)).toEqual(
      [m.initialMargin, m.maintenanceMargin, m.equity].map(String),
    );
    // selling more puts than the collateral carries is refused with the reason
    const big = engine.preTrade('x', { ...order, quantity: -20 });
    expect(big).toMatchObject({ accepted: false, reason: 'free collateral after the fill would be negative' });
  });
});

describe('shared option instruments', () => {
  it('one risk array per instrument however many accounts hold it; dropped when no account does', () => {
    const engine = createMarginEngine(OPT_MARKET);
    const book = () => (engine as unknown as EngineImpl).fc.pm?.book;
    const strikes = [54000, 60000, 66000];
    for (let i = 0; i < 40; i++) {
      engine.apply({ type: 'deposit', account: `a${i}`, asset: 'USD', amount: '100000' });
      for (const strike of strikes)
        engine.apply({ type: 'fill', account: `a${i}`, instrument: { ...CALL, strike }, quantity: 1, price: 900 });
    }
    const btc = 0; // BTC is the first underlying of the market
    expect(book()?.byUnd[btc]).toHaveLength(3);
    expect(book()?.refs.slice(0, 3)).toEqual([40, 40, 40]);
    const before = engine.margin('a7').initialMargin;
    engine.apply({ type: 'tick', underlying: 'BTC', price: 57000 });
    expect(engine.margin('a7').initialMargin.eq(before)).toBe(false);
    for (let i = 0; i < 40; i++)
      for (const strike of strikes)
        engine.apply({ type: 'fill', account: `a${i}`, instrument: { ...CALL, strike }, quantity: -1, price: 700 });
    expect(book()?.byUnd[btc]).toHaveLength(0);
    expect(engine.stats().positions).toBe(0);
  });
});
