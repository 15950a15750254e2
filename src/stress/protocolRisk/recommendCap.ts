/**
 * Cap recommendation by simulation: the largest supply (collateral) or open interest (perps) of an asset such that
 * the expected shortfall of the protocol's bad debt stays within a budget.
 *
 * Model. The protocol's accounts are the composition of the book; a cap of C units on asset a is modelled by
 * scaling every account that holds collateral of a (all of its amounts: collateral of every asset, cash, debt,
 * perp sizes; entry prices unchanged) by k = C / S, S the current supply of a (Σ collateral of a). With
 * `capOn: 'openInterest'` the cap is on Σ |perp size| of a and the accounts scaled are those with a perp on a.
 * Other accounts are unchanged, and depth, oracle and fund stay as given, so a larger book of a meets the same
 * liquidity: bad debt grows faster than the book through price impact. The candidate caps are the grid
 * C_j = j·step·S, j = 0, 1, …, ⌊maxMultiple/step⌋. Every candidate is simulated on the same seed (common random
 * numbers: the same price paths for every cap), and the largest j with ES_α(C_j) + z·SE(C_j) ≤ budget (z =
 * `errorMultiple`, default 0; SE the batch-means standard error) is found by bisection, which assumes ES_α
 * non-decreasing in the cap: exactly so without price impact, where each path's bad debt is linear in k (up to the
 * engine's decimal rounding); with impact it is the usual case, not a theorem.
 *
 * Lending form. With `{ positions, lending }` the paths run on the protocol's own rules (as
 * {@link simulateProtocolRisk}); `capOn: 'supply'` caps the collateral supplied of an asset, `capOn: 'borrow'` the
 * debt owed of it (Aave: a reserve; Compound III: a collateral asset, or `'base'` for the borrowed base; Morpho
 * Blue: `'collateral'`, or `'loan'`; Euler v2: a collateral asset, or `'liability'`). The positions holding it on
 * that side are scaled in the protocol's integer balances (rounded toward zero) and the market totals follow
 * (src/stress/protocolRisk/lendingBook.ts); amounts are in the protocol's balance units (base units; Compound base
 * principal, Morpho borrow shares) and ES in its value unit. The venue forms are refused at `protocol`.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkNumber, checkStrictObject, checkString, knownKeys, optionalNumber } from '../../core/validate.js';
import type { EngineAccount } from '../cascadeEngineTypes.js';
import { requireNotVenue } from './genericOnly.js';
import { type CapSetup, lendingCapSetup } from './lendingCap.js';
import { type LendingProtocol, isLendingProtocol } from './lendingRisk.js';
import type { ProtocolModel } from './inputs.js';
import { tailEstimate } from './lossTail.js';
import { prepare, runPaths } from './simulate.js';
import type { ProtocolRiskEstimate, Protocol, ProtocolMarket, ProtocolRiskOptions } from './types.js';

/** Options of {@link recommendCap}: the simulation's options plus the budget and the cap grid. */
export interface RecommendCapOptions extends ProtocolRiskOptions {
  /**
   * The asset whose supply, borrow or open interest is capped: a key of `market.assets` (generic form), or one of
   * the lending protocol's assets (an Aave reserve; a Compound collateral or `'base'`; Morpho `'collateral'` or
   * `'loan'`; a Euler collateral or `'liability'`).
   */
  asset: string;
  /**
   * What is capped: `'supply'` (Σ collateral of the asset, default), `'openInterest'` (Σ |perp size|, generic form)
   * or `'borrow'` (Σ debt owed of the asset, lending form).
   */
  capOn?: 'supply' | 'borrow' | 'openInterest';
  /** Largest acceptable ES of bad debt (quote, ≥ 0). */
  budget: number;
  /** Confidence of the ES, in [0.9, 1); default 0.99. */
  confidence?: number;
  /** Grid step of the cap as a fraction of the current supply, in [0.001, 1]; default 0.05. */
  step?: number;
  /** Largest cap searched, as a multiple of the current supply, in (0, 1,000]; default 10. */
  maxMultiple?: number;
  /**
   * Safety margin z in standard errors, in [0, 10]: a cap is accepted when ES + z·(its batch-means standard error)
   * ≤ budget; default 0 (the estimate itself). z > 0 needs standard errors: paths ≥ batches·⌈1/(1 − confidence)⌉.
   */
  errorMultiple?: number;
}

