/**
 * The public input and result types of {@link simulateLiquidationCascade} (src/stress/cascade.ts documents the
 * model and its conservation identities).
 */
import type { Money, MoneyInput } from '../core/money.js';
import type { Scenario } from './scenario.js';

/** One account in a single-asset cascade. Lending-style: collateral (asset units) + debt (quote). Perp: cash margin + a perp. */
export interface CascadeAccount {
  /** Identifier carried into the results; default its index. */
  id?: string;
  /** Collateral held in units of the cascade's asset (≥ 0). */
  collateral?: MoneyInput;
  /** Quote-currency cash (margin) balance (≥ 0). */
  cash?: MoneyInput;
  /** Quote-currency debt (≥ 0). */
  debt?: MoneyInput;
  /** A linear perp on the asset: signed size in units (long > 0) and entry price (> 0). */
  perp?: { size: MoneyInput; entryPrice: MoneyInput };
  /** Not accepted in a single-asset cascade (use `perp`, or `params.assets` with {@link MultiAssetCascadeAccount}). */
  perps?: never;
}

/** A linear perp on one asset of a multi-asset cascade: signed size in units (long > 0), entry price (> 0). */
export interface CascadePerp {
  asset: string;
  size: MoneyInput;
  entryPrice: MoneyInput;
}

/** One cross-collateral account in a multi-asset cascade (`params.assets` given). */
export interface MultiAssetCascadeAccount {
  /** Identifier carried into the results; default its index. */
  id?: string;
  /** Collateral per asset, in units of that asset (each ≥ 0); every key must be an asset of `params.assets`. */
  collateral?: Record<string, MoneyInput>;
  /** Quote-currency cash (margin) balance (≥ 0). */
  cash?: MoneyInput;
  /** Quote-currency debt (≥ 0). */
  debt?: MoneyInput;
  /** Linear perps, at most one per asset of `params.assets`. */
  perps?: CascadePerp[];
  /** Not accepted in a multi-asset cascade (a perp must name its asset: use `perps`). */
  perp?: never;
}

/** Oracle behaviour. */
export interface CascadeOracle {
  /** Lag behind the market in rounds (may be fractional: linear between rounds); default 0. */
  latency?: number;
  /** Lag in seconds; with `roundSeconds` it is converted to rounds (latency = latencySeconds / roundSeconds). */
  latencySeconds?: number;
  /** Length of a round in seconds (needed with `latencySeconds`). */
  roundSeconds?: number;
  /** Rounds [from, to] (inclusive) during which the oracle is frozen at its value of round from − 1. */
  stale?: [number, number];
  /** Oracle jumps: in `round`, the oracle reads (1 + move) × its value. */
  jumps?: Array<{ round: number; move: number }>;
}

/** Parameters of a single-asset {@link simulateLiquidationCascade}. */
export interface CascadeParams {
  /** Price of the asset before any move (quote per unit, > 0). */
  price: MoneyInput;
  /** Exogenous relative move per round (round r uses path[r]; each > −1). Default `[shock]`. */
  path?: number[];
  /** A single exogenous move in round 0 (used when `path` is absent); default 0. */
  shock?: number;
  /** Rounds simulated; default max(path length, 20). */
  rounds?: number;
  /** Liquidation threshold of the collateral, in (0, 1]: healthy while collateral·price·LT ≥ debt − cash. Default 0.8. */
  liquidationThreshold?: number;
  /** Maintenance margin fraction of perp notional, in [0, 1); default 0.05. */
  maintenanceMargin?: number;
  /** Liquidation penalty as a fraction of the liquidated notional, paid to the insurance fund; default 0.05. */
  penalty?: number;
  /**
   * Order-book depth: the quote notional that would move the price 100% (linear impact). Absent or null: no
   * price impact.
   */
  depth?: MoneyInput | null;
  /** Lowest price impact can reach, as a fraction of `price`; default 1e-6. */
  minPriceFraction?: number;
  /**
   * Highest price impact or moves can reach, as a multiple of `price`, in (1, 1e15]; default 1e6. Forced buys
   * (shorts closed) in a thin book raise the price multiplicatively, p' = p·(1 + Q·p/depth), which grows without
   * bound; at the ceiling the price saturates and the result's `priceCapped` is true.
   */
  maxPriceMultiple?: number;
  /** Insurance fund at the start (quote, ≥ 0); default 0. */
  insuranceFund?: MoneyInput;
  /** Oracle lag, staleness and jumps. */
  oracle?: CascadeOracle;
  /** Auto-deleverage live profitable positions when the fund is exhausted; default true. */
  adl?: boolean;
  /**
   * A stress {@link Scenario} to run the cascade under, for the asset named `asset`: its move is the round-0 shock
   * (when neither `path` nor `shock` is given), its liquidity multiplier scales `depth`, and an oracle move that
   * differs from the market move becomes an oracle jump in round 0.
   */
  scenario?: Scenario;
  /** The asset's name in `scenario` (required with it). */
  asset?: string;
  /** Absent in a single-asset cascade (see {@link MultiAssetCascadeParams}). */
  assets?: undefined;
}

