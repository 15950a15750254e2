/**
 * Internal: the price process of {@link simulateLendingCascade}. Each asset's market price is its starting integer
 * price times an index (exact decimal, 12 places, as the generic cascade's prices) that the round's move multiplies;
 * the oracle reads that index through the generic cascade's oracle (`oraclePrice`: latency, stale window, jumps);
 * liquidators' sales of the asset push the index down by sold value / depth from the next round on.
 */
import { Money } from '../../core/money.js';
import { oraclePrice } from '../cascadeMarket.js';
import type { EngineAsset } from '../cascadeEngineTypes.js';
import type { PricedAsset } from './protocolState.js';

const DP = 12;
const ONE12 = 10n ** 12n;
/** The index never leaves [1e-12, 1e6]: an integer price stays ≥ 1 price unit and within the contracts' ranges. */
const MIN_INDEX = 1n;
const MAX_INDEX = 10n ** 18n;

/** One asset's price process, validated. */
export interface PriceTrack {
  asset: PricedAsset;
  moves: readonly number[];
  oracle: Pick<EngineAsset, 'latency' | 'stale' | 'jumps'>;
  /** Value (protocol's value unit) whose sale moves the price 100%; null: no impact, no slippage. */
  depth: bigint | null;
}

/** The running state of one asset's price. */
export interface PriceRun {
  track: PriceTrack;
  /** Market index at the start of each round (starts[0] = 1, before any move), 12 dp. */
  starts: Money[];
  index: Money;
  lastOracle: Money;
  /** Integer prices of the current round. */
  oracle: bigint;
  market: bigint;
}

const toUnits = (x: Money): bigint => BigInt(x.mul(ONE12.toString()).toFixed(0));
const fromUnits = (u: bigint): Money => new Money(u.toString()).div(ONE12.toString());
const clampUnits = (u: bigint): bigint => (u < MIN_INDEX ? MIN_INDEX : u > MAX_INDEX ? MAX_INDEX : u);
const atIndex = (p0: bigint, units: bigint): bigint => {
  const p = (p0 * units) / ONE12;
  return p < 1n && p0 > 0n ? 1n : p;
};

/** A price run before round 0. */
export function startRun(track: PriceTrack): PriceRun {
  const one = new Money(1);
  return { track, starts: [one], index: one, lastOracle: one, oracle: track.asset.p0, market: track.asset.p0 };
}

/** Round r: apply the move, read the oracle; sets the run's integer oracle and market prices. */
export function advance(run: PriceRun, r: number): void {
  const mv = r < run.track.moves.length ? run.track.moves[r] : 0;
  if (mv !== 0)
    run.index = fromUnits(clampUnits(toUnits(run.index.mul(new Money(1).plus(String(mv))).toDecimalPlaces(DP))));
  run.starts.push(run.index);
  run.lastOracle = run.track.asset.fixed ? run.index : oraclePrice(run.track.oracle, run.starts, r, run.lastOracle);
  run.oracle = atIndex(run.track.asset.p0, clampUnits(toUnits(run.lastOracle)));
  run.market = atIndex(run.track.asset.p0, toUnits(run.index));
}

/** Slippage of selling `value` after `sold` this round against `depth`: ((sold + value)² − sold²) / (2·depth). */
export function slippage(depth: bigint | null, sold: bigint, value: bigint): bigint {
  if (depth === null || value === 0n) return 0n;
  return ((sold + value) ** 2n - sold ** 2n) / (2n * depth);
}

/** After the round: the index falls by the factor (1 − sold / depth), rounded down (at least 1e-12). */
export function impact(run: PriceRun, sold: bigint): void {
  const d = run.track.depth;
  if (d === null || sold === 0n) return;
  const units = sold >= d ? MIN_INDEX : clampUnits((toUnits(run.index) * (d - sold)) / d);
  run.index = fromUnits(units);
}
