/**
 * Internal: the validated shapes the cascade engine (src/stress/cascadeEngine.ts) runs on. Not exported from
 * riskcore/stress.
 */
import type { Money } from '../core/money.js';
import type { CascadeAssetRound, CascadeAssetTotals, CascadeMoneyTotals, CascadeRoundMoney } from './cascadeTypes.js';

/** One asset's validated market: exogenous path, book depth, price floor, liquidation threshold, oracle. */
export interface EngineAsset {
  name: string;
  /** Price before any move. */
  p0: Money;
  /** Exogenous relative move per round (0 beyond it). */
  path: number[];
  /** Quote notional that moves the price 100%; null: no impact. */
  depth: Money | null;
  /** Lowest price impact or moves can reach (12 dp). */
  floor: Money;
  /** Highest price impact or moves can reach (12 dp): `maxPriceMultiple` × the initial price. */
  cap: Money;
  /** 1 − liquidation threshold, exact and as a float (for the screen). */
  lt1: Money;
  lt1f: number;
  /** Oracle lag in rounds (fractional: linear between rounds). */
  latency: number;
  /** Rounds [from, to] during which the oracle is frozen at its previous value. */
  stale: [number, number] | null;
  /** Round → oracle jump move. */
  jumps: Map<number, number>;
}

/** An account as the engine holds it: per-asset collateral c, perp size s and entry e (0 when none). */
export interface EngineAccount {
  id: string;
  idx: number;
  c: Money[];
  s: Money[];
  e: Money[];
  cash: Money;
  debt: Money;
  /** Float copies for the screen: c, s, e per asset and cash − debt. */
  cf: number[];
  sf: number[];
  ef: number[];
  bf: number;
  liq: number | null;
}

export interface EngineConfig {
  assets: EngineAsset[];
  rounds: number;
  mmf: number;
  penalty: number;
  fund: Money;
  adl: boolean;
}

/** One round: the money side as the public round, per-asset prices and running unit totals in asset order. */
export interface EngineRound extends CascadeRoundMoney {
  assets: CascadeAssetRound[];
  assetTotals: CascadeAssetTotals[];
  totals: CascadeMoneyTotals;
}

export interface EngineResult {
  rounds: EngineRound[];
  liquidated: string[];
  totalBadDebt: Money;
  finalPrices: Money[];
  insuranceFund: Money;
  deficit: Money;
  totalLiquidatedNotional: Money;
  /** Some market price reached its ceiling (the book was too thin for the forced trades: figures saturated). */
  priceCapped: boolean;
}
