/// <reference types="node" />
/**
 * The queue side of a sharded run (Monte Carlo, protocol risk): queue the shard jobs under ids `${runId}.shard.${i}`,
 * wait for each, check and decode its result, report progress, all within the connection and run deadlines.
 * Internal.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { RedisOptions } from './connection.js';
import { closeClients, DistributedRunError, RedisErrors, withDeadline } from './deadline.js';
import { JobWaiter } from './waiter.js';

/** One sharded run on the queue. */
export interface ShardQueueRun<R> {
  connection: RedisOptions;
  queueName: string;
  runId: string;
  /** Job name the workers dispatch on. */
  name: string;
  /** Data of each shard job. */
  jobs: unknown[];
  attempts: number;
  keepSeconds: number;
  timeoutMs: number | undefined;
  connectTimeoutMs: number;
  /** `performance.now()` at the call: the run's deadline counts from there. */
  started: number;
  onProgress?: (shardsDone: number, totalShards: number) => void;
  /** Decode and check the stored result of shard `i` (job id `id`); throw to fail the run. */
  accept: (value: unknown, i: number, id: string) => R;
}

/** Queue the shards, wait for all of them and return their accepted results in shard order. */
export async function runShardQueue<R>(run: ShardQueueRun<R>): Promise<R[]> {
  const { connection, queueName, runId, jobs, timeoutMs, connectTimeoutMs, started, onProgress } = run;
  const ids = jobs.map((_, i) => `${runId}.shard.${i}`);
  const queue = new Queue(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  const errors = new RedisErrors();
  errors.watch(queue, events);
  let waiter: JobWaiter | undefined;
  let done = 0;
  const remaining = () =>
    timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - started));
  const expired = () =>
    new DistributedRunError(
      'deadline',
      `run ${runId}: ${jobs.length - done} of ${jobs.length} shards not done within ${timeoutMs} ms (are workers listening on queue '${queueName}'? ${errors.describe()})`,
    );
  try {
    // connecting, authenticating and queueing: bounded by the connection deadline (and the run's, if shorter)
    const connectMs = Math.min(connectTimeoutMs, remaining() ?? Infinity);
    await withDeadline(
      (async () => {
        await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
        waiter = new JobWaiter(queue, events);
        await queue.addBulk(
          jobs.map((data, i) => ({
            name: run.name,
            data,
            opts: {
              jobId: ids[i],
              attempts: run.attempts,
              backoff: { type: 'exponential', delay: 250 },
              removeOnComplete: { age: run.keepSeconds },
              removeOnFail: { age: run.keepSeconds },
            },
          })),
        );
      })(),
      connectMs,
      () =>
        connectMs < connectTimeoutMs
          ? expired()
          : new DistributedRunError(
              'connect',
              `run ${runId}: Redis at ${connection.host}:${connection.port} not ready and the shards not queued within ${connectTimeoutMs} ms (${errors.describe()})`,
            ),
    );
    const w = waiter as unknown as JobWaiter;
    let callbackError: DistributedRunError | undefined;
    const all = Promise.all(
      ids.map(async (id, i) => {
        let value: unknown;
        try {
          value = await w.wait(id);
        } catch (e) {
          throw new DistributedRunError('job', (e as Error).message, { cause: e });
        }
        const r = run.accept(value, i, id);
        done++;
        if (onProgress !== undefined && callbackError === undefined) {
          try {
            onProgress(done, jobs.length);
          } catch (cause) {
            callbackError = new DistributedRunError('callback', `run ${runId}: the onProgress callback threw`, {
              cause,
            });
            throw callbackError;
          }
        }
        return r;
      }),
    );
    const results = await withDeadline(all, remaining(), expired);
    w.close();
    await closeClients([events, queue]);
    return results;
  } catch (e) {
    // a failed run rejects now; its clients are closed (or cut off) in the background
    waiter?.close();
    void closeClients([events, queue]);
    throw e;
  }
}
