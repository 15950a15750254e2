/**
 * Account margin: equity, initial and maintenance margin, free collateral and liquidation status under three
 * methods, each pool (cross, isolated sub-account, isolated position) margined alone:
 * - `'standard'`: position by position, no offsets (size tiers per position; Deribit's option formula);
 * - `'cross'`: delta-one positions netted per underlying before the tiers apply; options as standard;
 * - `'portfolio'`: full revaluation on the scenario grid per underlying (worst weighted loss = scan risk), at least
 *   the short-option minimum, plus contingencies; combined across underlyings by sum or correlation with a floor.
 * Each method is a file of its own under `methods/`; `figures.ts` dispatches.
 *
 * Money (collateral, equity, margins) is exact decimal ({@link Money}) in the result; risk math is in floats.
 * Equity adds the exact collateral value and the pool's position values, summed without order dependence and
 * read as the shortest decimal within the values' float rounding (spot worth 0.1 and 0.2 gives equity 0.3).
 */
import type { Market } from '../core/model.js';
import { Money } from '../core/money.js';
import { knownKeys } from '../core/validate.js';
import type { Account, ValidAccount } from './account.js';
import { checkAccountMarket, isValidAccount, validateAccount } from './account.js';
import type { CollateralValuer } from './collateral.js';
import { poolCollateral } from './collateral.js';
import { commonOptions, contextOf, methodFor, optionsOf, poolPositions } from './context.js';
import type { MarginContext } from './engine.js';
import { exactSum } from './exactSum.js';
import type { ScenarioResult, UnitFigures } from './figures.js';
import { unitFigures } from './figures.js';
import type { MarginMethod } from './methods/types.js';
import type { MarginParams } from './paramsTypes.js';

export type { MarginMethod } from './methods/types.js';
export type { CollateralPrices, CollateralValuer } from './collateral.js';
export type { ScenarioResult, UnitFigures } from './figures.js';
export { unitFigures } from './figures.js';
export { poolCollateral } from './collateral.js';
export { contextOf, methodFor, poolPositions } from './context.js';

/** Options of {@link accountMargin}. */
export interface AccountMarginOptions {
  /** Margin parameters (default {@link DEFAULT_MARGIN_PARAMS}); only with a market (a prepared context fixed its own). */
  params?: MarginParams;
  /**
   * The margin method. Omitted: `'portfolio'` when the account holds an option (in any pool), else `'standard'` —
   * a delta-one book (spot, perps, futures) is margined by its size tiers, as a venue does, and portfolio margin
   * is opt-in for it. The result's `method` says which applied.
   */
  method?: MarginMethod;
  /** Values collateral instead of `amount × price × (1 − params.haircuts[asset])`. */
  collateralValuer?: CollateralValuer;
}

/** Options of the deprecated form `accountMargin(account, market, params, options)`. */
export type LegacyAccountMarginOptions = Omit<AccountMarginOptions, 'params'>;

/** Portfolio-margin breakdown of one underlying in one pool (floats in quote currency). */
export interface UnderlyingMargin {
  underlying: string;
  initialMargin: Money;
  maintenanceMargin: Money;
  /** Net delta-one units (coins) across spot, perps and futures. */
  netDeltaOne: number;
  /** Worst weighted scenario loss (portfolio method; 0 otherwise). */
  scanLoss: number;
  /** Label of the scenario that set the scan loss (`null` when no scenario loses). */
  worstScenario: string | null;
  /** Short-option minimum (portfolio). */
  shortOptionMinimum: number;
  /** Option and futures contingencies (portfolio). */
  optionContingency: number;
  futuresContingency: number;
  /** Which term set the portfolio requirement before contingencies: `'scan'` or `'shortOptionMinimum'`. */
  bound: 'scan' | 'shortOptionMinimum' | 'standard';
}

/** One margin pool's figures. */
export interface UnitMargin {
  key: string;
  mode: 'cross' | 'isolated';
  equity: Money;
  collateralValue: Money;
  positionsValue: Money;
  initialMargin: Money;
  maintenanceMargin: Money;
  liquidatable: boolean;
}

/** Result of {@link accountMargin}. */
export interface AccountMarginResult {
  /** The method applied (the one asked for, or the default for the account: see {@link AccountMarginOptions.method}). */
  method: MarginMethod;
  /** Collateral value (after haircuts) + the value of every position (unrealised P&L, option values), all pools. */
  equity: Money;
  initialMargin: Money;
  maintenanceMargin: Money;
  /** equity − initialMargin (may be negative). */
  freeCollateral: Money;
  /** maintenanceMargin / equity; `null` when equity ≤ 0 with margin due (0 when nothing is due). ≥ 1 means under maintenance. */
  marginRatio: number | null;
  /** True when any pool's equity is below its maintenance margin. */
  liquidatable: boolean;
  /** The cross pool by underlying, in order of underlying name. */
  byUnderlying: UnderlyingMargin[];
  /** The cross pool's scenario P&L (portfolio method; empty otherwise). */
  byScenario: ScenarioResult[];
  /** Credit from correlation offsets across underlyings in the cross pool (0 for `'sum'`), in money. */
  diversificationCredit: Money;
  /** Every pool: the cross pool first, then isolated sub-accounts and positions. */
  units: UnitMargin[];
}

const money = (x: number): Money => new Money(x === 0 ? 0 : x);
const OPTIONS = knownKeys('params', 'method', 'collateralValuer');

