/**
 * What a pre-trade check reads of an account: per position its unrealised pnl, initial margin, isolated value and
 * tier max leverage, and the running cross sums. Each figure is computed by the same operations, in the same order,
 * as the account margin (margin.ts), so it is the same `Money`; the maintenance side, which a check does not read,
 * is left out.
 */
import { Money } from '../../core/money.js';
import { type Account, type AssetMarket, assetOf, type Position } from './parse.js';
import { tierIndex } from './tiers.js';

const ZERO = new Money(0);

/** Figures of one position a pre-trade check reads (a subset of HyperliquidPositionMargin). */
export interface CheckFigures {
  readonly marginMode: 'cross' | 'isolated';
  readonly unrealizedPnl: Money;
  /** notional / min(leverage, tier max leverage). */
  readonly initialMargin: Money;
  readonly maxLeverage: number;
  /** Isolated: isolated margin + unrealised pnl; cross: null. */
  readonly isolatedValue: Money | null;
}

/** Cross sums over the first positions of an account (a subset of MarginSums). */
export interface CrossSums {
  readonly crossUnrealizedPnl: Money;
  readonly crossInitialMargin: Money;
}

/** Kernel: the check figures of one validated position at its asset's mark (as positionMargin computes them). */
export function checkFigures(p: Position, a: AssetMarket): CheckFigures {
  const notional = p.size.abs().times(a.markPrice);
  const maxLeverage = a.tiers[tierIndex(notional, a.tiers)].maxLeverage;
  const unrealizedPnl = p.size.times(a.markPrice.minus(p.entryPrice));
  return {
    marginMode: p.marginMode,
    unrealizedPnl,
    initialMargin: notional.div(Math.min(p.leverage, maxLeverage)),
    maxLeverage,
    isolatedValue: p.marginMode === 'isolated' ? p.isolatedMargin.plus(unrealizedPnl) : null,
  };
}

/**
 * Kernel: the check figures of every position of a validated account, the cross sums over its first k positions
 * (`prefixes[k]`, summed in order as accountMarginSums does) and its cross account value − cross initial margin.
 */
export function checkSums(
  account: Account,
  market: Map<string, AssetMarket>,
): { figures: CheckFigures[]; prefixes: CrossSums[]; available: Money } {
  const figures = account.positions.map((p) => checkFigures(p, assetOf(market, p.asset)));
  let sums: CrossSums = { crossUnrealizedPnl: ZERO, crossInitialMargin: ZERO };
  const prefixes = [sums];
  for (const m of figures) {
    if (m.isolatedValue === null)
      sums = {
        crossUnrealizedPnl: sums.crossUnrealizedPnl.plus(m.unrealizedPnl),
        crossInitialMargin: sums.crossInitialMargin.plus(m.initialMargin),
      };
    prefixes.push(sums);
  }
  const available = account.balance.plus(sums.crossUnrealizedPnl).minus(sums.crossInitialMargin);
  return { figures, prefixes, available };
}
