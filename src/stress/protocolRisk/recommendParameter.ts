/**
 * Parameter recommendation by simulation: the most permissive liquidation threshold or maintenance margin fraction of
 * a protocol such that the expected shortfall of its bad debt stays within a budget.
 *
 * Model. The protocol, market and paths are those of {@link simulateProtocolRisk} on the generic cascade form; one
 * parameter is set in turn to each value of `options.values` and everything else is held fixed. Every candidate runs
 * on the same seed (common random numbers: the same price paths for every value), so the differences between
 * candidates are not sampling noise of separate runs. Direction: a higher liquidation threshold (liquidation once
 * debt > LT × collateral value, so a thinner cushion) is more permissive and carries more bad debt; so does a lower
 * maintenance margin (more leverage on perps). The penalty is not offered: the cascade pays it to the insurance fund
 * out of the equity left after a close-out, so it changes the fund and the deficit, never the bad debt. The
 * recommendation walks the grid from its strictest end and keeps the
 * last value of the unbroken run with ES_α + z·SE ≤ budget (z = `errorMultiple`, SE the batch-means standard error),
 * so it never relies on monotonicity of ES in the parameter: a value past a breach is not recommended.
 *
 * Lending and venue forms. With `{ positions, lending }` or `{ kind, accounts, context }` the paths run on the
 * protocol's own rules (as {@link simulateProtocolRisk}) and the parameter is one of the protocol's own fields, set
 * on one asset or market (src/stress/protocolRisk/lendingParameter.ts and venueParameter.ts list them): Aave
 * `liquidationThreshold`, `liquidationBonus`; Compound III `liquidateCollateralFactor`, `liquidationFactor`; Morpho
 * Blue `lltv` (its liquidation incentive follows from it); Euler v2 `liquidationLTV`, `maxLiquidationDiscount`;
 * dYdX `maintenanceFractionPpm`, `initialMarginPpm` (the perpetual's liquidity tier); Drift
 * `marginRatioMaintenance`; Hyperliquid `maxLeverage`. A parameter the protocol does not have is refused at
 * `options.parameter`. Lending values are fractions (exact in the field's integer scale), venue values the field's
 * own integers. Liquidation bonuses and discounts count as permissive when smaller (the borrower loses less at a
 * liquidation), Compound's liquidationFactor (collateral value credited at absorb) when larger.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkArray, checkNumber, checkStrictObject, knownKeys, optionalNumber } from '../../core/validate.js';
import type { EngineConfig } from '../cascadeEngineTypes.js';
import type { RunOptions } from './inputs.js';
import { lendingParameterSpec } from './lendingParameter.js';
import { type LendingProtocol, isLendingProtocol, readLendingModel, runLendingModel } from './lendingRisk.js';
import type { ParameterSpec } from './parameterSpec.js';
import { venueParameterSpec } from './venueParameter.js';
import { type VenueProtocol, isVenueProtocol, readVenueModel, runVenueModel } from './venueRisk.js';
import { tailEstimate } from './lossTail.js';
import { prepare, runPaths } from './simulate.js';
import type { Protocol, ProtocolMarket, ProtocolRiskEstimate, ProtocolRiskOptions } from './types.js';

/**
 * A parameter {@link recommendParameter} can recommend: `liquidationThreshold` and `maintenanceMargin` on the generic
 * form; on the lending form Aave `liquidationThreshold`, `liquidationBonus`, Compound III
 * `liquidateCollateralFactor`, `liquidationFactor`, Morpho Blue `lltv`, Euler v2 `liquidationLTV`,
 * `maxLiquidationDiscount`; on the venue forms dYdX `maintenanceFractionPpm`, `initialMarginPpm`, Drift
 * `marginRatioMaintenance`, Hyperliquid `maxLeverage`.
 */
export type RecommendedParameter =
  | 'liquidationThreshold'
  | 'maintenanceMargin'
  | 'liquidationBonus'
  | 'liquidateCollateralFactor'
  | 'liquidationFactor'
  | 'lltv'
  | 'liquidationLTV'
  | 'maxLiquidationDiscount'
  | 'maintenanceFractionPpm'
  | 'initialMarginPpm'
  | 'marginRatioMaintenance'
  | 'maxLeverage';

