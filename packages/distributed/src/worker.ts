/// <reference types="node" />
/** A BullMQ worker that executes riskcore jobs ('mc-shard', 'protocol-risk-shard', 'margin-batch') from one queue. */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job, JobJsonRaw } from 'bullmq';
import { RiskInputError } from 'riskcore';
import { checkKeys, checkNumber, checkObject, knownKeys } from 'riskcore';
import {
  closeClients,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DistributedRunError,
  optionalTimeout,
  RedisErrors,
  withDeadline,
} from './deadline.js';
import { checkKey, DEFAULT_QUEUE, MARGIN_BATCH, MC_SHARD, PROTOCOL_RISK_SHARD, redisOptions } from './connection.js';
import type { RedisConnection } from './connection.js';
import { ContextCache, processMarginBatch, processProtocolRiskShard, processShard } from './processor.js';
import { encodeAnswers } from './wire.js';

/** Options of {@link startRiskWorker}. Times in milliseconds. */
export interface RiskWorkerOptions {
  connection: RedisConnection;
  /** Queue name (default `'riskcore'`). */
  queue?: string;
  /**
   * Jobs run at once (default 1). Jobs are synchronous CPU work on this thread, so more than 1 only interleaves
   * waiting; run one worker process per core instead.
   */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal (default 30,000). Renewal runs on this thread every
   * lockDuration/2, and a job blocks the thread while it computes: keep every job shorter than lockDuration/2
   * (shards of ~10⁶ paths take about a second), or the job is declared stalled and run again elsewhere (same
   * numbers, wasted work).
   */
  lockDuration?: number;
  /** How often this worker looks for stalled jobs of dead workers (default 30,000). */
  stalledInterval?: number;
  /** Times a job may stall (its worker died or lost the lock) before it fails (default 3). */
  maxStalledCount?: number;
  /** Receives one line per job start and end (`start mc-shard run1.shard.0`, `end mc-shard run1.shard.0 ok 412ms`) and per error. */
  log?: (line: string) => void;
  /**
   * Deadline for connecting to Redis and authenticating, in milliseconds (default 10,000): past it the start
   * rejects with a `DistributedRunError` (`code: 'connect'`) naming the client's last error.
   */
  connectTimeoutMs?: number;
}

const OPTION_KEYS = knownKeys(
  'connection',
  'queue',
  'concurrency',
  'lockDuration',
  'stalledInterval',
  'maxStalledCount',
  'log',
  'connectTimeoutMs',
);

/** Marks the data of a job whose stored fields are not JSON (pushed into the queue by something other than riskcore). */
const MALFORMED = '__riskcoreMalformedJob';

/**
 * A BullMQ worker that never leaves a job it cannot read stuck in `active`: a job whose stored data or options are
 * not JSON reaches the processor as a marker and fails for good, with the parse error as its reason.
 */
class RiskcoreBullWorker extends Worker {
  protected override createJob(data: JobJsonRaw, jobId: string): Job {
    try {
      return super.createJob(data, jobId);
    } catch (e) {
      const reason = `job data is not JSON: ${(e as Error)?.message ?? String(e)}`;
      return super.createJob(
        { ...data, data: JSON.stringify({ [MALFORMED]: reason }), opts: '{}', progress: '0' } as JobJsonRaw,
        jobId,
      );
    }
  }
}

/** A running worker: `close()` finishes the current job and disconnects; `worker` is the BullMQ Worker. */
export interface RiskWorker {
  close(): Promise<void>;
  worker: Worker;
}

/**
 * Start a worker for riskcore jobs on a Redis-backed BullMQ queue, resolved once connected. Run one per core, on
 * any machine that reaches the Redis server (the `riskcore-worker` executable does this from a shell).
 *
 * Input errors in a job (RiskInputError) fail it at once without retries; a worker that dies mid-job leaves a
 * lock that expires after `lockDuration`, and another worker re-runs the job (the result is the same to the bit:
 * jobs are deterministic).
 *
 * @example
 * ```ts
 * import { startRedisServer, startRiskWorker, runDistributedMonteCarlo } from '@riskcore/distributed';
 * const redis = await startRedisServer();
 * const w = await startRiskWorker({ connection: redis.url, queue: 'doc-worker' });
 * const r = await runDistributedMonteCarlo({
 *   connection: redis.url, queue: 'doc-worker', runId: 'eth-1d',
 *   positions: [{ kind: 'spot', underlying: 'ETH', quantity: 10 }],
 *   market: { assets: { ETH: { price: 3000, vol: 0.7 } } },
 *   options: { horizon: 1 / 365, seed: 7 }, totalPaths: 20000, confidence: 0.99, shards: 2,
 * });
 * console.log(r.paths, r.shards); // '20000 2'
 * await w.close();
 * await redis.stop();
 * ```
 */
