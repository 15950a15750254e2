/// <reference types="node" />
/** A protocol-risk simulation (simulateProtocolRisk) spread over riskcore workers through a BullMQ queue. */
import { RiskInputError } from 'riskcore';
import { checkKeys, checkNumber, checkObject, knownKeys } from 'riskcore';
import { combineProtocolRiskShards, planProtocolRiskShards } from 'riskcore/stress';
import type { Protocol, ProtocolMarket, ProtocolRiskOptions, ProtocolRiskResult } from 'riskcore/stress';
import { PROTOCOL_RISK_SHARD } from './connection.js';
import type { RedisConnection } from './connection.js';
import { decodeProtocolRiskResult } from './protocolRiskWire.js';
import { RUN_FIELDS, shardedSettings, shardedTarget, TARGET_FIELDS } from './shardedInput.js';
import { runShardQueue } from './shardQueue.js';

/**
 * Paths per protocol-risk shard by default: 32. A path of a 2,000-account book over 24 hourly steps takes about
 * 0.1 s of one loaded core, so such a shard takes a few seconds: within a worker's lock renewal (lockDuration / 2,
 * 15 s by default), past which the job would be declared stalled and run again. Larger books or longer paths need
 * smaller shards (`shardPaths`) or a longer `lockDuration` on the workers.
 */
export const DEFAULT_PROTOCOL_SHARD_PATHS = 32;

/** Input of {@link runDistributedProtocolRisk}. */
export interface DistributedProtocolRiskInput {
  connection: RedisConnection;
  /** Queue name (default `'riskcore'`); the workers must listen on the same. */
  queue?: string;
  /**
   * Names the run: shard jobs get ids `${runId}.shard.${i}`, so submitting the same run again adds no job and
   * returns the same figures while the results are kept. A different run needs a different id.
   */
  runId: string;
  protocol: Protocol;
  market: ProtocolMarket;
  /** The run's options, as for simulateProtocolRisk (`paths` is the whole run). */
  options: ProtocolRiskOptions;
  /** Number of shards (consecutive paths, as even as possible). Give `shards` or `shardPaths`, not both. */
  shards?: number;
  /** Paths per shard, ≥ 1 (default {@link DEFAULT_PROTOCOL_SHARD_PATHS}). */
  shardPaths?: number;
  /** Called as shards complete: (shards done, total shards). A callback that throws fails the run (`code: 'callback'`). */
  onProgress?: (shardsDone: number, totalShards: number) => void;
  /** Deadline of the whole run in milliseconds, from the call (at most 2³¹ − 1); past it: `code: 'deadline'`. */
  timeoutMs?: number;
  /** Deadline for connecting to Redis and queueing the shards, in milliseconds (default 10,000; `code: 'connect'`). */
  connectTimeoutMs?: number;
  /** Seconds completed shard results stay in Redis for resubmission (default 3600). */
  keepSeconds?: number;
  /** Attempts per shard for errors other than bad input (default 3). */
  attempts?: number;
}

/** Result of {@link runDistributedProtocolRisk}: the run's figures, as simulateProtocolRisk's, and its shard count. */
export type DistributedProtocolRiskResult = ProtocolRiskResult & { shards: number };

const INPUT_KEYS = knownKeys(...TARGET_FIELDS, 'protocol', 'market', 'options', ...RUN_FIELDS);

/**
 * The distribution of a protocol's bad debt, as `simulateProtocolRisk` computes it, with the paths run by riskcore
 * workers listening on a Redis-backed queue (`startRiskWorker` or the `riskcore-worker` executable). The run is cut
 * into shards of consecutive paths; each worker returns the figures of each of its paths; the merge joins them in
 * path order, so the result equals `simulateProtocolRisk` with the same inputs bit for bit, whatever the number of
 * workers or shards and whichever worker (re)ran a shard. Inputs are validated before anything is queued.
 *
 * A shard that fails for good (bad input, or errors on every attempt) rejects the run with its failedReason.
 *
 * @example
 * ```ts
 * import { startRedisServer, startRiskWorker, runDistributedProtocolRisk } from '@riskcore/distributed';
 * import { simulateProtocolRisk } from 'riskcore/stress';
 * const redis = await startRedisServer();
 * const worker = await startRiskWorker({ connection: redis.url, queue: 'doc-pr' });
 * const protocol = { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } };
 * const market = { assets: { ETH: { vol: 0.8 } } };
 * const options = { paths: 1000, steps: 30, dt: 1 / 365, seed: 7 };
 * const r = await runDistributedProtocolRisk({
 *   connection: redis.url, queue: 'doc-pr', runId: 'eth-30d', protocol, market, options, shards: 3,
 * });
 * const { shards, ...figures } = r;
 * console.log(shards, JSON.stringify(figures) === JSON.stringify(simulateProtocolRisk(protocol, market, options))); // '3 true'
 * await worker.close();
 * await redis.stop();
 * ```
 */
export async function runDistributedProtocolRisk(
  input: DistributedProtocolRiskInput,
): Promise<DistributedProtocolRiskResult> {
  const started = performance.now();
  const o = checkObject(input, 'input');
  checkKeys(o, 'input', INPUT_KEYS);
  const target = shardedTarget(o);
  const { shards, shardPaths, queue } = shardedSettings(o, { min: 1, fallback: DEFAULT_PROTOCOL_SHARD_PATHS });
  const opts = checkObject(o.options, 'input.options');
  const paths = checkNumber(opts.paths, 'input.options.paths', { ge: 1, integer: true });
  const jobs = planProtocolRiskShards(input.protocol, input.market, {
    ...input.options,
    shards: shards ?? Math.ceil(paths / shardPaths),
  });
  const results = await runShardQueue({
    ...target,
    name: PROTOCOL_RISK_SHARD,
    ...queue,
    jobs,
    started,
    onProgress: input.onProgress,
    accept: (value, i, id) => {
      const r = decodeProtocolRiskResult(value, `shards[${i}]`);
      const j = jobs[i];
      if (r.pathOffset !== j.pathOffset || r.paths !== j.paths || r.totalPaths !== paths || r.seed !== j.options.seed) {
        throw new RiskInputError(
          'input.runId',
          'an id not already used by a different run',
          target.runId,
          `job ${id} holds paths ${r.pathOffset}+${r.paths} of ${r.totalPaths} (seed ${r.seed}), this run's shard ${i} is ${j.pathOffset}+${j.paths} of ${paths} (seed ${j.options.seed})`,
        );
      }
      return r;
    },
  });
  return { ...combineProtocolRiskShards(results), shards: jobs.length };
}
