/**
 * Isolated positions in the engine against riskcore/netting: after every event of random streams mixing cross and
 * isolated positions (isolated fills, margin transfers, ticks, funding), every account's totals and every isolated
 * pool's figures equal `accountMargin(engine.account(id), engine.market(), { method })` bit for bit; transitions are
 * exactly the state changes of each pool; a snapshot taken mid-stream plus the log restores the same engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMarginEngine,
  restoreMarginEngine,
  type EngineInstrument,
  type LogEntry,
  type MarginEngine,
} from '../../src/engine/index.js';
import { type MarginParams, accountMargin } from '../../src/netting/index.js';
import { isolatedOptionStream, isolatedStream } from './isolatedStreams.js';
import { ADDON_PARAMS, OPT_MARKET } from './optionStreams.js';
import { MARKET } from './streams.js';

type State = 'healthy' | 'marginCall' | 'liquidatable';

/** The record form of an isolated instrument (as the engine reports a pool's instrument); '' for a cross one. */
function poolKey(i: EngineInstrument): string {
  if (i.marginMode !== 'isolated') return '';
  const settlement = i.kind === 'spot' ? {} : { settlement: i.settlement ?? 'linear' };
  const expiry = i.expiry === undefined ? {} : { expiry: i.expiry };
  return JSON.stringify({ kind: i.kind, underlying: i.underlying, ...settlement, ...expiry, marginMode: 'isolated' });
}
const RANK: Record<State, number> = { healthy: 0, marginCall: 1, liquidatable: 2 };

/** Compare an account with netting; returns the state of every pool (`''` the cross pool, else the instrument). */
function expectSame(
  engine: MarginEngine,
  id: string,
  method: 'standard' | 'cross' | 'portfolio' | 'auto',
  params?: MarginParams,
): Map<string, State> {
  const e = engine.margin(id);
  const ref = accountMargin(engine.account(id), engine.market(), {
    ...(method === 'auto' ? {} : { method }),
    ...(params ? { params } : {}),
  });
  expect(e.method).toBe(ref.method);
  expect(e.equity.toString()).toBe(ref.equity.toString());
  expect(e.initialMargin.toString()).toBe(ref.initialMargin.toString());
  expect(e.maintenanceMargin.toString()).toBe(ref.maintenanceMargin.toString());
  expect(e.freeCollateral.toString()).toBe(ref.freeCollateral.toString());
  expect(e.liquidatable).toBe(ref.liquidatable);
  const pools = e.pools ?? [];
  expect(ref.units.length).toBe(pools.length + 1);
  const states = new Map<string, State>();
  ref.units.forEach((u, i) => {
    const st: State = u.liquidatable ? 'liquidatable' : u.equity.lt(u.initialMargin) ? 'marginCall' : 'healthy';
    if (i === 0) {
      states.set('', st);
      return;
    }
    const p = pools[i - 1];
    expect(u.mode).toBe('isolated');
    expect(p.equity.toString()).toBe(u.equity.toString());
    expect(p.collateralValue.toString()).toBe(u.collateralValue.toString());
    expect(p.initialMargin.toString()).toBe(u.initialMargin.toString());
    expect(p.maintenanceMargin.toString()).toBe(u.maintenanceMargin.toString());
    expect(p.liquidatable).toBe(u.liquidatable);
    expect(p.state).toBe(st);
    states.set(JSON.stringify(p.instrument), st);
  });
  const worst = [...states.values()].reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'healthy' as State);
  expect(e.state).toBe(worst);
  return states;
}