export async function startRiskWorker(options: RiskWorkerOptions): Promise<RiskWorker> {
  const o = checkObject(options, 'options');
  checkKeys(o, 'options', OPTION_KEYS);
  const connection = redisOptions(o.connection, 'options.connection');
  const connectTimeoutMs = optionalTimeout(
    o.connectTimeoutMs,
    'options.connectTimeoutMs',
    DEFAULT_CONNECT_TIMEOUT_MS,
  ) as number;
  const queue = o.queue === undefined ? DEFAULT_QUEUE : checkKey(o.queue, 'options.queue');
  const concurrency =
    o.concurrency === undefined
      ? 1
      : checkNumber(o.concurrency, 'options.concurrency', { ge: 1, le: 1000, integer: true });
  const lockDuration =
    o.lockDuration === undefined
      ? 30_000
      : checkNumber(o.lockDuration, 'options.lockDuration', { ge: 100, integer: true });
  const stalledInterval =
    o.stalledInterval === undefined
      ? 30_000
      : checkNumber(o.stalledInterval, 'options.stalledInterval', { ge: 100, integer: true });
  const maxStalledCount =
    o.maxStalledCount === undefined
      ? 3
      : checkNumber(o.maxStalledCount, 'options.maxStalledCount', { ge: 0, integer: true });
  if (o.log !== undefined && typeof o.log !== 'function') throw new RiskInputError('options.log', 'a function', o.log);
  const log = o.log as ((line: string) => void) | undefined;
  const contexts = new ContextCache(4);

  const processor = async (job: Job): Promise<unknown> => {
    log?.(`start ${job.name} ${job.id}`);
    const t0 = performance.now();
    let status = 'failed';
    try {
      let out: unknown;
      const data = job.data as Record<string, unknown> | null;
      if (data !== null && typeof data === 'object' && typeof data[MALFORMED] === 'string')
        throw new UnrecoverableError(data[MALFORMED] as string);
      if (job.name === MC_SHARD) out = processShard(job.data);
      else if (job.name === MARGIN_BATCH) out = encodeAnswers(processMarginBatch(job.data, contexts));
      else if (job.name === PROTOCOL_RISK_SHARD) out = processProtocolRiskShard(job.data);
      else
        throw new UnrecoverableError(
          `unknown job name ${JSON.stringify(job.name)} (expected '${MC_SHARD}', '${PROTOCOL_RISK_SHARD}' or '${MARGIN_BATCH}')`,
        );
      status = 'ok';
      return out;
    } catch (e) {
      // bad input fails the same way on every attempt: no retries
      if (e instanceof RiskInputError) throw new UnrecoverableError(`RiskInputError: ${e.message}`);
      throw e;
    } finally {
      log?.(`end ${job.name} ${job.id} ${status} ${Math.round(performance.now() - t0)}ms`);
    }
  };
  const worker = new RiskcoreBullWorker(queue, processor, {
    connection,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount,
    autorun: true,
  });
  const errors = new RedisErrors();
  errors.watch(worker);
  worker.on('error', (e) => log?.(`error ${e instanceof Error ? e.message : String(e)}`));
  try {
    await withDeadline(
      worker.waitUntilReady(),
      connectTimeoutMs,
      () =>
        new DistributedRunError(
          'connect',
          `riskcore worker: Redis at ${connection.host}:${connection.port} not ready within ${connectTimeoutMs} ms (${errors.describe()})`,
        ),
    );
  } catch (e) {
    void closeClients([worker]);
    throw e;
  }
  return { worker, close: () => worker.close() };
}
