/** Greeks by underlying: `portfolioGreeks` (riskcore/greeks) over every position in the book. */
import type { Market, Position } from 'riskcore';
import { portfolioGreeks } from 'riskcore/greeks';
import type { GreeksSection } from '../results.js';

export function greeksSection(positions: Position[], market: Market): GreeksSection {
  const g = portfolioGreeks(positions, market);
  return {
    byUnderlying: Object.entries(g.byUnderlying).map(([underlying, x]) => ({
      underlying,
      delta: x.delta,
      gamma: x.gamma,
      vega: x.vega,
      theta: x.theta,
      rho: x.rho,
      cashDelta: x.cashDelta,
      cashGamma: x.cashGamma,
    })),
  };
}
