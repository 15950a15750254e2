/**
 * The engine with options against its reference: after every event of random streams of mixed spot, perp, future
 * and option fills, price / mark / vol ticks, deposits, withdrawals and funding, every account's `engine.margin(id)`
 * equals riskcore/netting `accountMargin(engine.account(id), engine.market(), …)` bit for bit — under `'auto'`
 * (netting's default method: portfolio for an account holding an option) and `'portfolio'`, with the default
 * parameters, with every portfolio add-on and correlation aggregation switched on, and on SPAN's grid with a
 * look-ahead. Pre-trade checks of the
 * fills predict the figures after them; transitions are exactly the state changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarginEngine, type MarginEngine } from '../../src/engine/index.js';
import { type MarginParams, accountMargin } from '../../src/netting/index.js';
import { ADDON_PARAMS, OPT_MARKET, SPAN_PARAMS, optStream } from './optionStreams.js';

function expectSame(engine: MarginEngine, id: string, method: 'auto' | 'portfolio', params?: MarginParams): void {
  const e = engine.margin(id);
  const ref = accountMargin(engine.account(id), engine.market(), {
    ...(method === 'portfolio' ? { method } : {}),
    ...(params ? { params } : {}),
  });
  expect(e.method).toBe(ref.method);
  expect(e.equity.toString()).toBe(ref.equity.toString());
  expect(e.initialMargin.toString()).toBe(ref.initialMargin.toString());
  expect(e.maintenanceMargin.toString()).toBe(ref.maintenanceMargin.toString());
  expect(e.freeCollateral.toString()).toBe(ref.freeCollateral.toString());
  expect(e.liquidatable).toBe(ref.liquidatable);
  const state = ref.liquidatable ? 'liquidatable' : ref.freeCollateral.lt(0) ? 'marginCall' : 'healthy';
  expect(e.state).toBe(state);
}

describe.each([
  ['auto', 'default parameters', undefined, 7, 50],
  ['portfolio', 'default parameters', undefined, 8, 30],
  ['auto', 'every add-on, correlation aggregation', ADDON_PARAMS, 9, 40],
  ['portfolio', 'every add-on, correlation aggregation', ADDON_PARAMS, 10, 30],
  ['auto', 'SPAN grid, one-day look-ahead', SPAN_PARAMS, 11, 30],
] as const)('engine with options ≡ accountMargin (%s, %s)', (method, _label, params, seed, numRuns) => {
  it('after every event of random streams, every account, bit for bit', () => {
    let optionFills = 0;
    fc.assert(
      fc.property(optStream(40), (events) => {
        const engine = createMarginEngine(OPT_MARKET, {
          method,
          collateralAssets: ['USD', 'USDC'],
          ...(params ? { params } : {}),
        });
        const states = new Map<string, string>();
        for (const ev of events) {
          const pre =
            ev.type === 'fill' && engine.accounts().includes(ev.account)
              ? engine.preTrade(ev.account, { instrument: ev.instrument, quantity: ev.quantity, price: ev.price })
              : null;
          const res = engine.apply(ev);
          if (ev.type === 'fill' && ev.instrument.kind === 'option' && res.accepted) optionFills++;
          if (pre && res.accepted && ev.type === 'fill') {
            const after = engine.margin(ev.account);
            expect(pre.initialMargin.toString()).toBe(after.initialMargin.toString());
            expect(pre.maintenanceMargin.toString()).toBe(after.maintenanceMargin.toString());
            expect(pre.equity.toString()).toBe(after.equity.toString());
          }
          if (pre && !res.accepted) expect(pre.reason).toBe(res.reason);
          const changed = new Map(res.transitions.map((t) => [t.account, t.type]));
          for (const id of engine.accounts()) {
            expectSame(engine, id, method, params);
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
    // the streams do exercise options
    expect(optionFills).toBeGreaterThan(4 * numRuns);
  });
});
