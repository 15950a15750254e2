/**
 * Public shapes of {@link simulateLendingCascade}: positions held as each protocol's own positions, the protocol's
 * market with the round-by-round price moves, oracles, market depth and liquidators, and the per-round result.
 */
import type { MoneyInput } from '../../core/money.js';
import type {
  CometAccount,
  CometMarket,
  EulerAccount,
  EulerVault,
  LendingMarketParams,
  MorphoBlueMarket,
  MorphoPosition,
  SeizedAmount,
} from '../../lending/index.js';
import type { CascadeOracle } from '../cascadeTypes.js';

/** The lending protocols whose liquidation rules the cascade runs. */
export type LendingCascadeProtocol = 'aave-v3' | 'compound-v3' | 'morpho-blue' | 'euler-v2';

/** An Aave v3 position: supplied and borrowed balances per reserve, in the reserve's base units. */
export interface AaveCascadePosition {
  id: string;
  supplies: Record<string, bigint>;
  borrows: Record<string, bigint>;
}
/** A Compound III account (`CometAccount` of riskcore/lending) with an id. */
export interface CometCascadePosition extends CometAccount {
  id: string;
}
/** A Morpho Blue position (`MorphoPosition` of riskcore/lending) with an id. */
export interface MorphoCascadePosition extends MorphoPosition {
  id: string;
}
/** An Euler v2 account (`EulerAccount` of riskcore/lending) with an id. */
export interface EulerCascadePosition extends EulerAccount {
  id: string;
}
/** A position of any of the four protocols (the context's `protocol` says which shape is expected). */
export type LendingCascadePosition =
  | AaveCascadePosition
  | CometCascadePosition
  | MorphoCascadePosition
  | EulerCascadePosition;

/** Who liquidates: the cost of one liquidation call and how many calls fit in a round. */
export interface LendingLiquidators {
  /** Gas (and any fixed cost) of one call, in the protocol's value unit (see {@link LendingCascadeResult}). */
  gasCost: bigint;
  /** Liquidation calls per round (Compound: absorbs and collateral purchases each count); omitted: no limit. */
  capacity?: number;
}

/** What every protocol's context shares: the price moves, oracles, depth, liquidators and rounds. */
export interface LendingCascadeCommon {
  /** Rounds simulated (≥ 1). */
  rounds: number;
  /**
   * Exogenous relative move of each asset's market price per round (round r uses moves[asset][r], each > −1; 0
   * beyond). Asset names: Aave reserves (those with a price); Compound collateral assets and `'base'`; Morpho
   * `'collateral'` (its loan asset is the numeraire); Euler collateral assets and `'liability'`.
   */
  moves?: Record<string, number[]>;
  /** Each asset's oracle (latency in rounds, stale window, jumps), as {@link CascadeOracle}; default: no lag. */
  oracle?: Record<string, CascadeOracle>;
  /**
   * Market depth per asset: the value (protocol's value unit) whose sale moves the market price 100%. A sale of
   * value V costs the liquidator V²/(2·depth) of slippage and moves the price by the factor (1 − V/depth) from the
   * next round on. Omitted: no slippage, no impact.
   */
  depth?: Record<string, bigint>;
  liquidators: LendingLiquidators;
}

