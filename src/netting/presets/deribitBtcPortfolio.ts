/**
 * Deribit's BTC portfolio-margin parameters (price range, vol shocks, contingencies).
 *
 * Source: Deribit API docs, private/pme/simulate example response (timestamp 1718619740501, 2024-06-17): btc_usd price_range 0.16, buckets_count 4, volatility_range_up 0.5, volatility_range_down 0.25, min_volatility_for_shock_up 0.5, short_term_vega_power 0.3, long_term_vega_power 0.13, mm_factor 0.8; vol-shock formula as mimicked by docs.oreome.com "Advanced Risk Scenarios"; contingencies from deribit.com/pages/docs/portfoliomargin (0.01 BTC per net short option per strike; 1% of underlying for offsetting futures)
 */
import type { PortfolioAssetParams } from '../paramsTypes.js';

const DERIBIT_PM =
  'Deribit API docs, private/pme/simulate example response (timestamp 1718619740501, 2024-06-17): btc_usd price_range 0.16, buckets_count 4, volatility_range_up 0.5, volatility_range_down 0.25, min_volatility_for_shock_up 0.5, short_term_vega_power 0.3, long_term_vega_power 0.13, mm_factor 0.8; vol-shock formula as mimicked by docs.oreome.com "Advanced Risk Scenarios"; contingencies from deribit.com/pages/docs/portfoliomargin (0.01 BTC per net short option per strike; 1% of underlying for offsetting futures)';

/** Deribit BTC portfolio-margin parameters (±16%, Deribit vol shocks, 1% option contingency off, SOM 1%). */
export const DERIBIT_BTC_PORTFOLIO: PortfolioAssetParams = {
  priceRange: 0.16,
  volScan: {
    mode: 'deribit',
    up: 0.5,
    down: 0.25,
    minVolForShockUp: 0.5,
    shortTermVegaPower: 0.3,
    longTermVegaPower: 0.13,
  },
  shortOptionMinimum: 0.01,
  optionContingency: 0,
  futuresContingency: 0,
  source: DERIBIT_PM,
};