/** Options of {@link recommendParameter}: the simulation's options plus the parameter, its grid and the budget. */
export interface RecommendParameterOptions extends ProtocolRiskOptions {
  /**
   * The parameter searched: on the generic form the liquidation threshold of one asset or the maintenance margin
   * fraction; on the lending and venue forms one of the protocol's own fields (see {@link RecommendedParameter}).
   */
  parameter: RecommendedParameter;
  /**
   * The asset whose parameter is searched. Generic form: a key of `market.assets`, required for a multi-asset
   * protocol with `parameter: 'liquidationThreshold'`, refused for the maintenance margin. Lending form: the reserve
   * or collateral asset (Morpho: `'collateral'` or omitted; refused for Euler's `maxLiquidationDiscount`). Venue
   * forms: the book's market (dYdX perpetual id as a string, Drift perp market, Hyperliquid asset).
   */
  asset?: string;
  /**
   * Candidate values, strictly ascending, 2 to 50 of them. Generic form: liquidation threshold in (0, 1],
   * maintenance margin in [0, 1). Lending form: fractions, exact in the field's integer scale (Aave and Euler
   * 1e4, Compound and Morpho 1e18). Venue forms: the field's integers (dYdX ppm, Drift 1e4, Hyperliquid leverage).
   */
  values: number[];
  /** Largest acceptable ES of bad debt (quote, ≥ 0). */
  budget: number;
  /** Confidence of the ES, in [0.9, 1); default 0.99. */
  confidence?: number;
  /**
   * Safety margin z in standard errors, in [0, 10]: a value is accepted when ES + z·(its batch-means standard error)
   * ≤ budget; default 0. z > 0 needs standard errors: paths ≥ batches·⌈1/(1 − confidence)⌉.
   */
  errorMultiple?: number;
}

/** One grid value of {@link recommendParameter} with its figures. */
export interface ParameterPoint {
  value: number;
  /** ES of bad debt at `confidence` (quote), with its batch-means standard error. */
  es: ProtocolRiskEstimate;
  /** ES + z·SE ≤ budget. */
  withinBudget: boolean;
  /**
   * What the value grants, at the initial prices (quote; the lending form's value unit): for a liquidation threshold
   * (LLTV, liquidation LTV or factor) the borrowing power Σ collateral of the asset × price × value; for a bonus,
   * discount or Compound liquidation factor Σ collateral × price × value; for a maintenance margin the margin it
   * locks Σ |perp size| × price × fraction over all assets; on a venue the margin it locks, Σ over the accounts of
   * the venue's maintenance margin requirement with the value set.
   */
  capacity: number;
}

/** Result of {@link recommendParameter}. */
export interface RecommendParameterResult {
  parameter: RecommendedParameter;
  /** The asset or market of the parameter; null for a protocol-wide one (maintenance margin, Euler discount). */
  asset: string | null;
  /**
   * Which end of the grid is permissive: `'largest'` (thresholds, LLTV, liquidation LTV and factors, leverage) or
   * `'smallest'` (margins, bonuses, discounts).
   */
  direction: 'largest' | 'smallest';
  /**
   * The recommended point: the most permissive value of the unbroken run of values within the budget from the strict
   * end of the grid; null when the strictest value already exceeds it.
   */
  recommended: ParameterPoint | null;
  /** The next value in the permissive direction (outside the budget), or null when the recommendation ends the grid. */
  next: ParameterPoint | null;
  /** Every grid value, in the order given (ascending), all on the same seed. */
  points: ParameterPoint[];
}

const FIELDS = knownKeys(
  'parameter',
  'asset',
  'values',
  'budget',
  'confidence',
  'errorMultiple',
  'paths',
  'steps',
  'dt',
  'seed',
  'batches',
  'onProgress',
);

/** The engine config with the parameter set to `v` (the threshold as the cascade's validator stores it: 1 − LT). */
function withValue(
  cfg: EngineConfig,
  parameter: 'liquidationThreshold' | 'maintenanceMargin',
  k: number,
  v: number,
): EngineConfig {
  if (parameter === 'maintenanceMargin') return { ...cfg, mmf: v };
  const lt1 = new Money(1).minus(String(v));
  return { ...cfg, assets: cfg.assets.map((a, i) => (i === k ? { ...a, lt1, lt1f: lt1.toNumber() } : a)) };
}

/** What the grid walk needs of a form: the parameter's spec, the run options and the losses at a value. */
interface ParameterSetup {
  spec: Omit<ParameterSpec, 'apply'>;
  o: RunOptions;
  loss: (v: number) => Float64Array;
}