/** Result of {@link recommendCap}. */
export interface RecommendCapResult {
  asset: string;
  /** What is capped, as given. */
  capOn: 'supply' | 'borrow' | 'openInterest';
  /**
   * Current amount capped (units; on the lending form the protocol's balance units): supply (Σ collateral), debt
   * (Σ owed) or open interest (Σ |perp size|) of the asset.
   */
  current: Money;
  /**
   * Recommended cap (units): the largest grid cap whose ES is within the budget. 0 when none is (the other
   * accounts' bad debt alone exceeds it): then `esAtCap` is over the budget.
   */
  cap: Money;
  /** cap / current amount. */
  scale: number;
  /** ES of bad debt at the cap, with its batch-means standard error. */
  esAtCap: ProtocolRiskEstimate;
  /** ES one grid step above the cap (over the budget, with the margin), or null when the cap is the top of the grid. */
  esAbove: ProtocolRiskEstimate | null;
  /** The grid step (units). */
  step: Money;
  /** Simulations run (each on the same seed). */
  evaluations: number;
}

const CAP_OPTION_FIELDS = knownKeys(
  'asset',
  'capOn',
  'budget',
  'confidence',
  'step',
  'maxMultiple',
  'errorMultiple',
  'paths',
  'steps',
  'dt',
  'seed',
  'batches',
  'onProgress',
);

/** Engine accounts with every account holding (collateral or a perp, per `on`) of asset k scaled by `f`. */
export function scaleHolders(
  accounts: EngineAccount[],
  k: number,
  f: Money,
  on: 'supply' | 'openInterest',
): EngineAccount[] {
  return accounts.map((a) => {
    if ((on === 'supply' ? a.c[k] : a.s[k]).isZero()) return a;
    const c = a.c.map((x) => x.mul(f));
    const s = a.s.map((x) => x.mul(f));
    const cash = a.cash.mul(f);
    const debt = a.debt.mul(f);
    return {
      ...a,
      c,
      s,
      cash,
      debt,
      cf: c.map((x) => x.toNumber()),
      sf: s.map((x) => x.toNumber()),
      bf: cash.minus(debt).toNumber(),
    };
  });
}

/** The cap setup of the generic form (validated here: protocol, market and options as simulateProtocolRisk). */
function genericCapSetup(
  protocol: unknown,
  market: unknown,
  sim: unknown,
  name: string,
  capOn: unknown,
  ST: Money,
): CapSetup {
  if (capOn !== undefined && capOn !== 'supply' && capOn !== 'openInterest') {
    throw new RiskInputError('options.capOn', "'supply' or 'openInterest'", capOn);
  }
  const on = capOn ?? 'supply';
  const { model, pm, o } = prepare(protocol, market, sim);
  const k = model.single ? (pm.names[0] === name ? 0 : -1) : model.cfg.assets.findIndex((a) => a.name === name);
  if (k < 0) throw new RiskInputError('options.asset', 'an asset of market.assets', name);
  const current = model.accounts.reduce((s, a) => s.plus(on === 'supply' ? a.c[k] : a.s[k].abs()), new Money(0));
  if (current.isZero()) {
    const held = on === 'supply' ? 'hold as collateral' : 'hold perps of';
    throw new RiskInputError('options.asset', `an asset the accounts ${held}`, name);
  }
  return {
    current,
    o,
    loss: (j) => {
      const scaled: ProtocolModel = { ...model, accounts: scaleHolders(model.accounts, k, ST.mul(j), on) };
      return runPaths(scaled, pm, { ...o, detail: 0 }).loss;
    },
  };
}