/** Aave v3.3 market: parameters, starting prices (≤ priceDecimals decimals) and the accounts' e-mode. */
export interface AaveCascadeContext extends LendingCascadeCommon {
  protocol: 'aave-v3';
  market: LendingMarketParams;
  prices: Record<string, MoneyInput>;
  /** E-mode category of every position; omitted or 0: none. */
  eMode?: number;
}
/** Compound III market; collateral bought from the reserves only while reserves are below `targetReserves`. */
export interface CometCascadeContext extends LendingCascadeCommon {
  protocol: 'compound-v3';
  market: CometMarket;
  /** Comet's targetReserves (base units); omitted: purchases are never refused for reserves. */
  targetReserves?: bigint;
}
/** Morpho Blue market (its price is the collateral's oracle price in loan units × 1e36). */
export interface MorphoCascadeContext extends LendingCascadeCommon {
  protocol: 'morpho-blue';
  market: MorphoBlueMarket;
}
/** Euler v2 liability vault. */
export interface EulerCascadeContext extends LendingCascadeCommon {
  protocol: 'euler-v2';
  vault: EulerVault;
}
/** The context of {@link simulateLendingCascade}: one protocol's market and the cascade's environment. */
export type LendingCascadeContext =
  | AaveCascadeContext
  | CometCascadeContext
  | MorphoCascadeContext
  | EulerCascadeContext;

/** One liquidation call (or, for Compound, one absorb or one collateral purchase), in the protocol's units. */
export interface LendingCascadeEvent {
  round: number;
  /** The position's id; for a Compound purchase `'reserves'`. */
  id: string;
  /** `'liquidate'` (Aave, Morpho, Euler), `'absorb'` or `'buyCollateral'` (Compound). */
  kind: 'liquidate' | 'absorb' | 'buyCollateral';
  /** Debt repaid or absorbed (base units of `debtAsset`; Compound buyCollateral: base paid in). */
  debtRepaid: bigint;
  debtAsset: string;
  /** Collateral to the liquidator (Compound absorb: to the protocol's reserves), base units. */
  collateral: SeizedAmount[];
  /** Aave protocol fee taken from the collateral (base units of the collateral asset); 0 elsewhere. */
  protocolFee: bigint;
  /** Debt written off: Aave deficit, Morpho bad debt, Euler socialised debt, Compound absorb shortfall. */
  debtWrittenOff: SeizedAmount[];
  /** Liquidator's result in value units: collateral at market − slippage − debt at market − gas (0 for absorb). */
  profit: bigint;
}

/** One round's figures, in the protocol's value unit (see {@link LendingCascadeResult}). */
export interface LendingCascadeRound {
  round: number;
  /** Oracle and market prices per asset, the protocol's integer price units. */
  oraclePrices: Record<string, bigint>;
  marketPrices: Record<string, bigint>;
  /** Positions a liquidation call (Compound: absorb) would succeed on at the round's oracle prices. */
  liquidatable: number;
  liquidations: number;
  /** Liquidatable positions left because no liquidation was profitable, or for want of capacity. */
  unprofitable: number;
  capacityLimited: number;
  debtRepaid: bigint;
  collateralSeized: bigint;
  liquidatorProfit: bigint;
  gasSpent: bigint;
  slippage: bigint;
  protocolFees: bigint;
  /** Debt written off (value), and how it was borne: by the protocol's reserves and by suppliers. */
  badDebt: bigint;
  reservesUsed: bigint;
  supplierLoss: bigint;
  /** Protocol reserves after the round (Compound getReserves value; Aave fees accrued; 0 for Morpho, Euler). */
  reserves: bigint;
}

/** Totals over the run (value units). */
export interface LendingCascadeTotals {
  liquidations: number;
  debtRepaid: bigint;
  collateralSeized: bigint;
  liquidatorProfit: bigint;
  gasSpent: bigint;
  slippage: bigint;
  protocolFees: bigint;
  badDebt: bigint;
  reservesUsed: bigint;
  supplierLoss: bigint;
}

/**
 * Result of {@link simulateLendingCascade}. Value unit: Aave the oracle base currency (10^priceDecimals per USD),
 * Compound the price-feed unit (1e8 per USD), Morpho loan-asset base units, Euler the vault's unit of account.
 */
export interface LendingCascadeResult {
  protocol: LendingCascadeProtocol;
  rounds: LendingCascadeRound[];
  events: LendingCascadeEvent[];
  totals: LendingCascadeTotals;
  /** Positions after the last round, in the input's shape and order. */
  positions: LendingCascadePosition[];
}
