/// <reference types="node" />
/** A Monte Carlo VaR/ES run spread over riskcore workers through a BullMQ queue. */
import { RiskInputError } from 'riskcore';
import { checkKeys, checkNumber, checkObject, knownKeys } from 'riskcore';
import { combineShards, planShards } from 'riskcore/montecarlo';
import type { ShardJob, ShardResult } from 'riskcore/montecarlo';
import { SUBSTREAM_PATHS } from 'riskcore/montecarlo';
import { MC_SHARD } from './connection.js';
import type { RedisConnection } from './connection.js';
import { RUN_FIELDS, shardedSettings, shardedTarget, TARGET_FIELDS } from './shardedInput.js';
import { runShardQueue } from './shardQueue.js';
import { decodeShardResult } from './wire.js';

/** Paths per shard by default: 2²⁰ (256 substreams), about a second of one core for a small options book. */
export const DEFAULT_SHARD_PATHS = 1_048_576;

/** Input of {@link runDistributedMonteCarlo}. */
export interface DistributedMonteCarloInput {
  connection: RedisConnection;
  /** Queue name (default `'riskcore'`); the workers must listen on the same. */
  queue?: string;
  /**
   * Names the run: shard jobs get ids `${runId}.shard.${i}`, so submitting the same run again adds no job and
   * returns the same figures while the results are kept. A different run needs a different id.
   */
  runId: string;
  positions: ShardJob['positions'];
  market: ShardJob['market'];
  options: ShardJob['options'];
  totalPaths: number;
  confidence: number;
  /** Number of shards (each a whole number of 4096-path substreams). Give `shards` or `shardPaths`, not both. */
  shards?: number;
  /** Paths per shard, ≥ 4096 (default {@link DEFAULT_SHARD_PATHS}). */
  shardPaths?: number;
  /** Called as shards complete: (shards done, total shards). A callback that throws fails the run (`code: 'callback'`). */
  onProgress?: (shardsDone: number, totalShards: number) => void;
  /**
   * Deadline of the whole run in milliseconds, from the call (connecting, queueing and waiting for the shards;
   * at most 2³¹ − 1): past it the run rejects with a `DistributedRunError` (`code: 'deadline'`). Default: none.
   */
  timeoutMs?: number;
  /**
   * Deadline for connecting to Redis, authenticating and queueing the shards, in milliseconds (default 10,000): an
   * unreachable server, a wrong password or a TLS mismatch rejects with `code: 'connect'` and the client's last error.
   */
  connectTimeoutMs?: number;
  /** Seconds completed shard results stay in Redis for resubmission (default 3600). */
  keepSeconds?: number;
  /** Attempts per shard for errors other than bad input (default 3). */
  attempts?: number;
}

/** Result of {@link runDistributedMonteCarlo}: VaR/ES (positive losses), P&L mean and sd, paths and shards. */
export interface DistributedMonteCarloResult {
  var: number;
  es: number;
  paths: number;
  mean: number;
  std: number;
  shards: number;
}

/**
 * Monte Carlo VaR and ES (Acerbi–Tasche, at `confidence`, positive losses) of a book over `horizon`, computed by
 * riskcore workers listening on a Redis-backed queue (see `startRiskWorker` or the `riskcore-worker` executable).
 * The run is cut into shards at 4096-path substream boundaries; each worker returns its shard's worst losses and
 * sums; the merge is exact, so VaR and ES equal the single-thread run of the same seed to the bit, whatever the
 * number of workers or shards, and whichever worker (re)ran a shard. `mean`/`std` agree to rounding (summation order).
 *
 * A shard that fails for good (bad input, or errors on every attempt) rejects the run with its failedReason;
 * the other shards still run. Figures are in the quote currency of the market.
 *
 * @example
 * ```ts
 * import { startRedisServer, startRiskWorker, runDistributedMonteCarlo } from '@riskcore/distributed';
 * import { planShards, runShard, combineShards } from 'riskcore/montecarlo';
 * const redis = await startRedisServer();
 * const worker = await startRiskWorker({ connection: redis.url, queue: 'doc-mc' });
 * const input = {
 *   positions: [{ kind: 'spot' as const, underlying: 'BTC', quantity: 1 }, { kind: 'perp' as const, underlying: 'ETH', quantity: -5 }],
 *   market: { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } } },
 *   options: { horizon: 1 / 365, seed: 3 }, totalPaths: 40000, confidence: 0.99,
 * };
 * const r = await runDistributedMonteCarlo({ ...input, connection: redis.url, queue: 'doc-mc', runId: 'book-1', shards: 4 });
 * const single = combineShards([runShard(planShards({ ...input, shards: 1 })[0])], 0.99);
 * console.log(r.var === single.var, r.es === single.es); // 'true true'
 * await worker.close();
 * await redis.stop();
 * ```
 */
const INPUT_KEYS = knownKeys(
  ...TARGET_FIELDS,
  'positions',
  'market',
  'options',
  'totalPaths',
  'confidence',
  ...RUN_FIELDS,
);

export async function runDistributedMonteCarlo(
  input: DistributedMonteCarloInput,
): Promise<DistributedMonteCarloResult> {
  const started = performance.now();
  const o = checkObject(input, 'input');
  checkKeys(o, 'input', INPUT_KEYS);
  const target = shardedTarget(o);
  const total = checkNumber(o.totalPaths, 'input.totalPaths', { ge: 1, integer: true });
  const { shards, shardPaths, queue } = shardedSettings(o, { min: SUBSTREAM_PATHS, fallback: DEFAULT_SHARD_PATHS });
  const jobs = planShards({
    positions: input.positions,
    market: input.market,
    options: input.options,
    totalPaths: total,
    confidence: input.confidence,
    shards: shards ?? Math.ceil(total / shardPaths),
  });
  const results = await runShardQueue({
    ...target,
    name: MC_SHARD,
    ...queue,
    jobs,
    started,
    onProgress: input.onProgress,
    accept: (value, i, id) => {
      const r: ShardResult = decodeShardResult(value, `shards[${i}]`);
      if (r.pathOffset !== jobs[i].pathOffset || r.paths !== jobs[i].paths || r.tail.total !== jobs[i].paths) {
        throw new RiskInputError(
          'input.runId',
          'an id not already used by a different run',
          target.runId,
          `job ${id} holds paths ${r.pathOffset}+${r.paths}, this run's shard ${i} is ${jobs[i].pathOffset}+${jobs[i].paths}`,
        );
      }
      return r;
    },
  });
  return { ...combineShards(results, input.confidence), shards: jobs.length };
}
