/**
 * Margin parameters as data (types only): size tiers for delta-one positions, the standard short-option formula,
 * portfolio-margin scan ranges and scenario grids, add-ons and cross-underlying aggregation. Plain JSON (no
 * functions, no `Infinity`: the last tier has `upTo: null`). The published parameter sets are in `presets/`.
 */

/** One size tier: rates apply to the part of the notional (quote currency) up to `upTo` (`null`: no bound). */
export interface MarginTier {
  /** Upper bound of the tier in quote-currency notional; `null` for the last, unbounded tier. */
  upTo: number | null;
  /** Initial margin rate (1 / max leverage) for notional in this tier. */
  initialRate: number;
  /** Maintenance margin rate for notional in this tier. */
  maintenanceRate: number;
}

/** Delta-one margin: tiers by notional, the rate rising with size (Binance / Hyperliquid / dYdX v4 style). */
export interface LinearMarginParams {
  /** Tiers in increasing `upTo`; rates non-decreasing. */
  tiers: MarginTier[];
  source: string;
}

/**
 * Standard (position-by-position) option margin, Deribit's published formula, per unit of underlying, in quote:
 * - short call: IM = max(imBase − OTM/S, imMin)·S + mark, MM = mm·S + mark;
 * - short put: MM = max(mm·S, mm·mark) + mark, IM = max(max(imBase − OTM/S, imMin)·S + mark, MM);
 * - long call/put: IM = MM = mark (the premium is held, no leverage on long options).
 * OTM = max(K − S, 0) for a call, max(S − K, 0) for a put; S the underlying price, mark the option's value.
 */
export interface OptionMarginParams {
  imBase: number;
  imMin: number;
  mm: number;
  source: string;
}

/** How the vol scan shocks an option's implied vol σ (T in days = expiry·365). */
export type VolScan =
  /** σ ± up/down vol points (SPAN's absolute volatility scan range). */
  | { mode: 'absolute'; up: number; down: number }
  /** σ·(1 ± up/down). */
  | { mode: 'relative'; up: number; down: number }
  /**
   * Deribit portfolio margin: σ_up = max(σ·(1 + up·(30/days)^p), minVolForShockUp), σ_down = max(σ·(1 − down·(30/days)^p), 0),
   * p = shortTermVegaPower when days < 30, else longTermVegaPower.
   */
  | {
      mode: 'deribit';
      up: number;
      down: number;
      minVolForShockUp: number;
      shortTermVegaPower: number;
      longTermVegaPower: number;
    };

/** Portfolio-margin parameters of one underlying. */
export interface PortfolioAssetParams {
  /** Price scan range as a fraction of the price (0.16 = ±16%); grid scenarios in `'range'` units are multiples of it. */
  priceRange: number;
  volScan: VolScan;
  /** Short option minimum (SPAN): this fraction of S per net short option (per strike and expiry); the scan risk is at least this. */
  shortOptionMinimum: number;
  /** Option contingency (Deribit): this fraction of S × Σ |option quantity|, added. */
  optionContingency: number;
  /** Futures roll contingency (Deribit): this fraction of S × the offsetting dated-futures quantity (min of long and short), added. Not subadditive. */
  futuresContingency: number;
  source: string;
}

/** Everything the engine needs for one underlying. */
export interface AssetMarginParams {
  linear: LinearMarginParams;
  option: OptionMarginParams;
  portfolio: PortfolioAssetParams;
}

/** One scenario of a grid: a price move, a vol move, and the fraction of the resulting loss that counts. */
export interface GridScenario {
  label: string;
  /** Price move: a multiple of the asset's `priceRange` (`priceUnit: 'range'`) or a relative move (`'fraction'`, −0.66 = −66%). */
  price: number;
  priceUnit: 'range' | 'fraction';
  /** Vol scenario: up or down by the asset's `volScan`, or unchanged. */
  vol: 'up' | 'down' | 'none';
  /** Fraction of the loss covered (SPAN extreme moves: 0.35). */
  weight: number;
}

/** A scenario grid as data. */
export interface ScenarioGrid {
  name: string;
  scenarios: GridScenario[];
  source: string;
}

/** How per-underlying portfolio risks R_k combine. */
export interface Aggregation {
  /** `'sum'`: Σ R_k. `'correlation'`: max(√(Σ ρ_kl R_k R_l), (1 − maxCredit)·Σ R_k). */
  method: 'sum' | 'correlation';
  /** Largest fraction of Σ R_k the correlation offset may credit (0.5: never below half of the sum). */
  maxCredit: number;
  /** Correlations; default `market.correlation`; a pair named by neither counts as 1 (no offset). */
  correlation?: { assets: string[]; matrix: number[][] };
}

/** All margin parameters. Plain data. */
export interface MarginParams {
  /** Per-underlying parameters; `'*'` applies to underlyings not listed. */
  assets: Record<string, AssetMarginParams>;
  /** The portfolio-margin scenario grid (shared by all underlyings; ranges per asset). */
  grid: ScenarioGrid;
  /** Portfolio maintenance margin = mmFactor × portfolio initial margin (Deribit `mm_factor`). */
  mmFactor: number;
  aggregation: Aggregation;
  /** Look-ahead time of the scenarios in years (SPAN: one trading day); options lose this much time to expiry. Default 0. */
  lookAheadYears: number;
  /** Collateral assets valued at 1 quote unit when the market gives them no price (a market price, e.g. of a depegged stablecoin, wins). */
  cashAssets: string[];
  /** Collateral haircuts per asset, fractions in [0, 1] (`'*'` for the rest; default 0). */
  haircuts: Record<string, number>;
}
