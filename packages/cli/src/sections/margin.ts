/**
 * Margin of every account under the three methods of riskcore/netting (`standard`: each position alone, i.e.
 * isolated; `cross`: delta-one netted per underlying; `portfolio`: scenario-grid full revaluation), with collateral
 * valued after the book's haircuts (riskcore/haircuts), and the book's capital efficiency.
 */
import type { Market } from 'riskcore';
import { Money } from 'riskcore';
import { collateralValue, fixedHaircut } from 'riskcore/haircuts';
import { DEFAULT_MARGIN_PARAMS, accountMargin, marginParams, prepareMargin } from 'riskcore/netting';
import type { Account, CollateralValuer, MarginMethod, MarginParams } from 'riskcore/netting';
import type { MarginSection } from '../results.js';

/** The collateral valuer the margin engine uses: market value less the book's fixed haircuts (0 for unlisted assets). */
export function haircutValuer(haircuts: Record<string, number>): CollateralValuer {
  const model = fixedHaircut(haircuts, { default: 0 });
  return (holdings, prices) => collateralValue(holdings, prices, model).value;
}

/**
 * netting's default parameters, except that a stablecoin the book prices in `market.assets` is valued at that
 * price (not as cash at 1), so a depeg in the book or in a stress scenario reaches equity.
 */
export function bookMarginParams(market: Market): MarginParams {
  return marginParams({ cashAssets: DEFAULT_MARGIN_PARAMS.cashAssets.filter((a) => !(a in market.assets)) });
}

/** Margin ratio for sorting: null (equity ≤ 0 with margin due) is the most stretched. */
const ratio = (r: string | null) => (r === null ? Infinity : Number(r));

const METHODS: MarginMethod[] = ['standard', 'cross', 'portfolio'];

/** Collateral of an account (its own, its sub-accounts', its isolated positions') at market, before haircuts. */
export function accountCollateralAtMarket(a: Account, market: Market): Money {
  let v = new Money(0);
  const add = (list: { asset: string; amount: unknown }[] | undefined) => {
    for (const c of list ?? [])
      v = v.plus(new Money(String(c.amount)).mul(new Money(String(market.assets[c.asset]?.price ?? 1))));
  };
  const addPositions = (ps: unknown[] | undefined) =>
    ps?.forEach((p) => add((p as { collateral?: { asset: string; amount: unknown }[] }).collateral));
  add(a.collateral as { asset: string; amount: unknown }[] | undefined);
  addPositions(a.positions);
  for (const s of a.subAccounts ?? []) {
    add(s.collateral as { asset: string; amount: unknown }[] | undefined);
    addPositions(s.positions);
  }
  return v;
}

/**
 * Margin by method (book totals: the comparison view) and every account under the health method (the view that
 * decides liquidation), whose rows reconcile: excess = equity − maintenance, idle = free collateral (equity −
 * initial) floored at 0 and capped at the account's collateral at market, and the totals are the sums of the rows.
 * `grossNotional` is the book's gross notional (the exposure section's).
 */
export function marginSection(
  accounts: Account[],
  ids: string[],
  market: Market,
  haircuts: Record<string, number>,
  healthMethod: MarginMethod,
  grossNotional: number,
): MarginSection {
  const ctx = prepareMargin(market, bookMarginParams(market));
  const collateralValuer = haircutValuer(haircuts);
  const totals = METHODS.map((method) => ({ method, im: new Money(0), mm: new Money(0) }));
  const byAccount: MarginSection['byAccount'] = [];
  const zero = new Money(0);
  const sum = {
    collateralAtMarket: zero,
    equity: zero,
    initialMargin: zero,
    maintenanceMargin: zero,
    excess: zero,
    idleCollateral: zero,
  };
  accounts.forEach((a, i) => {
    METHODS.forEach((method, k) => {
      const r = accountMargin(a, ctx, undefined, { method, collateralValuer });
      totals[k].im = totals[k].im.plus(r.initialMargin);
      totals[k].mm = totals[k].mm.plus(r.maintenanceMargin);
      if (method !== healthMethod) return;
      const atMarket = accountCollateralAtMarket(a, market);
      const free = r.equity.minus(r.initialMargin);
      const idle = free.lt(0) ? zero : free.gt(atMarket) ? atMarket : free;
      const excess = r.equity.minus(r.maintenanceMargin);
      const row = {
        collateralAtMarket: atMarket,
        equity: r.equity,
        initialMargin: r.initialMargin,
        maintenanceMargin: r.maintenanceMargin,
        excess,
        idleCollateral: idle,
      };
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] = sum[key].plus(row[key]);
      byAccount.push({
        account: ids[i],
        collateralAtMarket: atMarket.toString(),
        equity: r.equity.toString(),
        initialMargin: r.initialMargin.toString(),
        maintenanceMargin: r.maintenanceMargin.toString(),
        excess: excess.toString(),
        idleCollateral: idle.toString(),
        marginRatio: r.marginRatio === null ? null : String(r.marginRatio),
        liquidatable: r.liquidatable,
      });
    });
  });
  // the netting benefit as capitalEfficiency defines it: standard − the lowest of the three (never negative)
  const std = totals[0].im;
  const lowest = totals.reduce((a, t) => (t.im.lt(a.im) ? t : a), totals[0]);
  const benefit = std.minus(lowest.im);
  const gross = new Money(grossNotional);
  return {
    byMethod: totals.map((t) => ({
      method: t.method,
      initialMargin: t.im.toString(),
      maintenanceMargin: t.mm.toString(),
    })),
    healthMethod,
    byAccount: byAccount.sort((x, y) => ratio(y.marginRatio) - ratio(x.marginRatio)),
    health: {
      method: healthMethod,
      totals: {
        collateralAtMarket: sum.collateralAtMarket.toString(),
        equity: sum.equity.toString(),
        initialMargin: sum.initialMargin.toString(),
        maintenanceMargin: sum.maintenanceMargin.toString(),
        excess: sum.excess.toString(),
        idleCollateral: sum.idleCollateral.toString(),
      },
    },
    efficiency: {
      grossNotional: gross.toString(),
      lowestMethod: lowest.method,
      nettingBenefit: benefit.toString(),
      nettingBenefitPct: std.isZero() ? 0 : benefit.div(std).toNumber(),
      idleCollateral: sum.idleCollateral.toString(),
      effectiveLeverage: sum.equity.gt(0) ? gross.div(sum.equity).toNumber() : 0,
    },
  };
}
