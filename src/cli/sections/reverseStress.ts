/**
 * Reverse stress: for every account and underlying it holds, the price at which the cross pool's equity falls to
 * its maintenance margin with every other price fixed — riskcore/netting `liquidationPrice` (full revaluation,
 * Brent's method), collateral after the book's haircuts.
 */
import type { Market } from '../../core/model.js';
import { liquidationPrice, prepareMargin } from '../../netting/index.js';
import type { Account, MarginMethod } from '../../netting/index.js';
import type { ReverseStressSection } from '../results.js';
import { haircutValuer } from './margin.js';

export function reverseStressSection(accounts: Account[], ids: string[], market: Market, haircuts: Record<string, number>, method: MarginMethod): ReverseStressSection {
  const ctx = prepareMargin(market);
  const collateralValuer = haircutValuer(haircuts);
  const rows: ReverseStressSection['rows'] = [];
  accounts.forEach((a, i) => {
    const crossUnderlyings = new Set<string>();
    for (const p of a.positions ?? []) if (p.marginMode !== 'isolated') crossUnderlyings.add(p.underlying);
    for (const s of a.subAccounts ?? []) if (s.marginMode !== 'isolated') for (const p of s.positions ?? []) crossUnderlyings.add(p.underlying);
    for (const u of crossUnderlyings) {
      const r = liquidationPrice(a, ctx, u, undefined, { method, collateralValuer });
      rows.push({ account: ids[i], underlying: u, status: r.status, price: r.price, below: r.below, distanceBelow: r.distanceBelow, above: r.above, distanceAbove: r.distanceAbove });
    }
  });
  return { method, rows };
}