/** The setup of the generic form (parameter and asset checked here). */
function genericSetup(protocol: unknown, market: unknown, sim: unknown, parameter: unknown, asset: unknown) {
  return (): ParameterSetup => {
    const { model, pm, o } = prepare(protocol, market, sim);
    if (parameter !== 'liquidationThreshold' && parameter !== 'maintenanceMargin') {
      throw new RiskInputError('options.parameter', "'liquidationThreshold' or 'maintenanceMargin'", parameter);
    }
    const isLt = parameter === 'liquidationThreshold';
    const range = isLt ? { gt: 0, le: 1 } : { ge: 0, lt: 1 };
    let k = -1;
    if (!isLt) {
      if (asset !== undefined) throw new RiskInputError('options.asset', `absent for ${parameter}`, asset);
    } else if (asset === undefined) {
      if (!model.single) throw new RiskInputError('options.asset', 'the asset whose threshold is searched', asset);
      k = 0;
    } else {
      k = model.single ? (pm.names[0] === asset ? 0 : -1) : model.cfg.assets.findIndex((a) => a.name === asset);
      if (k < 0) throw new RiskInputError('options.asset', 'an asset of market.assets', asset);
    }
    const p0 = model.cfg.assets.map((a) => a.p0);
    const held = (pick: (c: Money, s: Money, i: number) => Money) =>
      model.accounts.reduce((t, a) => a.c.reduce((u, c, i) => u.plus(pick(c, a.s[i], i).mul(p0[i])), t), new Money(0));
    const lockedValue = isLt ? held((c, _s, i) => (i === k ? c : new Money(0))) : held((_c, s) => s.abs());
    return {
      spec: {
        direction: isLt ? 'largest' : 'smallest',
        asset: isLt ? (model.single ? pm.names[0] : model.cfg.assets[k].name) : null,
        check: (x, i) => checkNumber(x, `options.values[${i}]`, range),
        capacity: (v) => lockedValue.mul(String(v)).toNumber(),
      },
      o,
      loss: (v) => runPaths({ ...model, cfg: withValue(model.cfg, parameter, k, v) }, pm, { ...o, detail: 0 }).loss,
    };
  };
}

/** The setup of a lending or venue form, with each value's context checked by the protocol's readers. */
function ownRulesSetup(protocol: unknown, market: unknown, sim: unknown, parameter: unknown, asset: unknown) {
  return (): ParameterSetup => {
    if (isLendingProtocol(protocol)) {
      const m = readLendingModel(protocol, market, sim);
      const spec = lendingParameterSpec(m, parameter, asset);
      return { spec, o: m.o, loss: (v) => runLendingModel(m, m.positions, spec.apply(v), { ...m.o, detail: 0 }).loss };
    }
    const m = readVenueModel(protocol, market, sim);
    // the venue's cascade validates the accounts and context: one path first, so that a bad input is named at its
    // own field (a grid value's run re-addresses the protocol's refusals to that value)
    runVenueModel(m, m.context, { ...m.o, paths: 1, detail: 0, onProgress: undefined });
    const spec = venueParameterSpec(m, parameter, asset);
    return { spec, o: m.o, loss: (v) => runVenueModel(m, spec.apply(v), { ...m.o, detail: 0 }).loss };
  };
}

/** Run `fn` for grid value i; a protocol's refusal of the value is re-addressed to `options.values[i]`. */
function atValue<T>(i: number, v: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof RiskInputError) || !e.path.startsWith('protocol')) throw e;
    throw new RiskInputError(`options.values[${i}]`, `a value the protocol accepts (${e.path}: ${e.expected})`, v);
  }
}

