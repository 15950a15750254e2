/**
 * Hyperliquid mainnet margin tiers: ETH (25×/15×) and the 10×/5× table of other assets.
 *
 * Source: Hyperliquid Docs, Trading › Margin tiers (hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): mainnet tiers; maintenance rate = half the initial rate at max leverage; maintenance deduction makes margin continuous in size
 */
import type { LinearMarginParams } from '../paramsTypes.js';
import { tiers } from './tierRows.js';

const HYPERLIQUID =
  'Hyperliquid Docs, Trading › Margin tiers (hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): mainnet tiers; maintenance rate = half the initial rate at max leverage; maintenance deduction makes margin continuous in size';

/** ETH delta-one tiers: Hyperliquid mainnet ETH (25× to 100M, 15× above; maintenance = half the initial rate). */
export const ETH_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers([
    [100_000_000, 1 / 25, 1 / 50],
    [null, 1 / 15, 1 / 30],
  ]),
  source: HYPERLIQUID,
};

/** Other assets: Hyperliquid's 10×/5× table (10× to 20M, 5× above). */
export const DEFAULT_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers([
    [20_000_000, 0.1, 0.05],
    [null, 0.2, 0.1],
  ]),
  source: HYPERLIQUID,
};
