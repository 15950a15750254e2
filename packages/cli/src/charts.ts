/**
 * Charts for the HTML report: Vega-Lite specs compiled to Vega and rendered by vega's headless SVG renderer
 * (`renderer: 'none'` + `toSVG()`), so the report is self-contained and works offline. No hand-drawn SVG.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

const CONFIG = {
  font: 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif',
  view: { stroke: '#d0d7de' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eef1f4' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** Render one Vega-Lite spec to an SVG string. */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  const full = { ...spec, config: { ...CONFIG, ...((spec as { config?: object }).config ?? {}) } } as TopLevelSpec;
  const compiled = compile(full).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Histogram of P&L with VaR and ES marked as vertical rules (at −VaR and −ES on the P&L axis). */
export function pnlHistogramSpec(
  bins: { x0: number; x1: number; count: number }[],
  marks: { label: string; pnl: number }[],
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
          x: { field: 'x0', type: 'quantitative', title: 'P&L (USD)', axis: { format: '~s' } },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', title: 'paths' },
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeWidth: 2, strokeDash: [5, 3] },
        encoding: {
          x: { field: 'pnl', type: 'quantitative' },
          color: {
            field: 'label',
            type: 'nominal',
            title: null,
            scale: { range: ['#e45756', '#b279a2', '#f58518', '#54a24b'] },
          },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Heatmap of P&L over a price-move × vol-shift grid. */
export function stressHeatmapSpec(
  cells: { priceMove: string; volShift: string; pnl: number }[],
  priceOrder: string[],
  volOrder: string[],
  title: string,
): TopLevelSpec {
  return {
    title,
    data: { values: cells },
    width: 640,
    height: 24 * volOrder.length,
    encoding: {
      x: { field: 'priceMove', type: 'ordinal', sort: priceOrder, title: 'price move' },
      y: { field: 'volShift', type: 'ordinal', sort: volOrder, title: 'vol shift' },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'pnl',
            type: 'quantitative',
            title: 'P&L (USD)',
            scale: { scheme: 'redyellowgreen', domainMid: 0 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          text: { field: 'pnl', type: 'quantitative', format: '.3~s' },
          // white labels on the saturated ends of the scale, black elsewhere
          color: {
            condition: {
              test: `abs(datum.pnl) > ${0.6 * Math.max(1e-300, ...cells.map((c) => Math.abs(c.pnl)))}`,
              value: 'white',
            },
            value: 'black',
          },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Grouped bars: one group per category, one bar per series (in the given orders, else alphabetical). */
export function groupedBarSpec(
  rows: { group: string; series: string; value: number }[],
  title: string,
  yTitle: string,
  seriesTitle: string,
  order: { groups?: string[]; series?: string[] } = {},
): TopLevelSpec {
  return {
    title,
    data: { values: rows },
    width: { step: 22 },
    height: 240,
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'group',
        type: 'nominal',
        title: null,
        axis: { labelAngle: 0 },
        ...(order.groups ? { sort: order.groups } : {}),
      },
      xOffset: { field: 'series', type: 'nominal', ...(order.series ? { sort: order.series } : {}) },
      y: { field: 'value', type: 'quantitative', title: yTitle, axis: { format: '~s' } },
      color: { field: 'series', type: 'nominal', title: seriesTitle, ...(order.series ? { sort: order.series } : {}) },
    },
  } as TopLevelSpec;
}

/** Small multiples: one bar panel per measure (each with its own y scale), bars per category. */
export function facetBarSpec(
  rows: { measure: string; group: string; value: number }[],
  title: string,
  measures: string[],
): TopLevelSpec {
  return {
    title,
    data: { values: rows },
    facet: {
      column: { field: 'measure', type: 'nominal', title: null, sort: measures, header: { labelFontSize: 12 } },
    },
    spec: {
      width: 150,
      height: 200,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'group', type: 'nominal', title: null, axis: { labelAngle: 0 } },
        y: { field: 'value', type: 'quantitative', title: null, axis: { format: '~s' } },
        color: { condition: { test: 'datum.value < 0', value: '#e45756' }, value: '#4c78a8' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

/** Lines over an index (e.g. normalised price history, cascade rounds). */
export function lineSpec(
  rows: { x: number; series: string; y: number }[],
  title: string,
  xTitle: string,
  yTitle: string,
): TopLevelSpec {
  return {
    title,
    data: { values: rows },
    width: 640,
    height: 240,
    mark: { type: 'line', point: rows.length <= 60 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle },
      y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false }, axis: { format: '~s' } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}