/**
 * Recommend a liquidation threshold or a maintenance margin (see the module comment): the most permissive
 * value of `options.values` whose simulated ES of bad debt at `confidence`, and that of every stricter value, is at
 * most `budget`; every value is run on the same seed. The generic form `{ accounts, params }`, the lending form
 * `{ positions, lending }` and the venue forms `{ kind, accounts, context }` are accepted, each with its own
 * parameters (see the module comment). Inputs are never mutated.
 *
 * @param protocol the accounts and cascade parameters, a lending protocol or a venue, as {@link simulateProtocolRisk}
 * @param market the asset dynamics and correlation, as {@link simulateProtocolRisk}
 * @param options the simulation options, the parameter, its candidate values, the ES budget (quote)
 *
 * @example
 * ```ts
 * import { recommendParameter } from 'riskcore/stress';
 * // 10 accounts of 1 ETH against 1,500 each at 2,500 (LTV 60%), a thin book: the highest liquidation threshold with
 * // an ES99 of bad debt ≤ 500. A higher threshold liquidates later, nearer to insolvency.
 * const accounts = Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, collateral: '1', debt: '1500' }));
 * const rec = recommendParameter(
 *   { accounts, params: { price: '2500', depth: '200000', penalty: 0.1 } },
 *   { assets: { ETH: { vol: 1.5 } } },
 *   { paths: 200, steps: 10, dt: 1 / 365, seed: 1, parameter: 'liquidationThreshold', budget: 500,
 *     values: [0.75, 0.8, 0.85, 0.9] },
 * );
 * console.log(rec.recommended?.value); // 0.85
 * console.log(rec.recommended?.capacity); // 21250
 * console.log(rec.next !== null && rec.next.es.value > 500); // true
 * ```
 *
 * @example
 * ```ts
 * import { recommendParameter } from 'riskcore/stress';
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
 * // The highest Morpho LLTV (its liquidation incentive derived from it) with an ES99 of bad debt ≤ 300 USDC.
 * const rec = recommendParameter(protocol, { assets: { collateral: { vol: 1.5 } } }, {
 *   paths: 200, steps: 5, dt: 1 / 365, seed: 1, parameter: 'lltv', values: [0.7, 0.77, 0.86, 0.915], budget: 300e6,
 * });
 * console.log(rec.recommended?.value, rec.next?.value); // '0.86 0.915'
 * console.log(rec.points.map((p) => Math.round(p.es.value / 1e6)).join(' ')); // '0 12 110 677'
 * console.log(rec.recommended?.capacity); // 17200000000
 * ```
 */
export function recommendParameter(
  protocol: Protocol | LendingProtocol | VenueProtocol,
  market: ProtocolMarket,
  options: RecommendParameterOptions,
): RecommendParameterResult {
  const oo = checkStrictObject(options, 'options', FIELDS);
  const { parameter, asset, values, budget, confidence, errorMultiple, ...sim } = oo;
  const generic = !isLendingProtocol(protocol) && !isVenueProtocol(protocol);
  const setup = generic
    ? genericSetup(protocol, market, sim, parameter, asset)
    : ownRulesSetup(protocol, market, sim, parameter, asset);
  const list = checkArray(values, 'options.values', 2);
  if (list.length > 50) throw new RiskInputError('options.values', 'at most 50 values', values);
  const B = checkNumber(budget, 'options.budget', { ge: 0 });
  const alpha = optionalNumber(confidence, 'options.confidence', 0.99, { ge: 0.9, lt: 1 });
  const z = optionalNumber(errorMultiple, 'options.errorMultiple', 0, { ge: 0, le: 10 });
  const { spec, o, loss } = setup();
  const vs = list.map((x, i) => spec.check(x, i));
  vs.forEach((x, i) => {
    if (i > 0 && !(x > vs[i - 1])) {
      throw new RiskInputError(`options.values[${i}]`, `greater than options.values[${i - 1}] (ascending)`, x);
    }
  });
  const need = o.batches * Math.ceil(1 / (1 - alpha) - 1e-9);
  if (z > 0 && o.paths < need) {
    const expected = `at least ${need} (batches × ⌈1/(1 − confidence)⌉) with errorMultiple > 0`;
    throw new RiskInputError('options.paths', expected, o.paths);
  }
  const points: ParameterPoint[] = vs.map((v, i) => {
    const es = tailEstimate(
      atValue(i, v, () => loss(v)),
      alpha,
      o.batches,
    ).es;
    const capacity = atValue(i, v, () => spec.capacity(v));
    return { value: v, es, withinBudget: es.value + z * (es.stdError ?? 0) <= B, capacity };
  });
  const order = spec.direction === 'smallest' ? points.slice().reverse() : points;
  const breach = order.findIndex((p) => !p.withinBudget);
  const last = breach < 0 ? order.length - 1 : breach - 1;
  return {
    parameter: parameter as RecommendedParameter,
    asset: spec.asset,
    direction: spec.direction,
    recommended: last >= 0 ? order[last] : null,
    next: last + 1 < order.length ? order[last + 1] : null,
    points,
  };
}
