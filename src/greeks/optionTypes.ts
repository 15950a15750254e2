/** The input and output shapes of the scalar pricing functions (optionPrice, optionGreeks). */
import type { OptionType, PricingModel, Settlement } from '../core/model.js';

/** Input of {@link optionPrice} / {@link optionGreeks}. */
export interface OptionInput {
  /** `'bsm'` (default, on `spot`), `'black76'` or `'bachelier'` (on `forward`). */
  model?: PricingModel;
  type: OptionType;
  /** Spot price (bsm only), > 0. */
  spot?: number;
  /** Forward price (black76: > 0; bachelier: any finite number). */
  forward?: number;
  /** Strike (> 0; bachelier: any finite number). */
  strike: number;
  /** Time to expiry in years, ≥ 0. */
  expiry: number;
  /** Implied vol, ≥ 0: lognormal per unit for bsm/black76, absolute (price units per √year) for bachelier. */
  vol: number;
  /** Continuously compounded risk-free rate of the quote currency (discounting); default 0. */
  rate?: number;
  /** Continuous dividend/carry yield of the underlying (bsm only); default 0. */
  dividendYield?: number;
  /**
   * `'linear'` (default): value in quote currency. `'inverse'` (bsm, black76): value in coin = USD value / S with
   * S the model's underlying (spot for bsm, forward for black76), and Greeks are partials of that coin value.
   */
  settlement?: Settlement;
  /**
   * Set `true` to accept values that are usually unit slips: a lognormal vol above 5 (500%), a rate or dividend
   * yield above 1 (100%) in magnitude, an expiry above 10 years. Without it these are refused with a hint.
   */
  allowExtreme?: boolean;
}
/** Price and Greeks of one option (see the module conventions; x = spot for bsm, forward otherwise). */
export interface OptionGreeks {
  price: number;
  /** ∂V/∂x. */
  delta: number;
  /** ∂²V/∂x². */
  gamma: number;
  /** ∂V/∂σ (per 1.00 of vol). */
  vega: number;
  /** −∂V/∂T per year (x held fixed). */
  theta: number;
  /** ∂V/∂r per 1.00 of rate (black76/bachelier: the discount factor's sensitivity, forward held). */
  rho: number;
  /** ∂²V/∂x∂σ. */
  vanna: number;
  /** ∂²V/∂σ². */
  volga: number;
  /** −∂Δ/∂T per year. */
  charm: number;
}