/**
 * Recommend a supply or open-interest cap for `options.asset` (see the module comment): the largest cap on the
 * grid j·step·(current amount) whose simulated ES of bad debt at `confidence` is at most `budget`, found by bisection
 * on common random numbers. The generic cascade form `{ accounts, params }` and the lending form
 * `{ positions, lending }` are accepted (the venue forms are refused at `protocol`). Inputs are never mutated.
 *
 * @param protocol the accounts and cascade parameters, or a lending protocol's positions and context, as
 *   {@link simulateProtocolRisk}
 * @param market the asset dynamics and correlation, as {@link simulateProtocolRisk}
 * @param options the simulation options, the asset, the ES budget (quote) and the cap grid
 *
 * @example
 * ```ts
 * import { recommendCap } from 'riskcore/stress';
 * // 10 accounts of 1 ETH against 1,900 each, a thin book (depth 200,000): the ETH supply cap for an ES99 of bad
 * // debt ≤ 1,000, on a grid of 5 ETH (half the current supply) up to 200 ETH. Liquidations of a larger book move
 * // the price further, so ES grows faster than the book: 860 at 20 ETH, 1,888 at 25 ETH.
 * const accounts = Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, collateral: '1', debt: '1900' }));
 * const rec = recommendCap(
 *   { accounts, params: { price: '2500', depth: '200000', penalty: 0.1 } },
 *   { assets: { ETH: { vol: 1 } } },
 *   { paths: 200, steps: 10, dt: 1 / 365, seed: 1, asset: 'ETH', budget: 1000, step: 0.5, maxMultiple: 20 },
 * );
 * console.log(rec.cap.toString()); // '20'
 * console.log(rec.esAtCap.value <= 1000); // true
 * console.log(rec.esAbove !== null && rec.esAbove.value > 1000); // true
 * ```
 *
 * @example
 * ```ts
 * import { recommendCap } from 'riskcore/stress';
 * // Four Morpho Blue borrowers of 1 to 4 WETH at LTV 62.5% to 72.5% (LLTV 86%, WETH at 2,000 USDC: the oracle
 * // price is loan units per collateral unit × 1e36); figures in USDC base units (10⁻⁶), no price impact.
 * const positions = [1n, 2n, 3n, 4n].map((i) => ({
 *   id: `p${i}`,
 *   collateral: i * 10n ** 18n,
 *   borrowShares: i * (1200n + 50n * i) * 10n ** 12n, // 10⁶ shares per base unit of a fresh market
 * }));
 * const shares = positions.reduce((s, p) => s + p.borrowShares, 0n);
 * const market = {
 *   lltv: 86n * 10n ** 16n,
 *   price: 2000n * 10n ** 24n,
 *   totalSupplyAssets: 10n ** 12n,
 *   totalSupplyShares: 10n ** 18n,
 *   totalBorrowAssets: shares / 10n ** 6n,
 *   totalBorrowShares: shares,
 * };
 * const protocol = { positions, lending: { protocol: 'morpho-blue' as const, market, liquidators: { gasCost: 0n } } };
 * // The collateral supply cap for an ES99 of bad debt ≤ 300 USDC: without impact ES grows with the book, 110 USDC per
 * // current supply (10 WETH), so the cap is 2.5 × 10 WETH (ES 275 USDC; 330 USDC one step up).
 * const rec = recommendCap(protocol, { assets: { collateral: { vol: 1.5 } } }, {
 *   paths: 200, steps: 5, dt: 1 / 365, seed: 1, asset: 'collateral', capOn: 'supply', budget: 300e6, step: 0.5,
 *   maxMultiple: 5,
 * });
 * console.log(rec.cap.toString()); // '25000000000000000000'
 * console.log(Math.round(rec.esAtCap.value / 1e6)); // 275
 * console.log(Math.round((rec.esAbove?.value ?? 0) / 1e6)); // 330
 * ```
 */
export function recommendCap(
  protocol: Protocol | LendingProtocol,
  market: ProtocolMarket,
  options: RecommendCapOptions,
): RecommendCapResult {
  requireNotVenue(protocol, 'recommendCap'); // venue forms: not capped here, refused by name
  const oo = checkStrictObject(options, 'options', CAP_OPTION_FIELDS);
  const { asset, capOn, budget, confidence, step, maxMultiple, errorMultiple, ...sim } = oo;
  const name = checkString(asset, 'options.asset');
  const B = checkNumber(budget, 'options.budget', { ge: 0 });
  const alpha = optionalNumber(confidence, 'options.confidence', 0.99, { ge: 0.9, lt: 1 });
  const st = optionalNumber(step, 'options.step', 0.05, { ge: 0.001, le: 1 });
  const mm = optionalNumber(maxMultiple, 'options.maxMultiple', 10, { gt: 0, le: 1000 });
  const z = optionalNumber(errorMultiple, 'options.errorMultiple', 0, { ge: 0, le: 10 });
  const ST = new Money(String(st));
  const lending = isLendingProtocol(protocol);
  const setup = lending
    ? lendingCapSetup(protocol, market, sim, name, capOn, ST)
    : genericCapSetup(protocol, market, sim, name, capOn, ST);
  const { o } = setup;
  const need = o.batches * Math.ceil(1 / (1 - alpha) - 1e-9);
  if (z > 0 && o.paths < need) {
    throw new RiskInputError(
      'options.paths',
      `at least ${need} (batches × ⌈1/(1 − confidence)⌉) with errorMultiple > 0`,
      o.paths,
    );
  }
  const J = Math.floor(mm / st + 1e-9);
  const cache = new Map<number, ProtocolRiskEstimate>();
  const es = (j: number) => {
    let r = cache.get(j);
    if (!r) {
      r = tailEstimate(setup.loss(j), alpha, o.batches).es;
      cache.set(j, r);
    }
    return r;
  };
  const within = (j: number) => {
    const e = es(j);
    return e.value + z * (e.stdError ?? 0) <= B;
  };
  let lo = 0;
  let hi = J;
  if (!within(0)) lo = -1;
  else if (within(J)) lo = J;
  else {
    // invariant: within(lo) and not within(hi)
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (within(mid)) lo = mid;
      else hi = mid;
    }
  }
  const j = Math.max(lo, 0);
  return {
    asset: name,
    capOn: (capOn ?? 'supply') as RecommendCapResult['capOn'],
    current: setup.current,
    cap: setup.current.mul(ST).mul(j),
    scale: j * st,
    esAtCap: es(j),
    esAbove: j === J ? null : es(j + 1),
    step: setup.current.mul(ST),
    evaluations: cache.size,
  };
}
