/**
 * Robustness of `riskcore/engine`'s isolated positions: the createMarginEngine spec applies a junk-swept isolated
 * fill (`instrument.marginMode: 'isolated'`, with a `margin`) and a junk-swept margin transfer (a deposit or withdrawal with
 * `isolated`), then a tick, and returns the account's figures (with its pools) and the account; the
 * restoreMarginEngine spec replays a swept log holding isolated fills and transfers.
 */
import fc from 'fast-check';
import * as mod from '../../src/engine/index.js';
import { dbl } from './arbs.js';
import type { Fn, Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const { createMarginEngine } = mod;

const market = fc.record({
  assets: fc.record({ BTC: fc.record({ price: dbl(20000, 90000) }), ETH: fc.record({ price: dbl(1000, 5000) }) }),
});
const pool = fc.oneof(
  fc.record({
    kind: fc.constant('perp'),
    underlying: fc.constantFrom('BTC', 'ETH'),
    marginMode: fc.constant('isolated'),
  }),
  fc.record({
    kind: fc.constant('future'),
    underlying: fc.constant('BTC'),
    settlement: fc.constant('inverse'),
    expiry: fc.constant(0.25),
    marginMode: fc.constant('isolated'),
  }),
);
const fill = fc.record({
  type: fc.constant('fill'),
  account: fc.constant('a'),
  instrument: pool,
  quantity: fc.constantFrom(1, -2, 1000),
  price: dbl(2000, 70000),
  margin: fc.constantFrom('0', '100', '2.5'),
});
const transfer = (ins: unknown) =>
  fc.record({
    type: fc.constantFrom('deposit', 'withdraw'),
    account: fc.constant('a'),
    asset: fc.constant('USD'),
    amount: fc.constantFrom('10', '2.5'),
    isolated: fc.constant(ins),
  });

/** Deleting or renaming an asset of the market refuses the events on it, naming the event's underlying. */
const marketSite = (site: string, path: string): boolean =>
  /^0\.assets/.test(site) && /^event\d?\.(instrument|isolated)\.underlying$/.test(path);

const specs: Spec[] = [
  {
    name: 'createMarginEngine',
    args: fill.chain((f) =>
      fc.tuple(
        market,
        fc.record({ method: fc.constantFrom('standard', 'cross', 'portfolio') }),
        fc.constant(f),
        transfer(f.instrument),
      ),
    ),
    names: ['market', 'options', 'event1', 'event2'],
    // a fill made cross (marginMode removed) may not carry a margin: refused naming the margin
    accept: (site, path) => marketSite(site, path) || (site === '2.instrument.marginMode' && path === 'event1.margin'),
    skipKeys: (site) => site === '0.assets',
    numRuns: 30,
    call: (fn: Fn, [m, o, f, t]) => {
      const engine = fn(m, o) as mod.MarginEngine;
      engine.apply({ type: 'deposit', account: 'a', asset: 'USD', amount: '5000' });
      // the engine's internal apply with the path named (the errors name `event1.…` / `event2.…`)
      const at = engine as unknown as { applyAt(e: unknown, path: string): unknown };
      const fillRes = at.applyAt(f, 'event1');
      const transferRes = at.applyAt(t, 'event2');
      const tick = engine.apply({ type: 'tick', underlying: 'BTC', price: 50000 });
      return {
        fillRes,
        transferRes,
        tick,
        margin: engine.margin('a'),
        account: engine.account('a'),
        stats: engine.stats(),
      };
    },
  },
  {
    name: 'restoreMarginEngine',
    args: fc.tuple(pool, dbl(20000, 90000)).map(([ins, p]) => {
      const engine = createMarginEngine({ assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } });
      const snap = engine.snapshot();
      const q = (ins as { settlement?: string }).settlement === 'inverse' ? 1000 : 1;
      const log = [
        { type: 'deposit', account: 'a', asset: 'USD', amount: '1000' },
        { type: 'fill', account: 'a', instrument: ins, quantity: q, price: 3000 },
        { type: 'deposit', account: 'a', asset: 'USD', amount: '700', isolated: ins },
        { type: 'tick', underlying: 'BTC', price: p },
      ].map((e) => engine.apply(e as mod.EngineEvent).log);
      return [snap, log];
    }),
    names: ['snapshot', 'log'],
    // junk that still makes a valid fill (another account, another instrument) opens another pool: the transfer
    // to the pool that log[1] opened is then refused, naming log[2]
    accept: (site, path) => /^1\.1\.record\./.test(site) && path === 'log[2].record',
    numRuns: 20,
    call: (fn: Fn, args) => {
      const engine = fn(...args) as mod.MarginEngine;
      return engine.accounts().map((id) => ({ margin: engine.margin(id), account: engine.account(id) }));
    },
  },
];

robustnessSuite('riskcore/engine (isolated positions)', mod as unknown as Record<string, unknown>, specs, [
  'RiskInputError',
]);
