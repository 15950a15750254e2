/**
 * A pool's figures under a margin method: positions netted by instrument and put in canonical order
 * ({@link netBook}: underlyings by name), each underlying margined by the method's own file
 * (`methods/standard.ts`, `methods/cross.ts`, `methods/portfolio.ts`), then combined by the method. Shared by
 * accountMargin, liquidationPrice and capitalEfficiency. Internal.
 */
import type { Position } from '../core/model.js';
import { netBook } from './book.js';
import type { MarginContext } from './engine.js';
import { FloatSum } from './exactSum.js';
import { crossMethod } from './methods/cross.js';
import { portfolioMethod } from './methods/portfolio.js';
import { standardMethod } from './methods/standard.js';
import type { MarginMethod, MarginMethodImpl, UnderlyingFigures } from './methods/types.js';
import { setOwn } from './ownRecord.js';

/** The margin methods by name. */
export const MARGIN_METHODS: Readonly<Record<MarginMethod, MarginMethodImpl>> = Object.freeze({
  standard: standardMethod,
  cross: crossMethod,
  portfolio: portfolioMethod,
});

/** One scenario's P&L in a pool (portfolio method). */
export interface ScenarioResult {
  label: string;
  weight: number;
  /** Unweighted P&L summed across underlyings (profit positive). */
  pnl: number;
  byUnderlying: Record<string, number>;
}

/** Float figures of one pool. */
export interface UnitFigures {
  im: number;
  mm: number;
  /** Σ quantity × unit value, as a float (searches) … */
  positionsValue: number;
  /** … and as money (see {@link FloatSum.decimal}). */
  positionsSum: FloatSum;
  byUnderlying: UnderlyingFigures[];
  byScenario: ScenarioResult[];
  diversification: number;
}

/** The per-scenario P&L table across underlyings (only underlyings whose method kept scenario P&L). */
function scenarioTable(ctx: MarginContext, byUnderlying: readonly UnderlyingFigures[]): ScenarioResult[] {
  const withPnl = byUnderlying.filter((b) => b.scenarioPnl !== null);
  if (withPnl.length === 0) return [];
  return ctx.params.grid.scenarios.map((sc, k) => {
    const bu: Record<string, number> = {};
    const total = new FloatSum();
    for (const b of withPnl) {
      const x = (b.scenarioPnl as Float64Array)[k];
      setOwn(bu, b.underlying, x);
      total.add(x);
    }
    return { label: sc.label, weight: sc.weight, pnl: total.value(), byUnderlying: bu };
  });
}

/** Margin and position value of a list of validated positions (entries fixed) under a method. Internal. */
export function unitFigures(
  ctx: MarginContext,
  positions: readonly Position[],
  method: MarginMethod,
  wantScenarios = false,
): UnitFigures {
  const impl = MARGIN_METHODS[method];
  const books = netBook(ctx, positions);
  // Σ quantity × unit value over every position, in the book's canonical order
  const value = new FloatSum();
  for (const b of books)
    for (const lot of b.lots) for (const p of lot.positions) value.add(p.quantity * lot.entry.base);
  const byUnderlying = books.map((b) => impl.underlying(ctx, b, wantScenarios));
  const { im, mm, diversification } = impl.combine(ctx, byUnderlying);
  return {
    im,
    mm,
    positionsValue: value.value(),
    positionsSum: value,
    byUnderlying,
    byScenario: wantScenarios ? scenarioTable(ctx, byUnderlying) : [],
    diversification,
  };
}
