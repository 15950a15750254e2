/** Net exposures (Greeks) per underlying: the cross pool netted, each isolated pool apart. */
import type { Market, Position } from '../core/model.js';
import { validateMarket } from '../core/model.js';
import { positionGreeksInto } from '../greeks/internal.js';
import type { Account, MarginUnit, ValidAccount } from './account.js';
import { checkAccountMarket, isValidAccount, validateAccount } from './account.js';
import type { MarginContext } from './engine.js';
import { deltaOneUnits, fixEntry, instrumentKey, isMarginContext } from './engine.js';

/** Net exposures of one underlying (quote currency; Greeks per unit move of spot, per the greeks conventions). */
export interface Exposure {
  underlying: string;
  /** Net delta-one units (spot, perps, futures; coins). */
  netQuantity: number;
  delta: number;
  cashDelta: number;
  gamma: number;
  vega: number;
  theta: number;
}

/**
 * Result of {@link netExposures}: the cross pool netted per underlying, and each isolated pool apart; underlyings
 * in order of name, every sum taken in a canonical order of the positions (the figures do not depend on the order
 * the positions are listed in).
 */
export interface NetExposures {
  cross: Exposure[];
  isolated: Array<{ unit: string; exposures: Exposure[] }>;
}

/** Canonical order of positions: underlying, then instrument, then quantity (sums independent of the list order). */
function canonical(positions: readonly Position[]): Position[] {
  const keyed = positions.map((p) => ({ p, u: p.underlying, k: instrumentKey(p) }));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  keyed.sort((a, b) => cmp(a.u, b.u) || cmp(a.k, b.k) || a.p.quantity - b.p.quantity);
  return keyed.map((x) => x.p);
}

function exposuresOf(unit: MarginUnit, m: Market): Exposure[] {
  const out = new Map<string, Exposure>();
  const g = new Float64Array(11);
  for (const p of canonical(unit.positions.map((vp) => fixEntry(vp.position, m)))) {
    let e = out.get(p.underlying);
    if (!e)
      out.set(
        p.underlying,
        (e = { underlying: p.underlying, netQuantity: 0, delta: 0, cashDelta: 0, gamma: 0, vega: 0, theta: 0 }),
      );
    positionGreeksInto(p, m, g);
    e.netQuantity += deltaOneUnits(p, m);
    e.delta += g[1];
    e.gamma += g[2];
    e.vega += g[3];
    e.theta += g[4];
    e.cashDelta += g[9];
  }
  return [...out.values()];
}

/**
 * Net exposures per underlying: net delta-one quantity, delta, cash delta (delta·S), gamma, vega (per 1.00 vol)
 * and theta (per year) across every cross position and sub-account; isolated pools reported apart. `context` is a
 * market or a context from {@link prepareMargin}.
 *
 * @example
 * ```ts
 * import { netExposures } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const acct = { positions: [{ kind: 'perp', underlying: 'BTC', quantity: 2 }], subAccounts: [{ positions: [{ kind: 'spot', underlying: 'BTC', quantity: -0.5 }] }] };
 * console.log(netExposures(acct, market).cross[0].cashDelta); // 90000
 * ```
 */
export function netExposures(account: Account | ValidAccount, context: Market | MarginContext): NetExposures {
  const m = isMarginContext(context) ? context.market : validateMarket(context, 'market');
  const acc = isValidAccount(account) ? account : validateAccount(account, 'account');
  checkAccountMarket(acc, m);
  const cross = acc.units.find((u) => u.mode === 'cross') as MarginUnit;
  return {
    cross: exposuresOf(cross, m),
    isolated: acc.units
      .filter((u) => u.mode === 'isolated')
      .map((u) => ({ unit: u.key, exposures: exposuresOf(u, m) })),
  };
}
