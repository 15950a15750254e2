/**
 * Recovery: a random stream run to a random point, snapshotted, restored and the rest of its log replayed gives the
 * engine that ran the whole stream without interruption — the same snapshot bytes, accounts and figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarginEngine, restoreMarginEngine, type LogEntry } from '../../src/engine/index.js';
import { MARKET, stream } from './streams.js';

describe('snapshot + log replay', () => {
  it('restored engine ≡ uninterrupted engine, bit for bit (random streams, random cut)', () => {
    fc.assert(
      fc.property(
        stream(60),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('standard', 'cross'),
        (events, cutAt, method) => {
          const engine = createMarginEngine(MARKET, {
            method: method as 'standard' | 'cross',
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
          expect(back.accounts()).toEqual(engine.accounts());
          for (const id of engine.accounts()) {
            expect(back.account(id)).toEqual(engine.account(id));
            const [a, b] = [back.margin(id), engine.margin(id)];
            expect([a.equity, a.initialMargin, a.maintenanceMargin, a.state].map(String)).toEqual(
              [b.equity, b.initialMargin, b.maintenanceMargin, b.state].map(String),
            );
          }
          // the restored engine carries on like the original
          const next = { type: 'tick', underlying: 'BTC', price: 50000 } as const;
          expect(back.apply(next)).toEqual(engine.apply(next));
        },
      ),
      { seed: 19, numRuns: 100 },
    );
  });

  it('refuses a log with a gap, naming the entry', () => {
    const engine = createMarginEngine(MARKET);
    const snap = engine.snapshot();
    const r = engine.apply({ type: 'deposit', account: 'a', asset: 'USD', amount: '1' });
    const entry = r.log as LogEntry;
    expect(() => restoreMarginEngine(snap, [{ ...entry, seq: 2 }])).toThrow(/log\[0\]\.seq/);
    expect(() => restoreMarginEngine(new Uint8Array(20), [])).toThrow(/snapshot/);
  });
});