/** One asset's market in a multi-asset cascade; each field means what it means at the top of {@link CascadeParams}. */
export interface CascadeAssetMarket {
  /** Price before any move (quote per unit, > 0). */
  price: MoneyInput;
  /** Exogenous relative move per round (each > −1); default `[shock]`. */
  path?: number[];
  /** A single exogenous move in round 0 (used when `path` is absent); default 0, or the scenario's move. */
  shock?: number;
  /** Quote notional that moves this asset's price 100% (linear impact); absent or null: no impact. */
  depth?: MoneyInput | null;
  /** Lowest price impact can reach, as a fraction of `price`; default `params.minPriceFraction` (1e-6). */
  minPriceFraction?: number;
  /** Highest price impact or moves can reach, as a multiple of `price`; default `params.maxPriceMultiple` (1e6). */
  maxPriceMultiple?: number;
  /** This asset's oracle lag, staleness and jumps. */
  oracle?: CascadeOracle;
  /** Liquidation threshold of this asset as collateral, in (0, 1]; default 0.8. */
  liquidationThreshold?: number;
}

/**
 * Parameters of a multi-asset (cross-collateral) {@link simulateLiquidationCascade}: a market per asset in
 * `assets`; penalty, maintenance margin, insurance fund, ADL and rounds are shared. The single-asset market fields
 * are refused at the top level (set them per asset).
 */
export interface MultiAssetCascadeParams {
  /** The assets, by name (at least one); their order is the order an account's assets are sold in. */
  assets: Record<string, CascadeAssetMarket>;
  /** Rounds simulated; default max(longest path, 20). */
  rounds?: number;
  /** Maintenance margin fraction of perp notional (every asset), in [0, 1); default 0.05. */
  maintenanceMargin?: number;
  /** Liquidation penalty as a fraction of the liquidated notional (all assets); default 0.05. */
  penalty?: number;
  /** Default of each asset's `minPriceFraction`; default 1e-6. */
  minPriceFraction?: number;
  /** Default of each asset's `maxPriceMultiple`; default 1e6. */
  maxPriceMultiple?: number;
  /** Insurance fund at the start (quote, ≥ 0); default 0. */
  insuranceFund?: MoneyInput;
  /** Auto-deleverage live profitable positions (every asset) when the fund is exhausted; default true. */
  adl?: boolean;
  /**
   * A stress {@link Scenario} applied to every asset by name (`'*'` entries apply to assets not named): its move
   * is an asset's round-0 shock when the asset gives neither `path` nor `shock`, its liquidity multiplier scales
   * the asset's depth, and an oracle move that differs from the market move becomes an oracle jump in round 0
   * (unless the asset's oracle already jumps in round 0).
   */
  scenario?: Scenario;
  price?: never;
  path?: never;
  shock?: never;
  depth?: never;
  oracle?: never;
  liquidationThreshold?: never;
  asset?: never;
}

/** Running unit totals of one asset (live units, units sold / closed). */
export interface CascadeAssetTotals {
  collateral: Money;
  collateralSold: Money;
  size: Money;
  sizeClosed: Money;
}

/** Running money totals (quote) after a round; see the module's conservation identities. */
export interface CascadeMoneyTotals {
  balance: Money;
  proceeds: Money;
  fees: Money;
  badDebt: Money;
  covered: Money;
  adl: Money;
  deficit: Money;
  fund: Money;
}

/** Running totals after a round of a single-asset cascade: the asset's units and the money. */
export interface CascadeTotals extends CascadeAssetTotals, CascadeMoneyTotals {}

