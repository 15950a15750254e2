/**
 * Capital efficiency of an account: initial margin under the three methods side by side, the netting benefit,
 * idle collateral and effective leverage.
 */
import type { Market } from '../core/model.js';
import { Money } from '../core/money.js';
import { knownKeys } from '../core/validate.js';
import type { Account, ValidAccount } from './account.js';
import { commonOptions, contextOf, optionsOf, poolPositions } from './context.js';
import type { MarginContext } from './engine.js';
import { deltaOneUnits } from './engine.js';
import { FloatSum } from './exactSum.js';
import { accountIn, marginOf } from './margin.js';
import type { AccountMarginOptions, MarginMethod } from './margin.js';
import type { MarginParams } from './paramsTypes.js';

/** Options of {@link capitalEfficiency}. */
export type CapitalEfficiencyOptions = Omit<AccountMarginOptions, 'method'>;

const OPTIONS = knownKeys('params', 'collateralValuer');

/** Result of {@link capitalEfficiency} (money exact, ratios floats). */
export interface CapitalEfficiencyReport {
  /** Σ |delta-one notional| + Σ |option quantity|·S over every pool. */
  grossNotional: Money;
  equity: Money;
  /** Initial margin by method. */
  standard: Money;
  cross: Money;
  portfolio: Money;
  /** standard − portfolio, and as a fraction of standard (0 when standard is 0). */
  nettingBenefit: Money;
  nettingBenefitPct: number;
  /** equity − the lowest of the three margins: collateral margin does not need. */
  idleCollateral: Money;
  /** grossNotional / equity (`null` when equity ≤ 0). */
  effectiveLeverage: number | null;
}

/**
 * Capital efficiency: gross notional, initial margin under standard (isolated, position by position), cross and
 * portfolio methods, the netting benefit in money and percent, idle collateral and effective leverage.
 *
 * @example
 * ```ts
 * import { capitalEfficiency } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const acct = { collateral: [{ asset: 'USDC', amount: 10000 }], positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1 }, { kind: 'perp', underlying: 'BTC', quantity: -1 }] };
 * const r = capitalEfficiency(acct, market);
 * console.log(r.grossNotional.toNumber(), r.standard.toNumber(), r.portfolio.toNumber(), r.nettingBenefitPct); // '120000 1200 0 1'
 * ```
 */
export function capitalEfficiency(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  options?: CapitalEfficiencyOptions,
): CapitalEfficiencyReport;
/** @deprecated use `capitalEfficiency(account, context, { params, collateralValuer })` */
export function capitalEfficiency(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  params: MarginParams | undefined,
  options?: Omit<CapitalEfficiencyOptions, 'params'>,
): CapitalEfficiencyReport;
export function capitalEfficiency(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  third?: unknown,
  fourth?: unknown,
): CapitalEfficiencyReport {
  const o = optionsOf(arguments.length, third, fourth);
  const { collateralValuer } = commonOptions(o, OPTIONS);
  const ctx = contextOf(context, o.params);
  const acc = accountIn(account, ctx);
  const by = (method: MarginMethod) => marginOf(acc, ctx, method, collateralValuer);
  const st = by('standard');
  const cr = by('cross');
  const pm = by('portfolio');
  const gross = new FloatSum();
  for (const unit of acc.units) {
    for (const p of poolPositions(ctx, unit)) {
      const s = ctx.market.assets[p.underlying].price;
      gross.add(p.kind === 'option' ? Math.abs(p.quantity) * s : Math.abs(deltaOneUnits(p, ctx.market)) * s);
    }
  }
  const best = Money.min(st.initialMargin, cr.initialMargin, pm.initialMargin);
  const benefit = st.initialMargin.minus(pm.initialMargin);
  const eq = pm.equity.toNumber();
  return {
    grossNotional: gross.decimal(),
    equity: pm.equity,
    standard: st.initialMargin,
    cross: cr.initialMargin,
    portfolio: pm.initialMargin,
    nettingBenefit: benefit,
    nettingBenefitPct: st.initialMargin.isZero() ? 0 : benefit.div(st.initialMargin).toNumber(),
    idleCollateral: pm.equity.minus(best),
    effectiveLeverage: eq > 0 ? gross.value() / eq : null,
  };
}
