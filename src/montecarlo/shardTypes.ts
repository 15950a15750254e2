/** The shapes a Monte Carlo shard travels in: the job, its result, a claimed-block run's result (plain JSON). */
import type { Market, Position } from '../core/model.js';
import type { ModelOptions } from './book.js';
import type { TailBufferState } from './tailBuffer.js';

/** One shard: paths [pathOffset, pathOffset + paths) of a run of `totalPaths`. Plain JSON. */
export interface ShardJob {
  positions: Position[];
  market: Market;
  options: ModelOptions & { seed: number; substream?: number };
  pathOffset: number;
  paths: number;
  /** Paths of the whole run (sizes the tail buffer so the merged VaR/ES is exact). */
  totalPaths: number;
  /** Confidence of the VaR/ES the run reports (sizes the tail buffer). */
  confidence: number;
}
/** What a shard returns. Plain JSON. */
export interface ShardResult {
  pathOffset: number;
  paths: number;
  /** Worst losses of the shard. */
  tail: TailBufferState;
  /** Σ pnl and Σ pnl² over the shard in path order (the moments of a result without `blockSums`). */
  sum: number;
  sumSq: number;
  /**
   * Σ pnl and Σ pnl² of each substream block of the shard (4096 paths; the first is partial when `pathOffset` is not
   * a multiple of 4096), interleaved: [Σ₀, Σ²₀, Σ₁, Σ²₁, …]. {@link combineShards} adds these in global block order,
   * which makes the mean and standard deviation the same bits whatever the shard and thread count.
   */
  blockSums?: number[];
}
/** What a thread running claimed blocks ({@link runClaimedRun}) returns: its tail and how many paths it ran. */
export interface ClaimedRunResult {
  tail: TailBufferState;
  paths: number;
}
