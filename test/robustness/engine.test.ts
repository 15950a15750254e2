/**
 * Robustness of `riskcore/engine`. The engine's methods are covered through the specs' `call`s: the
 * createMarginEngine spec builds an engine from `(market, options)`, applies a deposit and the junk-swept `event`,
 * runs `preTrade` with the swept `order` and returns `margin`, `account` and the events' results; the
 * restoreMarginEngine spec restores a snapshot and replays the swept `log`.
 */
import fc from 'fast-check';
import * as mod from '../../src/engine/index.js';
import { dbl } from './arbs.js';
import type { Fn, Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const { createMarginEngine } = mod;

const market = fc.record({
  assets: fc.record({
    BTC: fc.record({ price: dbl(20000, 90000) }),
    ETH: fc.record({ price: dbl(1000, 5000), dividendYield: dbl(0, 0.05) }),
  }),
  rate: dbl(0, 0.08),
});
const instrument = fc.oneof(
  fc.record({
    kind: fc.constant('perp'),
    underlying: fc.constantFrom('BTC', 'ETH'),
    settlement: fc.constantFrom('linear', 'inverse'),
  }),
  fc.record({ kind: fc.constant('future'), underlying: fc.constantFrom('BTC', 'ETH'), expiry: dbl(0.1, 1) }),
);
const event = fc.oneof(
  fc.record({
    type: fc.constant('fill'),
    account: fc.constant('a'),
    instrument,
    quantity: dbl(0.1, 3),
    price: dbl(2000, 70000),
  }),
  fc.record({
    type: fc.constant('deposit'),
    account: fc.constantFrom('a', 'b'),
    asset: fc.constant('USD'),
    amount: fc.constantFrom('10', '2.5'),
  }),
  fc.record({
    type: fc.constant('tick'),
    underlying: fc.constant('BTC'),
    price: dbl(20000, 90000),
    mark: dbl(20000, 90000),
  }),
  fc.record({ type: fc.constant('funding'), underlying: fc.constant('ETH'), rate: dbl(-2, 2) }),
);
const order = fc.record({ instrument, quantity: dbl(0.1, 3), price: dbl(2000, 70000) });

/** Deleting or renaming an asset of the market refuses the events on it, naming the event's underlying. */
const marketSite = (site: string, path: string): boolean =>
  /^0\.assets/.test(site) && /^(event|order)\.(instrument\.)?underlying$/.test(path);

const specs: Spec[] = [
  {
    name: 'createMarginEngine',
    args: fc.tuple(
      market,
      fc.record({ method: fc.constantFrom('standard', 'cross'), decimals: fc.constantFrom(2, 6) }),
      event,
      order,
    ),
    names: ['market', 'options', 'event', 'order'],
    accept: marketSite,
    // market.assets is a record keyed by asset names
    skipKeys: (site) => site === '0.assets',
    numRuns: 40,
    call: (fn: Fn, [m, o, ev, ord]) => {
      const engine = fn(m, o) as mod.MarginEngine;
      const first = engine.apply({ type: 'deposit', account: 'a', asset: 'USD', amount: '5000' });
      const res = engine.apply(ev as mod.EngineEvent);
      const pre = engine.preTrade('a', ord as mod.PreTradeOrder);
      return { first, res, pre, margin: engine.margin('a'), account: engine.account('a'), stats: engine.stats() };
    },
  },
  {
    name: 'restoreMarginEngine',
    args: fc.tuple(instrument, dbl(0.1, 3), dbl(20000, 90000)).map(([ins, q, p]) => {
      const engine = createMarginEngine({ assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } });
      const snap = engine.snapshot();
      const log = [
        { type: 'deposit', account: 'a', asset: 'USD', amount: '1000' },
        { type: 'fill', account: 'a', instrument: ins, quantity: q, price: 3000 },
        { type: 'tick', underlying: 'BTC', price: p },
      ].map((e) => engine.apply(e as mod.EngineEvent).log);
      return [snap, log];
    }),
    names: ['snapshot', 'log'],
    numRuns: 30,
    call: (fn: Fn, args) => {
      const engine = fn(...args) as mod.MarginEngine;
      return engine.accounts().map((id) => ({ margin: engine.margin(id), account: engine.account(id) }));
    },
  },
];

robustnessSuite('riskcore/engine', mod as unknown as Record<string, unknown>, specs, ['RiskInputError']);
