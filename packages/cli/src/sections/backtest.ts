/**
 * Backtest of the VaR methods on the book's price history: today's book revalued under each historical move gives
 * a P&L series; riskcore/var `rollingBacktest` forecasts each day's VaR from the trailing window (historical,
 * normal, EWMA) and counts the days whose loss exceeded it, with Kupiec's unconditional-coverage test,
 * Christoffersen's independence test and the Basel traffic light.
 */
import { rollingBacktest } from 'riskcore/var';
import type { VaRModel } from 'riskcore/var';
import type { BacktestSection, Section } from '../results.js';

/** Trailing window of the rolling backtest (Basel's one year of trading days). */
export const BACKTEST_WINDOW = 250;

const MODELS: { model: VaRModel & string; label: string }[] = [
  { model: 'historical', label: 'historical (order statistic of the window)' },
  { model: 'normal', label: 'normal (window mean and stdev)' },
  { model: 'ewma', label: 'EWMA normal (RiskMetrics λ = 0.94)' },
];

export function backtestSection(pnl: Float64Array, confidence: number): Section<BacktestSection> {
  const window = BACKTEST_WINDOW;
  const need = Math.max(window, Math.ceil(1 / (1 - confidence))) + 2;
  if (pnl.length < need)
    return {
      available: false,
      reason: `${pnl.length} historical P&L days; the ${window}-day rolling backtest needs at least ${need}`,
    };
  const rows = MODELS.map(({ model, label }) => {
    const r = rollingBacktest(pnl, model, { window, confidence });
    return {
      model: label,
      observations: r.observations,
      expected: r.kupiec.expected,
      exceedances: r.exceedances,
      kupiecPValue: r.kupiec.pValue,
      independencePValue: r.christoffersen.independencePValue,
      trafficLight: r.trafficLight.zone,
    };
  });
  return { available: true, window, confidence, rows };
}
