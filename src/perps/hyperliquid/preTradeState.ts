/**
 * State of an account kept for repeated pre-trade checks: its margin figures and running sums, the figures of each
 * position object, and the decimal text of each position. Kept once per prepared (frozen) account and market; any
 * other account gets it afresh. Every kept value is the one the unprepared check computes, so results are identical.
 */
import { Money } from '../../core/money.js';
import { accountMarginOnce, type MarginSums } from './margin.js';
import type { Account, AssetMarket, Position } from './parse.js';
import type { HyperliquidAccountMarginResult, HyperliquidPositionMargin } from './types.js';

const ZERO = new Money(0);

/** Decimal text of a position's figures (what the account-after result prints for it). */
export interface PositionText {
  readonly size: string;
  readonly entryPrice: string;
  readonly isolatedMargin: string;
}

/** What a pre-trade check needs of the account before the order. */
export interface CheckState {
  readonly margin: HyperliquidAccountMarginResult;
  /** prefixes[k]: the margin sums over the first k positions. */
  readonly prefixes: readonly MarginSums[];
  /** Figures of each position object of the account. */
  readonly known: ReadonlyMap<Position, HyperliquidPositionMargin>;
  /** Index of each asset's position. */
  readonly index: ReadonlyMap<string, number>;
  /** Text of each position object (kept accounts only). */
  readonly text: ReadonlyMap<Position, PositionText> | undefined;
  /** totals[k]: zero plus the initial margins of the first k positions, in order (filled on demand). */
  readonly totals: Money[];
}

const kept = new WeakMap<Account, { market: Map<string, AssetMarket>; state: CheckState }>();

function build(account: Account, market: Map<string, AssetMarket>, keep: boolean): CheckState {
  const { margin, prefixes } = accountMarginOnce(account, market);
  const known = new Map(account.positions.map((p, i) => [p, margin.positions[i]]));
  const index = new Map(account.positions.map((p, i) => [p.asset, i]));
  const text = keep
    ? new Map(
        account.positions.map((p) => [
          p,
          { size: p.size.toString(), entryPrice: p.entryPrice.toString(), isolatedMargin: p.isolatedMargin.toString() },
        ]),
      )
    : undefined;
  return { margin, prefixes, known, index, text, totals: [] };
}

/** Kernel: the check state of a validated account in a market (kept for a prepared account). */
export function checkState(account: Account, market: Map<string, AssetMarket>): CheckState {
  if (!Object.isFrozen(account)) return build(account, market, false);
  const hit = kept.get(account);
  if (hit !== undefined && hit.market === market) return hit.state;
  const state = build(account, market, true);
  kept.set(account, { market, state });
  return state;
}

/**
 * Kernel: zero plus the initial margins of the first k positions, in order. While those positions are all cross it
 * is their cross initial margin sum (the same terms added in the same order).
 */
export function initialMarginPrefix(state: CheckState, k: number): Money {
  const ps = state.margin.positions;
  let cross = true;
  for (let i = 0; i < k && cross; i++) cross = ps[i].marginMode === 'cross';
  if (cross) return state.prefixes[k].crossInitialMargin;
  const totals = state.totals;
  if (totals.length === 0) totals.push(ZERO);
  for (let i = totals.length - 1; i < k; i++) totals.push(totals[i].plus(ps[i].initialMargin));
  return totals[k];
}
