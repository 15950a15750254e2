/**
 * The engine against its reference: after every event of random streams, every account's `engine.margin(id)`
 * equals riskcore/netting `accountMargin(engine.account(id), engine.market(), { method })` bit for bit (equity,
 * IM, MM, free collateral as exact decimals; the liquidation flag), the engine's margin state agrees with the
 * exact figures, transitions are exactly the state changes, and a pre-trade check predicts the fill's figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarginEngine, type MarginEngine } from '../../src/engine/index.js';
import { accountMargin } from '../../src/netting/index.js';
import { MARKET, MARKET4, stream, stream4 } from './streams.js';

function expectSame(engine: MarginEngine, id: string, method: 'standard' | 'cross'): void {
  const e = engine.margin(id);
  const ref = accountMargin(engine.account(id), engine.market(), { method });
  expect(e.equity.toString()).toBe(ref.equity.toString());
  expect(e.initialMargin.toString()).toBe(ref.initialMargin.toString());
  expect(e.maintenanceMargin.toString()).toBe(ref.maintenanceMargin.toString());
  expect(e.freeCollateral.toString()).toBe(ref.freeCollateral.toString());
  expect(e.liquidatable).toBe(ref.liquidatable);
  const state = ref.liquidatable ? 'liquidatable' : ref.freeCollateral.lt(0) ? 'marginCall' : 'healthy';
  expect(e.state).toBe(state);
}

describe.each([
  ['standard', 'two underlyings', MARKET, stream, 19, 150],
  ['cross', 'two underlyings', MARKET, stream, 19, 150],
  ['standard', 'four underlyings, names unsorted', MARKET4, stream4, 4242, 150],
  ['cross', 'four underlyings, names unsorted', MARKET4, stream4, 4242, 150],
] as const)('engine ≡ accountMargin (%s, %s)', (method, _label, market, streamOf, seed, numRuns) => {
  it('after every event of random streams, every account, bit for bit', () => {
    fc.assert(
      fc.property(streamOf(), (events) => {
        const engine = createMarginEngine(market, { method, collateralAssets: ['USD', 'USDC'] });
        const states = new Map<string, string>();
        for (const ev of events) {
          const pre =
            ev.type === 'fill' && engine.accounts().includes(ev.account)
              ? engine.preTrade(ev.account, { instrument: ev.instrument, quantity: ev.quantity, price: ev.price })
              : null;
          const res = engine.apply(ev);
          if (pre && res.accepted) {
            const after = engine.margin(ev.type === 'fill' ? ev.account : '');
            expect(pre.initialMargin.toString()).toBe(after.initialMargin.toString());
            expect(pre.maintenanceMargin.toString()).toBe(after.maintenanceMargin.toString());
            expect(pre.equity.toString()).toBe(after.equity.toString());
          }
          if (pre && !res.accepted) expect(pre.reason).toBe(res.reason);
          const changed = new Map(res.transitions.map((t) => [t.account, t.type]));
          for (const id of engine.accounts()) {
            expectSame(engine, id, method);
            const now = engine.margin(id).state;
            const before = states.get(id) ?? 'healthy';
            const expected = now === before ? undefined : now === 'healthy' ? 'recovered' : now;
            expect(changed.get(id)).toBe(expected);
            states.set(id, now);
          }
        }
      }),
      { seed, numRuns },
    );
  });
});

describe('engine events', () => {
  it('refuses a withdrawal above the balance and leaves the account unchanged', () => {
    const engine = createMarginEngine(MARKET);
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '100.5' });
    const r = engine.apply({ type: 'withdraw', account: 'x', asset: 'USD', amount: '100.500001' });
    expect(r.accepted).toBe(false);
    expect(engine.account('x').collateral).toEqual([{ asset: 'USD', amount: '100.5' }]);
  });

  it('realises P&L on a reduce: long 1 BTC perp at 60,000 sold at 61,000 credits 1,000', () => {
    const engine = createMarginEngine(MARKET);
    const perp = { kind: 'perp', underlying: 'BTC' } as const;
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '5000' });
    engine.apply({ type: 'fill', account: 'x', instrument: perp, quantity: 1, price: 60000 });
    engine.apply({ type: 'fill', account: 'x', instrument: perp, quantity: -1, price: 61000 });
    expect(engine.account('x')).toEqual({ id: 'x', positions: [], collateral: [{ asset: 'USD', amount: '6000' }] });
  });

  it('funding: longs pay rate × quantity; an uncovered payment is the shortfall', () => {
    const engine = createMarginEngine(MARKET);
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '10' });
    engine.apply({
      type: 'fill',
      account: 'x',
      instrument: { kind: 'perp', underlying: 'ETH' },
      quantity: 2,
      price: 3000,
    });
    const r = engine.apply({ type: 'funding', underlying: 'ETH', rate: 7.5 });
    expect(r.shortfall).toBe('5');
    expect(engine.account('x').collateral).toEqual([]);
  });

  it('equity exactly at MM or IM: the exact check decides (not liquidatable at MM, margin call below IM)', () => {
    const engine = createMarginEngine({ assets: { BTC: { price: 60000 } } }, { method: 'cross' });
    const perp = { kind: 'perp', underlying: 'BTC' } as const;
    // 1 BTC perp at 60,000: value 0, MM 50,000·0.4% + 10,000·0.5% = 250, IM 600
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '250' });
    expect(
      engine.apply({ type: 'fill', account: 'x', instrument: perp, quantity: 1, price: 60000 }).transitions,
    ).toEqual([{ type: 'marginCall', account: 'x' }]);
    expect(engine.margin('x').liquidatable).toBe(false);
    const down = engine.apply({ type: 'withdraw', account: 'x', asset: 'USD', amount: '0.000001' });
    expect(down.transitions).toEqual([{ type: 'liquidatable', account: 'x' }]);
    expect(engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '350.000001' }).transitions).toEqual([
      { type: 'recovered', account: 'x' },
    ]);
    expect(engine.margin('x').freeCollateral.toString()).toBe('0');
  });

  it('refuses an isolated option naming the field', () => {
    const engine = createMarginEngine({ assets: { BTC: { price: 60000, vol: 0.6 } } });
    expect(() =>
      engine.apply({
        type: 'fill',
        account: 'x',
        instrument: {
          kind: 'option',
          underlying: 'BTC',
          type: 'call',
          strike: 60000,
          expiry: 0.25,
          marginMode: 'isolated',
        },
        quantity: 1,
        price: 60000,
      }),
    ).toThrow(/event\.instrument\.marginMode/);
  });
});
