/**
 * Margin of every account under the three methods of riskcore/netting (`standard`: each position alone, i.e.
 * isolated; `cross`: delta-one netted per underlying; `portfolio`: scenario-grid full revaluation), with collateral
 * valued after the book's haircuts (riskcore/haircuts), and the book's capital efficiency.
 */
import type { Market } from 'riskcore';
import { Money } from 'riskcore';
import { collateralValue, fixedHaircut } from 'riskcore/haircuts';
import { DEFAULT_MARGIN_PARAMS, accountMargin, capitalEfficiency, marginParams, prepareMargin } from 'riskcore/netting';
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

export function marginSection(accounts: Account[], ids: string[], market: Market, haircuts: Record<string, number>, healthMethod: MarginMethod): MarginSection {
  const ctx = prepareMargin(market, bookMarginParams(market));
  const collateralValuer = haircutValuer(haircuts);
  const totals = METHODS.map((method) => ({ method, im: new Money(0), mm: new Money(0) }));
  const byAccount: MarginSection['byAccount'] = [];
  let gross = new Money(0);
  let idle = new Money(0);
  let equity = new Money(0);
  accounts.forEach((a, i) => {
    METHODS.forEach((method, k) => {
      const r = accountMargin(a, ctx, undefined, { method, collateralValuer });
      totals[k].im = totals[k].im.plus(r.initialMargin);
      totals[k].mm = totals[k].mm.plus(r.maintenanceMargin);
      if (method === healthMethod) {
        byAccount.push({
          account: ids[i],
          equity: r.equity.toString(),
          initialMargin: r.initialMargin.toString(),
          maintenanceMargin: r.maintenanceMargin.toString(),
          marginRatio: r.marginRatio === null ? null : String(r.marginRatio),
          liquidatable: r.liquidatable,
        });
      }
    });
    const ce = capitalEfficiency(a, ctx, undefined, { collateralValuer });
    gross = gross.plus(ce.grossNotional);
    idle = idle.plus(ce.idleCollateral);
    equity = equity.plus(ce.equity);
  });
  const std = totals[0].im;
  const pm = totals[2].im;
  const benefit = std.minus(pm);
  return {
    byMethod: totals.map((t) => ({ method: t.method, initialMargin: t.im.toString(), maintenanceMargin: t.mm.toString() })),
    healthMethod,
    byAccount: byAccount.sort((x, y) => ratio(y.marginRatio) - ratio(x.marginRatio)),
    efficiency: {
      grossNotional: gross.toString(),
      nettingBenefit: benefit.toString(),
      nettingBenefitPct: std.isZero() ? 0 : benefit.div(std).toNumber(),
      idleCollateral: idle.toString(),
      effectiveLeverage: equity.gt(0) ? gross.div(equity).toNumber() : 0,
    },
  };
}