/** The account validated (a branded one as it is, anything else as raw input) and checked against the market. Internal. */
export function accountIn(account: unknown, ctx: MarginContext): ValidAccount {
  const acc = isValidAccount(account) ? account : validateAccount(account, 'account');
  // a validated account and a validated market are both immutable: checked together once
  if (checkedOn.get(acc) !== ctx.market) {
    checkAccountMarket(acc, ctx.market);
    checkedOn.set(acc, ctx.market);
  }
  return acc;
}

/** The validated market each validated account was last checked against. */
const checkedOn = new WeakMap<ValidAccount, Market>();

/** {@link accountMargin} on a validated account and context. Internal. */
export function marginOf(
  acc: ValidAccount,
  ctx: MarginContext,
  method: MarginMethod,
  collateralValuer?: CollateralValuer,
): AccountMarginResult {
  let equity = new Money(0);
  // pool margins summed exactly: the totals do not depend on the order of the pools
  const ims: number[] = [];
  const mms: number[] = [];
  let liquidatable = false;
  const units: UnitMargin[] = [];
  let cross: UnitFigures | null = null;
  for (const unit of acc.units) {
    const f = unitFigures(ctx, poolPositions(ctx, unit), method, unit.mode === 'cross');
    if (unit.mode === 'cross') cross = f;
    const coll = poolCollateral(ctx, unit.collateral, collateralValuer);
    const pv = f.positionsSum.decimal();
    const eq = coll.plus(pv);
    const mmM = money(f.mm);
    const liq = eq.lt(mmM);
    liquidatable ||= liq;
    equity = equity.plus(eq);
    ims.push(f.im);
    mms.push(f.mm);
    units.push({
      key: unit.key,
      mode: unit.mode,
      equity: eq,
      collateralValue: coll,
      positionsValue: pv,
      initialMargin: money(f.im),
      maintenanceMargin: mmM,
      liquidatable: liq,
    });
  }
  const im = exactSum(ims);
  const mm = exactSum(mms);
  const imM = money(im);
  const mmM = money(mm);
  const eqNum = equity.toNumber();
  return {
    method,
    equity,
    initialMargin: imM,
    maintenanceMargin: mmM,
    freeCollateral: equity.minus(imM),
    marginRatio: mm === 0 ? 0 : eqNum > 0 ? mm / eqNum : null,
    liquidatable,
    byUnderlying: (cross?.byUnderlying ?? []).map((b) => ({
      underlying: b.underlying,
      initialMargin: money(b.im),
      maintenanceMargin: money(b.mm),
      netDeltaOne: b.netDeltaOne,
      scanLoss: b.scanLoss,
      worstScenario: b.worstScenario,
      shortOptionMinimum: b.shortOptionMinimum,
      optionContingency: b.optionContingency,
      futuresContingency: b.futuresContingency,
      bound: b.bound,
    })),
    byScenario: cross?.byScenario ?? [],
    diversificationCredit: money(cross?.diversification ?? 0),
    units,
  };
}

/**
 * Margin an account: equity, initial and maintenance margin, free collateral, margin ratio and liquidation status,
 * with the cross pool broken down by underlying and by scenario. Each isolated sub-account / position is a pool of
 * its own (its figures are in `units`); the totals add the pools up.
 *
 * Within a pool, positions of one instrument are netted first (a long and a short of the same contract are one flat
 * position under every method), and every sum is taken in a canonical order: the figures depend on the positions,
 * never on the order they are listed in. The method, when not given, is `'portfolio'` for an account that holds an
 * option and `'standard'` for a delta-one book (see {@link AccountMarginOptions.method}).
 *
 * `context` is a market, or a context from {@link prepareMargin} to share the risk-array cache across many accounts
 * on one market snapshot. `account` is account input, or an account from {@link validateAccount} (not validated
 * again; any other object, one of the same shape included, is validated as input).
 *
 * @example
 * ```ts
 * import { accountMargin } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const hedge = {
 *   collateral: [{ asset: 'USDC', amount: '10000' }],
 *   positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1 }, { kind: 'perp', underlying: 'BTC', quantity: -1 }],
 * };
 * // a delta-one book: standard margin by default, each contract alone on the size tiers:
 * // 60,000 notional → IM 60,000·1% (100× tier) = 600 per leg
 * const standard = accountMargin(hedge, market);
 * console.log(standard.method, standard.initialMargin.toNumber()); // 'standard 1200'
 * console.log(standard.equity.toString()); // '70000'
 * // portfolio margin, opt-in: every grid scenario's P&L is 60,000·m − 60,000·m = 0
 * const pm = accountMargin(hedge, market, { method: 'portfolio' });
 * console.log(pm.initialMargin.toString()); // '0'
 * ```
 */
export function accountMargin(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  options?: AccountMarginOptions,
): AccountMarginResult;
/** @deprecated use `accountMargin(account, context, { params, method, collateralValuer })` */
export function accountMargin(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  params: MarginParams | undefined,
  options?: LegacyAccountMarginOptions,
): AccountMarginResult;
export function accountMargin(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  third?: unknown,
  fourth?: unknown,
): AccountMarginResult {
  const o = optionsOf(arguments.length, third, fourth);
  const { method, collateralValuer } = commonOptions(o, OPTIONS);
  const ctx = contextOf(context, o.params);
  const acc = accountIn(account, ctx);
  return marginOf(acc, ctx, methodFor(method, acc), collateralValuer);
}
