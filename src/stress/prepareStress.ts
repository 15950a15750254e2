/**
 * A prepared stress context: a market, scenarios and stress options validated once, each scenario's shocked market
 * and margin context built once and shared by every subject stressed in it.
 */
import { isPrepared, markPrepared } from '../core/brand.js';
import type { Market } from '../core/model.js';
import type { Scenario } from './scenario.js';
import { validateScenarios } from './scenario.js';
import type { ShockedMarket, StressOptions, StressSetup } from './stressSetup.js';
import { shockedMarket, stressSetup } from './stressSetup.js';

/**
 * A context from {@link prepareStress}: pass it to `stressTest(subject, context)`. Recognised by its brand only;
 * treat as immutable.
 */
export interface StressContext {
  /** The validated base market. */
  readonly market: Market;
  /** The validated scenarios, in input order. */
  readonly scenarios: readonly Scenario[];
}

/** What a context shares: the setup and the shocked markets (margin contexts made on first use). Internal. */
export interface StressState {
  setup: StressSetup;
  base: ShockedMarket;
  shocked: ShockedMarket[];
}

const BRAND = 'stress.context';
const states = new WeakMap<StressContext, StressState>();

/**
 * Prepare a market, scenarios and stress options once for {@link stressTest} over many subjects (a book of
 * accounts): every scenario's shocked market is built here and its riskcore/netting margin context on first use,
 * then shared by every account margined in it (the risk arrays of an instrument are computed once per scenario,
 * not once per account). `stressTest(subject, prepareStress(market, scenarios, options))` equals
 * `stressTest(subject, market, scenarios, options)` bit for bit. The context keeps the margin contexts (their risk
 * arrays grow with the distinct instruments met); drop it to free them.
 *
 * @param market the base market.
 * @param scenarios at least one scenario.
 * @param options margin parameters and method, cash assets, a lending book (see `StressOptions`).
 * @example
 * ```ts
 * import { prepareStress, stressTest } from 'riskcore/stress';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const ctx = prepareStress(market, [{ name: 'BTC -40%', moves: { BTC: -0.4 } }], { margin: { method: 'cross' } });
 * const accounts = [1, 2, 3].map((q) => ({
 *   collateral: [{ asset: 'USDC', amount: '50000' }],
 *   positions: [{ kind: 'perp' as const, underlying: 'BTC', quantity: q }],
 * }));
 * console.log(accounts.map((a) => stressTest(a, ctx).scenarios[0].equity?.toString())); // [ '26000', '2000', '-22000' ]
 * ```
 */
export function prepareStress(market: Market, scenarios: Scenario[], options: StressOptions = {}): StressContext {
  const ss = validateScenarios(scenarios, 'scenarios');
  const setup = stressSetup(market, options);
  const ctx: StressContext = Object.freeze({ market: setup.market, scenarios: Object.freeze(ss) });
  states.set(ctx, {
    setup,
    base: shockedMarket(setup, { name: 'base' }),
    shocked: ss.map((s) => shockedMarket(setup, s)),
  });
  return markPrepared(ctx, BRAND);
}

/** True only for a context {@link prepareStress} made. Internal. */
export function isStressContext(value: unknown): value is StressContext {
  return isPrepared(value, BRAND);
}

/** The shared state of a prepared context. Internal. */
export function stressState(ctx: StressContext): StressState {
  return states.get(ctx) as StressState;
}
