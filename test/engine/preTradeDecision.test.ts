/**
 * The pre-trade decision taken in floats against the exact figures it reports: on random streams (delta-one under
 * standard and cross, options under auto) every check is accepted exactly when the settlement cash covers the fill
 * and the exact free collateral after it is ≥ 0 or the fill does not raise IM; at the threshold itself (equity equal
 * to IM to the last base unit, and one unit short) the decision is the exact one. The exact figures are built on
 * first read from the state at the check, whatever the engine did since, and the result reads, spreads and
 * serialises as an object of plain fields. The premium cash of a spot or option fill in integers equals the decimal
 * arithmetic's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { createMarginEngine, type EngineEvent, type MarginEngine } from '../../src/engine/index.js';
import { toUnitsFloor } from '../../src/engine/fill.js';
import { premiumUnits } from '../../src/engine/premiumUnits.js';
import { OPT_MARKET, optStream } from './optionStreams.js';
import { MARKET, stream } from './streams.js';

const CASH = 'the settlement cash does not cover the fill';

/** Check every fill of `events` before applying it: the decision against the exact figures of the result. */
function checkStream(engine: MarginEngine, events: readonly EngineEvent[]): number {
  let checks = 0;
  for (const ev of events) {
    if (ev.type === 'fill' && engine.accounts().includes(ev.account)) {
      const imBefore = engine.margin(ev.account).initialMargin;
      const pre = engine.preTrade(ev.account, { instrument: ev.instrument, quantity: ev.quantity, price: ev.price });
      const exact = pre.reason !== CASH && (pre.freeCollateral.gte(0) || pre.initialMargin.lte(imBefore));
      expect(pre.accepted).toBe(exact);
      expect(pre.reason === undefined).toBe(pre.accepted);
      expect(pre.freeCollateral.toString()).toBe(pre.equity.minus(pre.initialMargin).toString());
      checks++;
    }
    engine.apply(ev);
  }
  return checks;
}

describe('pre-trade decision ≡ the exact figures', () => {
  it.each(['standard', 'cross'] as const)('delta-one streams (%s)', (method) => {
    let checks = 0;
    fc.assert(
      fc.property(stream(), (events) => {
        checks += checkStream(createMarginEngine(MARKET, { method, collateralAssets: ['USD', 'USDC'] }), events);
      }),
      { seed: 1919, numRuns: 200 },
    );
    expect(checks).toBeGreaterThan(150);
  });

  it('option streams (auto)', () => {
    let checks = 0;
    fc.assert(
      fc.property(optStream(30), (events) => {
        checks += checkStream(createMarginEngine(OPT_MARKET, { collateralAssets: ['USD', 'USDC'] }), events);
      }),
      { seed: 2929, numRuns: 40 },
    );
    expect(checks).toBeGreaterThan(200);
  });

  it('at the threshold: equity = IM is accepted, one base unit less is refused', () => {
    const market = { assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } };
    // a fill at the index price (position value 0) whose IM has at most 6 decimals: equity = the deposit
    const probe = createMarginEngine(market, { method: 'cross' });
    probe.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '1000000' });
    const order = [0.5, 1, 1.5, 2, 2.5, 4]
      .map((quantity) => ({ instrument: { kind: 'perp', underlying: 'BTC' } as const, quantity, price: 60000 }))
      .find((o) => probe.preTrade('x', o).initialMargin.decimalPlaces() <= 6);
    if (order === undefined) throw new Error('no probe order with a 6-decimal IM');
    const at = probe.preTrade('x', order).initialMargin;
    let exact = 0;
    for (const [amount, accepted] of [
      [at, true],
      [at.minus('0.000001'), false],
      [at.plus('0.000001'), true],
    ] as const) {
      const engine = createMarginEngine(market, { method: 'cross' });
      engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: amount.toString() });
      const pre = engine.preTrade('x', order);
      expect(pre.accepted).toBe(accepted);
      expect(pre.equity.toString()).toBe(amount.toString());
      expect(pre.freeCollateral.toString()).toBe(amount.minus(at).toString());
      if (pre.freeCollateral.isZero()) exact++;
    }
    expect(exact).toBe(1);
  });
});

describe('pre-trade result', () => {
  it('exact figures of the state at the check, read later; plain fields to spread, compare and serialise', () => {
    const engine = createMarginEngine(OPT_MARKET);
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '50000' });
    const order = {
      instrument: { kind: 'option', underlying: 'BTC', type: 'put', strike: 55000, expiry: 0.25 },
      quantity: -1,
      price: 1500,
    } as const;
    const early = engine.preTrade('x', order);
    expect(early.accepted).toBe(true);
    const read = engine.preTrade('x', order);
    const fields = {
      accepted: read.accepted,
      initialMargin: read.initialMargin,
      maintenanceMargin: read.maintenanceMargin,
      equity: read.equity,
      freeCollateral: read.freeCollateral,
    };
    engine.apply({ type: 'deposit', account: 'x', asset: 'USD', amount: '777' });
    engine.apply({ type: 'tick', underlying: 'BTC', price: 51000 });
    expect(Object.keys(early)).toEqual(Object.keys(fields));
    expect(JSON.stringify(early)).toBe(JSON.stringify(fields));
    expect({ ...early }).toEqual(fields);
    expect(early).toStrictEqual(fields);
    expect(Object.getPrototypeOf(early)).toBe(Object.prototype);
    early.equity = new Money(1);
    expect(early.equity.toString()).toBe('1');
    expect(early.freeCollateral.toString()).toBe(fields.freeCollateral.toString());
  });
});

describe('premium cash in integers', () => {
  const decimal = (x: number, places: number) => fc.integer({ min: -1e9, max: 1e9 }).map((m) => m / 10 ** places || x);
  const num = fc.oneof(
    fc.integer({ min: 0, max: 9 }).chain((k) => decimal(1, k)),
    fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    fc.constantFrom(0.1, 0.3, 1.005, 2.675, 0.1 + 0.2, 1e-7, 123456789.123456, 9999999999999.99, 5e-324, 1e15),
  );
  it('equals −quantity × price floored to base units in decimals', () => {
    fc.assert(
      fc.property(num, num, fc.constantFrom(0, 2, 6, 12), (q, p, d) => {
        const scale = new Money(10).pow(d);
        expect(premiumUnits(q, Math.abs(p) || 1, scale)).toBe(
          toUnitsFloor(new Money(q).mul(Math.abs(p) || 1).neg(), scale),
        );
      }),
      { seed: 77, numRuns: 20000 },
    );
  });
});
