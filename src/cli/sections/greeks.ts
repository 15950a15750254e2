/** Greeks by underlying: sums of `positionGreeks` (riskcore/greeks) over every position in the book. */
import type { Market, Position } from '../../core/model.js';
import { positionGreeks } from '../../greeks/index.js';
import type { GreeksRow, GreeksSection } from '../results.js';

export function greeksSection(positions: Position[], market: Market): GreeksSection {
  const by = new Map<string, GreeksRow>();
  for (const p of positions) {
    const g = positionGreeks(p, market);
    let row = by.get(p.underlying);
    if (!row) {
      row = { underlying: p.underlying, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, cashDelta: 0, cashGamma: 0 };
      by.set(p.underlying, row);
    }
    row.delta += g.delta;
    row.gamma += g.gamma;
    row.vega += g.vega;
    row.theta += g.theta;
    row.rho += g.rho;
    row.cashDelta += g.cashDelta;
    row.cashGamma += g.cashGamma;
  }
  return { byUnderlying: [...by.values()].sort((a, b) => a.underlying.localeCompare(b.underlying)) };
}
