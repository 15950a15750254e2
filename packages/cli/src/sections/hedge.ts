/**
 * The hedge that neutralises the book's delta per underlying: riskcore/stress `hedge` with the book's
 * `parameters.hedgeInstruments` (default: one linear perp per underlying), and `hedgeEffect` on the stress grid
 * (worst scenario P&L of the positions before and after adding the trades).
 */
import type { Market, Position } from 'riskcore';
import { hedge, hedgeEffect, priceVolGrid } from 'riskcore/stress';
import type { HedgeSection } from '../results.js';

function describe(p: Position): string {
  switch (p.kind) {
    case 'option':
      return `${p.underlying} ${p.type} ${p.strike} ${(p.expiry * 365).toFixed(0)}d${p.settlement === 'inverse' ? ' inverse' : ''}`;
    case 'future':
      return `${p.underlying} future ${(p.expiry * 365).toFixed(0)}d${p.settlement === 'inverse' ? ' inverse' : ''}`;
    default:
      return `${p.underlying} ${p.kind}${p.kind === 'perp' && p.settlement === 'inverse' ? ' inverse (USD face)' : ''}`;
  }
}

export function hedgeSection(
  positions: Position[],
  market: Market,
  instruments: Position[] | undefined,
  grid: { priceMoves: number[]; volShifts: number[]; assets: string[] },
): HedgeSection {
  const underlyings = [...new Set(positions.map((p) => p.underlying))];
  const ins: Position[] = instruments ?? underlyings.map((u) => ({ kind: 'perp', underlying: u, quantity: 1 }));
  const h = hedge(positions, market, ins, { target: ['delta'] });
  const scenarios = grid.assets.length
    ? priceVolGrid({ assets: grid.assets, priceMoves: grid.priceMoves, volShifts: grid.volShifts })
    : [];
  const effect = scenarios.length ? hedgeEffect(positions, h.hedgePositions, market, scenarios) : null;
  return {
    target: ['delta'],
    method: h.method,
    neutral: h.neutral,
    trades: h.trades.map((t) => ({ instrument: describe(t.instrument), quantity: t.quantity })),
    byUnderlying: Object.keys(h.before).map((u) => ({
      underlying: u,
      deltaBefore: h.before[u].delta ?? 0,
      deltaAfter: h.after[u]?.delta ?? 0,
    })),
    stress: effect
      ? {
          worstBefore: effect.before.worstPnl,
          worstScenarioBefore: effect.before.worstScenario,
          worstAfter: effect.after.worstPnl,
          worstScenarioAfter: effect.after.worstScenario,
        }
      : null,
  };
}
