/**
 * Robustness of `riskcore/engine` with options (methods `'auto'` and `'portfolio'`): option fills, vol ticks and
 * option pre-trade orders swept with junk values and misspelt keys; a restore replaying a log with option fills.
 */
import fc from 'fast-check';
import * as mod from '../../src/engine/index.js';
import { dbl } from './arbs.js';
import type { Fn, Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const { createMarginEngine } = mod;

const market = fc.record({
  assets: fc.record({
    BTC: fc.record({ price: dbl(20000, 90000), vol: dbl(0.2, 1.2) }),
    ETH: fc.record({ price: dbl(1000, 5000), vol: dbl(0.2, 1.2), dividendYield: dbl(0, 0.05) }),
  }),
  rate: dbl(0, 0.08),
});
const option = fc.record({
  kind: fc.constant('option'),
  underlying: fc.constantFrom('BTC', 'ETH'),
  type: fc.constantFrom('call', 'put'),
  strike: dbl(1000, 90000),
  expiry: dbl(0.01, 1),
  settlement: fc.constantFrom('linear', 'inverse'),
  model: fc.constantFrom('bsm', 'black76'),
});
const event = fc.oneof(
  fc.record({
    type: fc.constant('fill'),
    account: fc.constant('a'),
    instrument: option,
    quantity: dbl(-3, 3),
    price: dbl(1, 500),
  }),
  fc.record({
    type: fc.constant('tick'),
    underlying: fc.constant('BTC'),
    price: dbl(20000, 90000),
    vol: dbl(0.2, 1.2),
  }),
  fc.record({ type: fc.constant('tick'), underlying: fc.constant('ETH'), vol: dbl(0.2, 1.2) }),
);
const order = fc.record({ instrument: option, quantity: dbl(-3, 3), price: dbl(1, 500) });

/** Deleting or renaming an asset (or its vol) refuses the option events on it, naming the event's underlying. */
const marketSite = (site: string, path: string): boolean =>
  /^0\.assets/.test(site) && /^(event|order)\.(instrument\.)?underlying$/.test(path);

const specs: Spec[] = [
  {
    name: 'createMarginEngine',
    args: fc.tuple(market, fc.record({ method: fc.constantFrom('auto', 'portfolio') }), event, order),
    names: ['market', 'options', 'event', 'order'],
    accept: marketSite,
    // market.assets is a record keyed by asset names
    skipKeys: (site) => site === '0.assets',
    numRuns: 30,
    call: (fn: Fn, [m, o, ev, ord]) => {
      const engine = fn(m, o) as mod.MarginEngine;
      const first = engine.apply({ type: 'deposit', account: 'a', asset: 'USD', amount: '50000' });
      const res = engine.apply(ev as mod.EngineEvent);
      const pre = engine.preTrade('a', ord as mod.PreTradeOrder);
      return { first, res, pre, margin: engine.margin('a'), account: engine.account('a'), stats: engine.stats() };
    },
  },
  {
    name: 'restoreMarginEngine',
    // a short option: its premium is credited, so the fill stands whatever account the junk names
    args: fc.tuple(option, dbl(-3, -0.1), dbl(0.2, 1.2)).map(([ins, q, v]) => {
      const engine = createMarginEngine({
        assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.7 } },
      });
      const snap = engine.snapshot();
      const log = [
        { type: 'deposit', account: 'a', asset: 'USD', amount: '100000' },
        { type: 'fill', account: 'a', instrument: ins, quantity: q, price: 100 },
        { type: 'tick', underlying: 'BTC', price: 61000, vol: v },
      ].map((e) => engine.apply(e as mod.EngineEvent).log);
      return [snap, log];
    }),
    names: ['snapshot', 'log'],
    numRuns: 20,
    call: (fn: Fn, args) => {
      const engine = fn(...args) as mod.MarginEngine;
      return engine.accounts().map((id) => ({ margin: engine.margin(id), account: engine.account(id) }));
    },
  },
];

robustnessSuite('riskcore/engine (options)', mod as unknown as Record<string, unknown>, specs, ['RiskInputError']);
