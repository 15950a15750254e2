/**
 * Binance BTCUSDT perpetual margin tiers (delta-one, by position notional in USDT).
 *
 * Source: Binance Futures announcement "Updates to Leverage and Margin Tiers of Binance Futures Contracts (2021-03-18)", BTCUSDT 125x perpetual table (position notional, max leverage, maintenance margin, initial margin), binance.com/en/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6
 */
import type { LinearMarginParams } from '../paramsTypes.js';
import { tiers } from './tierRows.js';

const BINANCE_BTC =
  'Binance Futures announcement "Updates to Leverage and Margin Tiers of Binance Futures Contracts (2021-03-18)", BTCUSDT 125x perpetual table (position notional, max leverage, maintenance margin, initial margin), binance.com/en/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6';

/** BTC delta-one tiers: Binance BTCUSDT (2021-03-18 table). */
export const BTC_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers([
    [50_000, 0.008, 0.004],
    [250_000, 0.01, 0.005],
    [1_000_000, 0.02, 0.01],
    [10_000_000, 0.05, 0.025],
    [20_000_000, 0.1, 0.05],
    [50_000_000, 0.2, 0.1],
    [100_000_000, 0.25, 0.125],
    [200_000_000, 0.333, 0.15],
    [300_000_000, 0.5, 0.25],
    [null, 1, 0.5],
  ]),
  source: BINANCE_BTC,
};