describe.each([
  ['standard', 'delta-one', 7, 120],
  ['cross', 'delta-one', 19, 120],
  ['auto', 'delta-one', 23, 80],
  ['portfolio', 'delta-one', 31, 40],
  ['auto', 'options', 41, 30],
  ['portfolio', 'options', 43, 80],
  ['portfolio', 'options, every add-on, correlation aggregation', 47, 80],
] as const)('engine ≡ accountMargin with isolated positions (%s, %s)', (method, label, seed, numRuns) => {
  const options = label !== 'delta-one';
  const params = label.includes('add-on') ? ADDON_PARAMS : undefined;
  it('after every event, every account and every pool, bit for bit; snapshot + log restores it', () => {
    let isolatedSeen = 0;
    // accounts seen holding an option in the cross pool beside an open isolated pool
    let besideOptions = 0;
    fc.assert(
      fc.property(options ? isolatedOptionStream() : isolatedStream(), fc.nat(), (events, cut) => {
        const engine = createMarginEngine(options ? OPT_MARKET : MARKET, {
          method,
          collateralAssets: ['USD', 'USDC'],
          ...(params ? { params } : {}),
        });
        const states = new Map<string, State>();
        const log: LogEntry[] = [];
        let snap = engine.snapshot();
        events.forEach((ev, n) => {
          if (n === cut % events.length) snap = engine.snapshot();
          const poolOf = (m: ReturnType<MarginEngine['margin']>) =>
            ev.type === 'fill'
              ? m.pools?.find((p) => JSON.stringify(p.instrument) === poolKey(ev.instrument))
              : undefined;
          // a pre-trade check of a fill on an open isolated position predicts the pool after it
          const pre =
            ev.type === 'fill' &&
            ev.margin === undefined &&
            engine.accounts().includes(ev.account) &&
            poolOf(engine.margin(ev.account))
              ? engine.preTrade(ev.account, { instrument: ev.instrument, quantity: ev.quantity, price: ev.price })
              : null;
          const res = engine.apply(ev);
          const poolAfter = pre && res.accepted && ev.type === 'fill' ? poolOf(engine.margin(ev.account)) : undefined;
          if (poolAfter) {
            expect(pre?.initialMargin.toString()).toBe(poolAfter.initialMargin.toString());
            expect(pre?.maintenanceMargin.toString()).toBe(poolAfter.maintenanceMargin.toString());
            expect(pre?.equity.toString()).toBe(poolAfter.equity.toString());
          }
          if (pre && !res.accepted) expect(pre.reason).toBe(res.reason);
          if (res.log) log.push(JSON.parse(JSON.stringify(res.log)));
          const changed = new Map(
            res.transitions.map((t) => [`${t.account}|${t.isolated ? JSON.stringify(t.isolated) : ''}`, t.type]),
          );
          expect(changed.size).toBe(res.transitions.length);
          const seen = new Set<string>();
          for (const id of engine.accounts()) {
            const held = engine.account(id).positions ?? [];
            if (held.some((p) => p.kind === 'option') && held.some((p) => p.marginMode === 'isolated')) besideOptions++;
            for (const [pool, now] of expectSame(engine, id, method, params)) {
              const key = `${id}|${pool}`;
              seen.add(key);
              if (pool !== '') isolatedSeen++;
              const before = states.get(key) ?? 'healthy';
              expect(changed.get(key)).toBe(now === before ? undefined : now === 'healthy' ? 'recovered' : now);
              states.set(key, now);
            }
          }
          // a pool that closed is gone: it was healthy or reported its recovery … or closed while flagged
          for (const key of [...states.keys()]) if (!seen.has(key)) states.delete(key);
        });
        const back = restoreMarginEngine(snap, log);
        expect(back.accounts()).toEqual(engine.accounts());
        for (const id of engine.accounts()) {
          expect(back.account(id)).toEqual(engine.account(id));
          expect(JSON.stringify(back.margin(id))).toBe(JSON.stringify(engine.margin(id)));
        }
        expect(back.stats()).toEqual(engine.stats());
      }),
      { seed, numRuns },
    );
    expect(isolatedSeen).toBeGreaterThan(numRuns);

    if (method === 'portfolio' && options) expect(besideOptions).toBeGreaterThan(numRuns / 4);
    if (method === 'auto') expect(besideOptions).toBe(0);
  });
});
