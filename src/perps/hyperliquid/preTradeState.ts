/**
 * State of an account kept for repeated pre-trade checks: its margin figures and running sums, the figures of each
 * position object, and the decimal text of each position. Kept once per prepared (frozen) account and market; any
 * other account gets it afresh. Every kept value is the one the unprepared check computes, so results are identical.
 */
import { Money } from '../../core/money.js';
import { type CheckFigures, type CrossSums, checkFigures, checkSums } from './checkFigures.js';
import { accountMarginOnce } from './margin.js';
import { type Account, type AssetMarket, assetOf, type Position } from './parse.js';
import { replacedSum, type ScaledSeries, scaledSeries } from './scaledSum.js';

const ZERO = new Money(0);
/** Positions after the filled one up to which the running sums are resumed rather than the series used. */
const SHORT_TAIL = 4;

/** Decimal text of a position's figures (what the account-after result prints for it). */
export interface PositionText {
  readonly size: string;
  readonly entryPrice: string;
  readonly isolatedMargin: string;
}

/** What a pre-trade check needs of the account before the order. */
export interface CheckState {
  /** Figures of each position, in the account's order. */
  readonly figures: readonly CheckFigures[];
  /** prefixes[k]: the cross sums over the first k positions. */
  readonly prefixes: readonly CrossSums[];
  /** Figures of each position object of the account. */
  readonly known: ReadonlyMap<Position, CheckFigures>;
  /** Index of each asset's position. */
  readonly index: ReadonlyMap<string, number>;
  /** Text of each position object (kept accounts only). */
  readonly text: ReadonlyMap<Position, PositionText> | undefined;
  /** totals[k]: zero plus the initial margins of the first k positions, in order (filled on demand). */
  readonly totals: Money[];
  /** Kept accounts: cross unrealised pnl, cross initial margin and all initial margins as scaled series. */
  readonly series: { pnl: ScaledSeries; im: ScaledSeries; all: ScaledSeries } | undefined;
  /** Number of isolated positions. */
  readonly isolated: number;
  /** Cross account value − cross initial margin. */
  readonly available: Money;
}

/** The sums a pre-trade check reports of the account after the fill. */
export interface AfterSums {
  readonly crossPnl: Money;
  readonly crossIm: Money;
  /** Initial margin of all positions (the cross sum when none is isolated). */
  readonly total: Money;
}

const kept = new WeakMap<Account, { market: Map<string, AssetMarket>; state: CheckState }>();

/**
 * A kept (prepared) account shares the full margin computed once for it (its figures and sums are those the check
 * reads); any other account gets only what the check reads.
 */
function build(account: Account, market: Map<string, AssetMarket>, keep: boolean): CheckState {
  const { figures, prefixes, available } = keep ? keptSums(account, market) : checkSums(account, market);
  const known = new Map(account.positions.map((p, i) => [p, figures[i]]));
  const index = new Map(account.positions.map((p, i) => [p.asset, i]));
  const text = keep
    ? new Map(
        account.positions.map((p) => [
          p,
          { size: p.size.toString(), entryPrice: p.entryPrice.toString(), isolatedMargin: p.isolatedMargin.toString() },
        ]),
      )
    : undefined;
  const ps = figures;
  const series = keep
    ? {
        pnl: scaledSeries(ps.map((m) => (m.isolatedValue === null ? m.unrealizedPnl : null))),
        im: scaledSeries(ps.map((m) => (m.isolatedValue === null ? m.initialMargin : null))),
        all: scaledSeries(ps.map((m) => m.initialMargin)),
      }
    : undefined;
  const isolated = ps.filter((m) => m.isolatedValue !== null).length;
  return { figures, prefixes, known, index, text, totals: [], series, isolated, available };
}

/** The check's figures and sums read off the margin kept for a prepared account. */
function keptSums(
  account: Account,
  market: Map<string, AssetMarket>,
): { figures: readonly CheckFigures[]; prefixes: readonly CrossSums[]; available: Money } {
  const { margin, prefixes } = accountMarginOnce(account, market);
  return { figures: margin.positions, prefixes, available: margin.crossAccountValue.minus(margin.crossInitialMargin) };
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
  const ps = state.figures;
  let cross = true;
  for (let i = 0; i < k && cross; i++) cross = ps[i].marginMode === 'cross';
  if (cross) return state.prefixes[k].crossInitialMargin;
  const totals = state.totals;
  if (totals.length === 0) totals.push(ZERO);
  for (let i = totals.length - 1; i < k; i++) totals.push(totals[i].plus(ps[i].initialMargin));
  return totals[k];
}

/**
 * Kernel: the after-fill sums by replacing the filled position's terms in the kept exact series (`at`: its index
 * before, `filled`: its figures after, if it remains), or undefined where the series cannot prove them exact.
 */
function replacedSums(
  state: CheckState,
  at: number | undefined,
  filled: CheckFigures | undefined,
): AfterSums | undefined {
  const series = state.series;
  if (series === undefined) return undefined;
  const cross = filled !== undefined && filled.isolatedValue === null;
  const crossPnl = replacedSum(series.pnl, at, cross ? filled.unrealizedPnl : null);
  const crossIm = replacedSum(series.im, at, cross ? filled.initialMargin : null);
  if (crossPnl === undefined || crossIm === undefined) return undefined;
  const wasIsolated = at !== undefined && state.figures[at].isolatedValue !== null;
  const isolated = state.isolated - (wasIsolated ? 1 : 0) + (filled !== undefined && !cross ? 1 : 0);
  if (isolated === 0) return { crossPnl, crossIm, total: crossIm };
  const total = replacedSum(series.all, at, filled?.initialMargin ?? null);
  return total === undefined ? undefined : { crossPnl, crossIm, total };
}

/**
 * Kernel: the after-fill sums of `after` (the account once an order for `asset` filled; its positions before `start` are the account's
 * own, and the filled position, if it remains, is at `start` with figures `filled`): from the kept exact series when
 * they prove the result, else resumed from the running sums over the same terms in the same order.
 */
export function afterSums(
  state: CheckState,
  after: Account,
  market: Map<string, AssetMarket>,
  asset: string,
  start: number,
  filled: CheckFigures | undefined,
): AfterSums {
  // replacing a term costs about what adding a few positions' terms does: the series serve longer tails
  const fast =
    after.positions.length - start > SHORT_TAIL ? replacedSums(state, state.index.get(asset), filled) : undefined;
  if (fast !== undefined) return fast;
  let crossPnl = state.prefixes[start].crossUnrealizedPnl;
  let crossIm = state.prefixes[start].crossInitialMargin;
  let isolated = false;
  const tail: CheckFigures[] = [];
  for (let k = start; k < after.positions.length; k++) {
    const p = after.positions[k];
    const m =
      k === start && filled !== undefined ? filled : (state.known.get(p) ?? checkFigures(p, assetOf(market, p.asset)));
    tail.push(m);
    if (m.isolatedValue === null) {
      crossPnl = crossPnl.plus(m.unrealizedPnl);
      crossIm = crossIm.plus(m.initialMargin);
    } else isolated = true;
  }
  // with no isolated position the total is the cross sum, taken over the same terms in the same order
  if (!isolated && !state.figures.slice(0, start).some((m) => m.isolatedValue !== null))
    return { crossPnl, crossIm, total: crossIm };
  return {
    crossPnl,
    crossIm,
    total: tail.reduce((t, m) => t.plus(m.initialMargin), initialMarginPrefix(state, start)),
  };
}
