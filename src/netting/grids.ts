/**
 * Portfolio-margin scenario grids as data: Deribit's evenly spaced buckets (with the optional extended table) and
 * CME SPAN's 16 scenarios. Each grid carries the public source it follows in its `source` field.
 */
import { checkArray, checkNumber, checkStrictObject, knownKeys } from '../core/validate.js';
import type { GridScenario, ScenarioGrid } from './paramsTypes.js';
import { deribitBucketGrid } from './presets/deribitBuckets.js';

const DERIBIT_OPTS = knownKeys('buckets', 'extended');
const EXTENDED_KEYS = knownKeys('moves', 'weight');
const SPAN_OPTS = knownKeys('extremeMultiple', 'extremeCover');

/**
 * Deribit-style grid: `buckets` evenly spaced moves on each side of zero over the price range (9 points for 4),
 * each under vol up, unchanged and down; optionally Deribit's extended table (large moves under vol up only, a
 * fraction `weight` of the loss counted).
 *
 * @example
 * ```ts
 * import { deribitGrid } from 'riskcore/netting';
 * console.log(deribitGrid().scenarios.length); // 27
 * ```
 */
export function deribitGrid(
  opts: { buckets?: number; extended?: { moves: number[]; weight: number } | false } = {},
): ScenarioGrid {
  checkStrictObject(opts, 'opts', DERIBIT_OPTS);
  const buckets = checkNumber(opts.buckets ?? 4, 'buckets', { ge: 1, le: 50, integer: true });
  const grid = deribitBucketGrid(buckets);
  if (opts.extended === undefined || opts.extended === false) return grid;
  const ext = checkStrictObject(opts.extended, 'extended', EXTENDED_KEYS);
  const w = checkNumber(ext.weight, 'extended.weight', { ge: 0, le: 1 });
  checkArray(ext.moves, 'extended.moves').forEach((raw, i) => {
    const m = checkNumber(raw, `extended.moves[${i}]`, { gt: -1, le: 1e6 });
    grid.scenarios.push({
      label: `extended ${m > 0 ? '+' : ''}${Math.round(m * 100)}%, vol up`,
      price: m,
      priceUnit: 'fraction',
      vol: 'up',
      weight: w,
    });
  });
  return { ...grid, name: `${grid.name}+extended` };
}

/**
 * CME SPAN's 16 scenarios: price unchanged, ±1/3, ±2/3, ±3/3 of the price scan range, each with vol up and down
 * (14), plus two extreme moves of `extremeMultiple` × the range with vol unchanged, `extremeCover` of the loss
 * counted. CME's current definition is 3× covered at 35%; the classic/NSE table and McMillan's worked example use
 * 2× at 35%.
 *
 * @example
 * ```ts
 * import { spanGrid } from 'riskcore/netting';
 * const g = spanGrid();
 * console.log(g.scenarios.length); // 16
 * console.log(g.scenarios[14].price); // 3
 * ```
 */
export function spanGrid(opts: { extremeMultiple?: number; extremeCover?: number } = {}): ScenarioGrid {
  checkStrictObject(opts, 'opts', SPAN_OPTS);
  const xm = checkNumber(opts.extremeMultiple ?? 3, 'extremeMultiple', { gt: 0 });
  const xc = checkNumber(opts.extremeCover ?? 0.35, 'extremeCover', { ge: 0, le: 1 });
  const scenarios: GridScenario[] = [];
  const step = (k: number, s: string) => {
    for (const vol of ['up', 'down'] as const)
      scenarios.push({ label: `${s}, vol ${vol}`, price: k, priceUnit: 'range', vol, weight: 1 });
  };
  step(0, 'price unchanged');
  for (const k of [1, 2, 3]) {
    step(k / 3, `price up ${k}/3 range`);
    step(-k / 3, `price down ${k}/3 range`);
  }
  scenarios.push({
    label: `price up extreme (${xm}× range), vol unchanged`,
    price: xm,
    priceUnit: 'range',
    vol: 'none',
    weight: xc,
  });
  scenarios.push({
    label: `price down extreme (${xm}× range), vol unchanged`,
    price: -xm,
    priceUnit: 'range',
    vol: 'none',
    weight: xc,
  });
  return {
    name: `span-16 (extreme ${xm}× at ${Math.round(xc * 100)}%)`,
    scenarios,
    source:
      'CME Group pubspan wiki "Risk Arrays" (scenarios 1–16: price unchanged, ±1/3, ±2/3, ±3/3 of the price scan range with volatility up/down; 15–16 extreme moves, 35% of the loss); the 2×-range variant is the table in LPU DCOM510 Financial Derivatives Table 12.1 (NSE SPAN) and McMillan, Options as a Strategic Investment, ch. 34',
  };
}
