/**
 * Reverse stress, two ways, collateral after the book's haircuts:
 * - per account and underlying, the price at which the cross pool's equity falls to its maintenance margin with
 *   every other price fixed — riskcore/netting `liquidationPrice` (full revaluation, Brent's method);
 * - per account, the smallest fall of all its underlyings together that liquidates it / makes it insolvent —
 *   riskcore/stress `reverseStressTest` (direction −1 on every underlying, bracketing + Brent).
 * Both cost a root search per account (hundreds of full margin evaluations), so they run on the
 * {@link REVERSE_STRESS_ACCOUNTS} accounts closest to liquidation (highest margin ratio under the health method),
 * and the section states how many of how many it covers. One prepared margin context serves every account.
 */
import type { Market } from 'riskcore';
import { liquidationPrice, prepareMargin } from 'riskcore/netting';
import type { Account, MarginMethod } from 'riskcore/netting';
import { reverseStressTest } from 'riskcore/stress';
import type { ReverseStressSection } from '../results.js';
import { bookMarginParams, haircutValuer } from './margin.js';

/** Accounts the reverse stress analyses: the most stretched (highest margin ratio) first. */
export const REVERSE_STRESS_ACCOUNTS = 20;

/**
 * @param order - account indices, most stretched first (the margin section's order); the first
 *   {@link REVERSE_STRESS_ACCOUNTS} are analysed. Default: the book order.
 */
export function reverseStressSection(
  allAccounts: Account[],
  allIds: string[],
  market: Market,
  haircuts: Record<string, number>,
  method: MarginMethod,
  order?: number[],
): ReverseStressSection {
  const chosen = (order ?? allAccounts.map((_, i) => i)).slice(0, REVERSE_STRESS_ACCOUNTS);
  const accounts = chosen.map((i) => allAccounts[i]);
  const ids = chosen.map((i) => allIds[i]);
  const params = bookMarginParams(market);
  const ctx = prepareMargin(market, params);
  const collateralValuer = haircutValuer(haircuts);
  const rows: ReverseStressSection['rows'] = [];
  accounts.forEach((a, i) => {
    const crossUnderlyings = new Set<string>();
    for (const p of a.positions ?? []) if (p.marginMode !== 'isolated') crossUnderlyings.add(p.underlying);
    for (const s of a.subAccounts ?? [])
      if (s.marginMode !== 'isolated') for (const p of s.positions ?? []) crossUnderlyings.add(p.underlying);
    for (const u of crossUnderlyings) {
      const r = liquidationPrice(a, ctx, u, undefined, { method, collateralValuer });
      rows.push({
        account: ids[i],
        underlying: u,
        status: r.status,
        price: r.price,
        below: r.below,
        distanceBelow: r.distanceBelow,
        above: r.above,
        distanceAbove: r.distanceAbove,
      });
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
      const r = reverseStressTest(a, market, {
        direction,
        target,
        marginParams: params,
        margin: { method, collateralValuer },
      });
      combined.push({
        account: ids[i],
        target,
        shock: r.found ? r.shock : null,
        brokenAtBase: r.brokenAtBase,
        note: r.brokenAtBase
          ? 'already broken'
          : r.found
            ? `${[...us].join(', ')} all down`
            : (r.reason ?? `not broken by a fall of up to ${(r.maxShock * 100).toFixed(0)}%`),
      });
    }
  });
  return {
    method,
    scope: { analysed: accounts.length, of: allAccounts.length, limit: REVERSE_STRESS_ACCOUNTS },
    rows,
    combined,
  };
}
