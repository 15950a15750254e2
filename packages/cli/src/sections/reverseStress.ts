/**
 * Reverse stress, two ways, collateral after the book's haircuts:
 * - per account and underlying, the price at which the cross pool's equity falls to its maintenance margin with
 *   every other price fixed — riskcore/netting `liquidationPrice` (full revaluation, Brent's method);
 * - per account, the smallest fall of all its underlyings together that liquidates it / makes it insolvent —
 *   riskcore/stress `reverseStressTest` (direction −1 on every underlying, bracketing + Brent).
 */
import type { Market } from 'riskcore';
import { liquidationPrice, prepareMargin } from 'riskcore/netting';
import type { Account, MarginMethod } from 'riskcore/netting';
import { reverseStressTest } from 'riskcore/stress';
import type { ReverseStressSection } from '../results.js';
import { bookMarginParams, haircutValuer } from './margin.js';

export function reverseStressSection(accounts: Account[], ids: string[], market: Market, haircuts: Record<string, number>, method: MarginMethod): ReverseStressSection {
  const params = bookMarginParams(market);
  const ctx = prepareMargin(market, params);
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
  const combined: ReverseStressSection['combined'] = [];
  accounts.forEach((a, i) => {
    const us = new Set<string>();
    for (const p of a.positions ?? []) us.add(p.underlying);
    for (const s of a.subAccounts ?? []) for (const p of s.positions ?? []) us.add(p.underlying);
    if (us.size === 0) return;
    const direction: Record<string, number> = {};
    for (const u of us) direction[u] = -1;
    for (const target of ['liquidation', 'insolvency'] as const) {
      const r = reverseStressTest(a, market, { direction, target, marginParams: params, margin: { method, collateralValuer } });
      combined.push({
        account: ids[i],
        target,
        shock: r.found ? r.shock : null,
        brokenAtBase: r.brokenAtBase,
        note: r.brokenAtBase ? 'already broken' : r.found ? `${[...us].join(', ')} all down` : (r.reason ?? `not broken by a fall of up to ${(r.maxShock * 100).toFixed(0)}%`),
      });
    }
  });
  return { method, rows, combined };
}
