/** The shapes a protocol-risk shard travels in (plain JSON): the job and its per-path figures. */
import type { Protocol, ProtocolMarket, ProtocolRiskOptions } from './types.js';

/**
 * One shard of a {@link simulateProtocolRisk} run: paths [pathOffset, pathOffset + paths) of the run of
 * `options.paths` paths. Plain JSON: send it to a worker thread, a queue or another machine.
 */
export interface ProtocolRiskShardJob {
  protocol: Protocol;
  market: ProtocolMarket;
  /** The options of the whole run (`paths` is the run's number of paths). */
  options: ProtocolRiskOptions;
  /** First path of the shard (integer ≥ 0). */
  pathOffset: number;
  /** Paths of the shard (integer ≥ 1, pathOffset + paths ≤ options.paths). */
  paths: number;
}

/** One path in full, as JSON: the money figures as decimal strings (exact). */
export interface ProtocolPathDetailJSON {
  moves: Record<string, number[]>;
  badDebt: string;
  liquidatedNotional: string;
  insuranceFund: string;
  deficit: string;
  liquidated: string[];
}

/**
 * What a shard returns: the figures of each of its paths, in path order (index i is path pathOffset + i), and the
 * run they belong to. Plain JSON; {@link combineProtocolRiskShards} merges the shards of a run into its result.
 * Money figures are in quote currency, as floats.
 */
export interface ProtocolRiskShardResult {
  pathOffset: number;
  paths: number;
  /** Paths, seed and batches of the run. */
  totalPaths: number;
  seed: number;
  batches: number;
  /** Asset names, in the order of `byAsset`. */
  assets: string[];
  badDebt: number[];
  liquidatedNotional: number[];
  liquidations: number[];
  /** Insurance fund drawn to cover bad debt, and left at the end. */
  fundDrawn: number[];
  fundLeft: number[];
  /** 1 where bad debt outran the fund on the path (ADL or deficit), else 0. */
  fundExhausted: number[];
  /** Bad debt attributed to each asset (`byAsset[k][i]`), and the unattributed rest. */
  byAsset: number[][];
  unattributed: number[];
  /** Likelihood ratio of each path, in a run with `options.importanceSampling` (absent in a plain run). */
  weight?: number[];
  /** The shard's paths among the run's first `options.detail`, in full. */
  detail: ProtocolPathDetailJSON[];
}
