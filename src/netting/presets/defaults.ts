/**
 * The default margin parameters: BTC tiers from Binance, ETH and other assets from Hyperliquid, Deribit's option
 * formula and BTC portfolio-margin grid. Each part names its source (see the preset files it is built from).
 */
import { deribitBucketGrid } from './deribitBuckets.js';
import type { AssetMarginParams, LinearMarginParams, MarginParams } from '../paramsTypes.js';
import { BTC_LINEAR_TIERS } from './binanceBtcLinear.js';
import { DERIBIT_BTC_PORTFOLIO } from './deribitBtcPortfolio.js';
import { DERIBIT_OPTION_MARGIN } from './deribitOptionMargin.js';
import { DEFAULT_LINEAR_TIERS, ETH_LINEAR_TIERS } from './hyperliquidLinear.js';

const DEFAULT_ASSET = (linear: LinearMarginParams): AssetMarginParams => ({
  linear,
  option: DERIBIT_OPTION_MARGIN,
  portfolio: DERIBIT_BTC_PORTFOLIO,
});

/** Freeze plain data all the way down (the defaults are shared by every caller and trusted without validation). */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Default parameters: BTC tiers from Binance, ETH and other assets from Hyperliquid, Deribit's option formula and
 * BTC portfolio-margin grid (27 scenarios, no extended table), mm_factor 0.8, sum across underlyings.
 */
export const DEFAULT_MARGIN_PARAMS: MarginParams = deepFreeze({
  assets: {
    BTC: DEFAULT_ASSET(BTC_LINEAR_TIERS),
    ETH: DEFAULT_ASSET(ETH_LINEAR_TIERS),
    '*': DEFAULT_ASSET(DEFAULT_LINEAR_TIERS),
  },
  grid: deribitBucketGrid(4),
  mmFactor: 0.8,
  aggregation: { method: 'sum', maxCredit: 0.5 },
  lookAheadYears: 0,
  cashAssets: ['USD', 'USDC', 'USDT'],
  haircuts: {},
});
