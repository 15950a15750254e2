/**
 * The montecarlo module's friend API: what other riskcore modules (distributed, es) and the benchmarks may use
 * besides the public index. Import these from here, never from the files that define them. Not part of the
 * published API.
 */
export { RandomStream } from './stream.js';
export { combineShards, planShards, runShard } from './shard.js';
export type { ShardJob, ShardResult } from './shard.js';
export { SUBSTREAM_PATHS } from './simulate.js';
export { choleskyPSD } from './correlation.js';
