/**
 * Hyperliquid mainnet margin tiers: ETH (25×/15×) and the 10×/5× table of other assets.
 *
 * Source: Hyperliquid Docs, Trading › Margin tiers (hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): mainnet tiers; maintenance rate = half the initial rate at max leverage; maintenance deduction makes margin continuous in size
 *
 * The tables themselves are held once, in riskcore/perps (`HYPERLIQUID_MARGIN_TABLES`); this file reads them as
 * rows `[upTo, initialRate, maintenanceRate]`: initial rate 1 / max leverage, maintenance rate half of it.
 */
import { HYPERLIQUID_MARGIN_TABLES, type HyperliquidMarginTable } from '../../perps/index.js';
import type { LinearMarginParams } from '../paramsTypes.js';
import { tiers } from './tierRows.js';

const HYPERLIQUID =
  'Hyperliquid Docs, Trading › Margin tiers (hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): mainnet tiers; maintenance rate = half the initial rate at max leverage; maintenance deduction makes margin continuous in size';

/** Rows of a perps margin table: each tier up to the next tier's lower bound, the last unbounded. */
const rows = (table: HyperliquidMarginTable): Array<[number | null, number, number]> =>
  table.tiers.map((t, i) => {
    const next = table.tiers[i + 1];
    return [next === undefined ? null : Number(next.lowerBound), 1 / t.maxLeverage, 1 / (2 * t.maxLeverage)];
  });

/** ETH delta-one tiers: Hyperliquid mainnet ETH (25× to 100M, 15× above; maintenance = half the initial rate). */
export const ETH_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers(rows(HYPERLIQUID_MARGIN_TABLES.ETH)),
  source: HYPERLIQUID,
};

/** Other assets: Hyperliquid's 10×/5× table (10× to 20M, 5× above). */
export const DEFAULT_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers(rows(HYPERLIQUID_MARGIN_TABLES.TIER_10X_20M)),
  source: HYPERLIQUID,
};
