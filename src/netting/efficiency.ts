/**
 * Capital efficiency of an account: initial margin under the three methods side by side, the netting benefit (what
 * the lowest of them saves over margining instrument by instrument), idle collateral and effective leverage.
 */
import type { Market } from '../core/model.js';
import type { Money } from '../core/money.js';
import { knownKeys } from '../core/validate.js';
import type { Account, ValidAccount } from './account.js';
import { contracts, netBook, netUnits } from './book.js';
import { commonOptions, contextOf, optionsOf, poolPositions } from './context.js';
import type { MarginContext } from './engine.js';
import { FloatSum } from './exactSum.js';
import { accountIn, marginOf } from './margin.js';
import type { AccountMarginOptions, MarginMethod } from './margin.js';
import type { MarginParams } from './paramsTypes.js';

/** Options of {@link capitalEfficiency}. */
export type CapitalEfficiencyOptions = Omit<AccountMarginOptions, 'method'>;

const OPTIONS = knownKeys('params', 'collateralValuer');

/** Result of {@link capitalEfficiency} (money exact, ratios floats). */
export interface CapitalEfficiencyReport {
  /**
   * Σ |net delta-one notional| per contract + Σ |net option quantity|·S per option over every pool (positions of
   * one instrument netted first, as the margin methods net them).
   */
  grossNotional: Money;
  equity: Money;
  /** Initial margin by method. */
  standard: Money;
  cross: Money;
  portfolio: Money;
  /**
   * The method with the lowest initial margin; on a tie the first of `'standard'`, `'cross'`, `'portfolio'` (a
   * netting method that only matches standard margin brings no benefit).
   */
  lowestMethod: MarginMethod;
  /**
   * The netting benefit: standard initial margin (each instrument margined alone) less the lowest of the three
   * (`lowestMethod`'s). Never negative: when neither cross nor portfolio margin is below standard margin — portfolio
   * margin of a delta-one book usually is not — the benefit is 0, not the excess.
   */
  nettingBenefit: Money;
  /** nettingBenefit / standard, a fraction in [0, 1] (0.25 = a quarter of standard margin saved; 0 when standard is 0). */
  nettingBenefitFraction: number;
  /**
   * @deprecated use `nettingBenefitFraction`: the same fraction in [0, 1] (not a percentage), kept under its old
   * name.
   */
  nettingBenefitPct: number;
  /** equity − the lowest of the three margins: collateral margin does not need. */
  idleCollateral: Money;
  /** grossNotional / equity (`null` when equity ≤ 0). */
  effectiveLeverage: number | null;
}

/**
 * Capital efficiency: gross notional, initial margin under standard (each instrument alone), cross and portfolio
 * methods, the netting benefit — standard margin less the lowest of the three, in money and as a fraction of
 * standard margin, never negative — idle collateral and effective leverage.
 *
 * @example
 * ```ts
 * import { capitalEfficiency } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const acct = { collateral: [{ asset: 'USDC', amount: 10000 }], positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1 }, { kind: 'perp', underlying: 'BTC', quantity: -1 }] };
 * const r = capitalEfficiency(acct, market);
 * console.log(r.grossNotional.toNumber(), r.standard.toNumber(), r.portfolio.toNumber(), r.lowestMethod, r.nettingBenefitFraction); // '120000 1200 0 cross 1'
 * // a long perp alone: ±16% portfolio scan 19,200 against 6,000 on the size tiers: no netting benefit
 * const lone = capitalEfficiency({ positions: [{ kind: 'perp', underlying: 'BTC', quantity: 2 }] }, market);
 * console.log(lone.standard.toNumber(), lone.portfolio.toNumber(), lone.nettingBenefit.toNumber()); // '1200 19200 0'
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
    for (const b of netBook(ctx, poolPositions(ctx, unit))) {
      const s = ctx.market.assets[b.underlying].price;
      for (const lot of b.lots) if (lot.positions[0].kind === 'option') gross.add(Math.abs(lot.quantity) * s);
      for (const lots of contracts(b.lots)) gross.add(Math.abs(netUnits(lots, ctx.market)) * s);
    }
  }
  const lowest: [MarginMethod, Money] = (
    [
      ['standard', st.initialMargin],
      ['cross', cr.initialMargin],
      ['portfolio', pm.initialMargin],
    ] as Array<[MarginMethod, Money]>
  ).reduce((a, b) => (b[1].lt(a[1]) ? b : a));
  const benefit = st.initialMargin.minus(lowest[1]);
  const fraction = st.initialMargin.isZero() ? 0 : benefit.div(st.initialMargin).toNumber();
  const eq = pm.equity.toNumber();
  return {
    grossNotional: gross.decimal(),
    equity: pm.equity,
    standard: st.initialMargin,
    cross: cr.initialMargin,
    portfolio: pm.initialMargin,
    lowestMethod: lowest[0],
    nettingBenefit: benefit,
    nettingBenefitFraction: fraction,
    nettingBenefitPct: fraction,
    idleCollateral: pm.equity.minus(lowest[1]),
    effectiveLeverage: eq > 0 ? gross.value() / eq : null,
  };
}