/** Running totals of a multi-asset cascade: units per asset, money as with one asset. */
export interface MultiAssetCascadeTotals extends CascadeMoneyTotals {
  byAsset: Record<string, CascadeAssetTotals>;
}

/** The money side of one round, the same with one asset or several. */
export interface CascadeRoundMoney {
  round: number;
  /** Ids of the accounts liquidated this round. */
  accountsLiquidated: string[];
  /** Quote notional liquidated this round (Σ |units| × execution price, over all assets). */
  liquidatedNotional: Money;
  /** Bad debt created this round. */
  badDebt: Money;
  /** Penalties paid to the fund this round. */
  fees: Money;
  /** Of this round's bad debt: covered by the fund, charged by ADL, left as deficit. */
  covered: Money;
  adl: Money;
  deficit: Money;
  /** Insurance fund at the end of the round. */
  insuranceFund: Money;
}

/** What happened in one round of a single-asset cascade. */
export interface CascadeRound extends CascadeRoundMoney {
  /** Market price at the start of the round, after the exogenous move. */
  marketPrice: Money;
  /** Oracle price liquidators acted on. */
  oraclePrice: Money;
  /** Market price at the end of the round, after the liquidation sales' impact. */
  priceAfter: Money;
  /** Running totals (conservation terms) at the end of the round. */
  totals: CascadeTotals;
}

/** One asset in one round of a multi-asset cascade. */
export interface CascadeAssetRound {
  /** Market price at the start of the round, after the exogenous move. */
  marketPrice: Money;
  /** Oracle price liquidators acted on. */
  oraclePrice: Money;
  /** Market price at the end of the round, after the liquidation sales' impact in this asset's book. */
  priceAfter: Money;
  /** Quote notional liquidated in this asset's book this round (Σ |units| × execution price). */
  liquidatedNotional: Money;
}

/**
 * What happened in one round of a multi-asset cascade: prices per asset in `byAsset` (there is no single market,
 * oracle or closing price), money as in {@link CascadeRound}.
 */
export interface MultiAssetCascadeRound extends CascadeRoundMoney {
  /** Prices and notional per asset (`liquidatedNotional` = Σ byAsset[a].liquidatedNotional). */
  byAsset: Record<string, CascadeAssetRound>;
  /** Running totals (conservation terms) at the end of the round. */
  totals: MultiAssetCascadeTotals;
}

/** Result of a single-asset {@link simulateLiquidationCascade}. */
export interface CascadeResult {
  rounds: CascadeRound[];
  /** Ids of every account liquidated, in order. */
  liquidated: string[];
  totalBadDebt: Money;
  totalLiquidatedNotional: Money;
  /**
   * True when some market price reached its ceiling (`maxPriceMultiple` × its initial price): the book was too
   * thin for the forced trades, the price saturated there and later figures are at the saturated price.
   */
  priceCapped: boolean;
  finalPrice: Money;
  insuranceFund: Money;
  deficit: Money;
  /** The accounts after the cascade (liquidated ones closed: no collateral, no perp, no debt). */
  accounts: Array<{
    id: string;
    collateral: Money;
    cash: Money;
    debt: Money;
    size: Money;
    entryPrice: Money;
    liquidatedInRound: number | null;
  }>;
}

/** Result of a multi-asset {@link simulateLiquidationCascade}. */
export interface MultiAssetCascadeResult {
  rounds: MultiAssetCascadeRound[];
  /** Ids of every account liquidated, in order. */
  liquidated: string[];
  totalBadDebt: Money;
  totalLiquidatedNotional: Money;
  /**
   * True when some market price reached its ceiling (`maxPriceMultiple` × its initial price): the book was too
   * thin for the forced trades, the price saturated there and later figures are at the saturated price.
   */
  priceCapped: boolean;
  /** Each asset's market price at the end. */
  finalPrices: Record<string, Money>;
  insuranceFund: Money;
  deficit: Money;
  /**
   * The accounts after the cascade, with the assets they were given (liquidated ones closed: collateral and perp
   * sizes 0, no debt; ADL may have reduced perps of live ones).
   */
  accounts: Array<{
    id: string;
    collateral: Record<string, Money>;
    cash: Money;
    debt: Money;
    perps: Array<{ asset: string; size: Money; entryPrice: Money }>;
    liquidatedInRound: number | null;
  }>;
}
