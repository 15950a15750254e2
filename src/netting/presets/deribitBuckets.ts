/**
 * Deribit's portfolio-margin buckets as data: the grid `deribitGrid` builds from validated options, and the
 * default parameters' grid (built here without the options' validation, which the defaults do not need).
 */
import type { GridScenario, ScenarioGrid } from '../paramsTypes.js';

/**
 * `buckets` evenly spaced moves on each side of zero over the price range (an integer in [1, 50], not checked),
 * each under vol up, unchanged and down: 3·(2·buckets + 1) scenarios. Internal.
 */
export function deribitBucketGrid(buckets: number): ScenarioGrid {
  const scenarios: GridScenario[] = [];
  for (let i = -buckets; i <= buckets; i++) {
    for (const vol of ['up', 'none', 'down'] as const) {
      scenarios.push({
        label: `${i >= 0 ? '+' : ''}${i}/${buckets} range, vol ${vol}`,
        price: i / buckets,
        priceUnit: 'range',
        vol,
        weight: 1,
      });
    }
  }
  return {
    name: `deribit-${2 * buckets + 1}x3`,
    scenarios,
    source:
      'Deribit support "Portfolio Margin" (support.deribit.com/hc/en-us/articles/25944756247837): max price move broken into 9 evenly spaced buckets incl. zero, each under vol up/same/down; extended table e.g. −66%, −33%, +50%, +100%, +200%, +300%, +400%, +500% on vol up only, a fraction of the P&L',
  };
}
