/**
 * Internal: the per-path figures of a protocol-risk run, whichever cascade produced them (the generic cascade of
 * ./simulate.ts, a lending protocol's rules in ./lendingRisk.ts, a venue's rules in ./venueRisk.ts, shards merged in
 * ./shardMerge.ts); `summarise` of ./simulate.ts reads them.
 */
import type { ProtocolPathDetail } from './types.js';

/** Per-path figures of a run (also the common-random-numbers runs of `recommendCap`). */
export interface PathFigures {
  loss: Float64Array;
  notional: Float64Array;
  count: Float64Array;
  drawn: Float64Array;
  fundLeft: Float64Array;
  exhausted: Float64Array;
  /** Attributed bad debt per asset (engine order) per path, and the unattributed rest. */
  byAsset: Float64Array[];
  unattributed: Float64Array;
  /** Likelihood ratio of each path under importance sampling (./importanceSampling.ts); null for a plain run. */
  weight: Float64Array | null;
  detail: ProtocolPathDetail[];
}

/**
 * Zeroed figures for `paths` paths and one attribution column per name of `assets`, with a weight per path when the
 * run is importance sampled (`tilt` given).
 */
export function newPathFigures(paths: number, assets: readonly string[], tilt?: Float64Array): PathFigures {
  const f = (): Float64Array => new Float64Array(paths);
  return {
    loss: f(),
    notional: f(),
    count: f(),
    drawn: f(),
    fundLeft: f(),
    exhausted: f(),
    byAsset: assets.map(f),
    unattributed: f(),
    weight: tilt ? f() : null,
    detail: [],
  };
}
