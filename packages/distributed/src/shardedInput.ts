/// <reference types="node" />
/**
 * The input fields every sharded run on the queue takes (runDistributedMonteCarlo, runDistributedProtocolRisk):
 * where it runs (connection, queue, run id) and how (shard count or size, progress callback, deadlines, retention,
 * attempts), checked in that order. Internal.
 */
import { checkNumber, RiskInputError } from 'riskcore';
import { checkKey, DEFAULT_QUEUE, redisOptions } from './connection.js';
import type { RedisOptions } from './connection.js';
import { inputDeadlines } from './deadline.js';
import type { ShardQueueRun } from './shardQueue.js';

/** Keys of where a sharded run goes; first among its input's keys. */
export const TARGET_FIELDS = ['connection', 'queue', 'runId'] as const;
/** Keys of how a sharded run is cut and waited for; last among its input's keys. */
export const RUN_FIELDS = [
  'shards',
  'shardPaths',
  'onProgress',
  'timeoutMs',
  'connectTimeoutMs',
  'keepSeconds',
  'attempts',
] as const;

/** Where a sharded run goes. */
export interface ShardedTarget {
  connection: RedisOptions;
  queueName: string;
  runId: string;
}

/** How a sharded run is cut and waited for. */
export interface ShardedSettings {
  /** The shard count given, if any. */
  shards: number | undefined;
  /** Paths per shard: the one given, or the default (meaningless when `shards` is given). */
  shardPaths: number;
  /** The queue's side of the run: deadlines, retention, attempts. */
  queue: Pick<ShardQueueRun<unknown>, 'timeoutMs' | 'connectTimeoutMs' | 'keepSeconds' | 'attempts'>;
}

/** `input.connection`, `input.queue` (default `'riskcore'`) and `input.runId` of the checked input object `o`. */
export function shardedTarget(o: Record<string, unknown>): ShardedTarget {
  return {
    connection: redisOptions(o.connection, 'input.connection'),
    queueName: o.queue === undefined ? DEFAULT_QUEUE : checkKey(o.queue, 'input.queue'),
    runId: checkKey(o.runId, 'input.runId'),
  };
}

/**
 * `input.shards` or `input.shardPaths` (not both; paths per shard an integer ≥ `minShardPaths`, default
 * `defaultShardPaths`), `input.onProgress`, `input.timeoutMs`, `input.connectTimeoutMs` (default 10,000),
 * `input.keepSeconds` (default 3600) and `input.attempts` (default 3) of the checked input object `o`.
 */
export function shardedSettings(
  o: Record<string, unknown>,
  shardPaths: { min: number; fallback: number },
): ShardedSettings {
  if (o.shards !== undefined && o.shardPaths !== undefined)
    throw new RiskInputError('input.shardPaths', 'absent when input.shards is given', o.shardPaths);
  const shards = o.shards === undefined ? undefined : checkNumber(o.shards, 'input.shards', { ge: 1, integer: true });
  const perShard =
    o.shardPaths === undefined
      ? shardPaths.fallback
      : checkNumber(o.shardPaths, 'input.shardPaths', { ge: shardPaths.min, integer: true });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new RiskInputError('input.onProgress', 'a function', o.onProgress);
  const { timeoutMs, connectTimeoutMs } = inputDeadlines(o);
  const keepSeconds =
    o.keepSeconds === undefined ? 3600 : checkNumber(o.keepSeconds, 'input.keepSeconds', { ge: 1, integer: true });
  const attempts =
    o.attempts === undefined ? 3 : checkNumber(o.attempts, 'input.attempts', { ge: 1, le: 100, integer: true });
  return { shards, shardPaths: perShard, queue: { timeoutMs, connectTimeoutMs, keepSeconds, attempts } };
}
