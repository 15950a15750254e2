/**
 * Charts of the `riskcore simulate` report (Vega-Lite, rendered to inline SVG by ../charts.ts): the histogram of
 * bad debt with VaR and ES marked, and the capital-efficiency frontier.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Equal-width bins of the positive values of `x` (at most `n`); zeros are left out (the caption counts them). */
export function positiveBins(x: readonly number[], n = 40): { x0: number; x1: number; count: number }[] {
  const pos = x.filter((v) => v > 0);
  if (pos.length === 0) return [];
  const hi = pos.reduce((m, v) => (v > m ? v : m), 0);
  const width = hi / n;
  const bins = Array.from({ length: n }, (_, i) => ({ x0: i * width, x1: (i + 1) * width, count: 0 }));
  for (const v of pos) bins[Math.min(n - 1, Math.floor(v / width))].count++;
  return bins;
}

/** Histogram of bad debt per path (quote), VaR and ES as dashed rules. */
export function badDebtHistogramSpec(
  bins: { x0: number; x1: number; count: number }[],
  marks: { label: string; value: number }[],
  q: string,
  title: string,
): TopLevelSpec {
  return {
    title,
    width: 640,
    height: 260,
    layer: [
      {
        data: { values: bins },
        mark: { type: 'rect', color: '#4c78a8' },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: `bad debt (${q})`, axis: { format: '~s' } },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', title: 'paths' },
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeWidth: 2, strokeDash: [5, 3] },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          color: {
            field: 'label',
            type: 'nominal',
            title: null,
            sort: marks.map((m) => m.label),
            scale: { range: ['#f58518', '#e45756', '#b279a2', '#54a24b'] },
          },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * A frontier: ES of bad debt (y) against collateral locked or a parameter (x), one point per cap or value, coloured
 * by whether it is within the budget, the budget as a dashed horizontal rule (no colour and no rule without one).
 */
export function frontierSpec(
  points: { x: number; es: number; within: string }[],
  budget: number | null,
  axes: { x: string; y: string; xFormat?: string },
  title: string,
): TopLevelSpec {
  const color =
    budget === null
      ? { value: '#4c78a8' }
      : {
          field: 'within',
          type: 'nominal',
          title: 'within budget',
          sort: ['yes', 'no'],
          scale: { domain: ['yes', 'no'], range: ['#54a24b', '#e45756'] },
        };
  return {
    title,
    width: 640,
    height: 260,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', color: '#4c78a8' },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            title: axes.x,
            axis: { format: axes.xFormat ?? '~s' },
            scale: { zero: false },
          },
          y: { field: 'es', type: 'quantitative', title: axes.y, axis: { format: '~s' } },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'es', type: 'quantitative' }, color },
      },
      ...(budget === null
        ? []
        : [
            {
              data: { values: [{ budget }] },
              mark: { type: 'rule', strokeDash: [5, 3], color: '#656d76' },
              encoding: { y: { field: 'budget', type: 'quantitative' } },
            },
          ]),
    ],
  } as TopLevelSpec;
}
