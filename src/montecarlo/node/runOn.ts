/// <reference types="node" />
/**
 * A Monte Carlo run on the pool's workers: the input, its validation, the dynamic (claimed blocks) or static
 * (shards) split, and the merge of the workers' results. Internal to `riskcore/montecarlo/node` (index.ts).
 */
import { MessageChannel } from 'node:worker_threads';
import type { Tinypool } from 'tinypool';
import { RiskInputError } from '../../core/errors.js';
import { checkKeys, checkNumber, checkObject, knownKeys } from '../../core/validate.js';
import { combineClaimedRun, combineShards, planShards } from '../shard.js';
import type { ClaimedRunResult, ShardJob, ShardResult } from '../shard.js';
import { SUBSTREAM_PATHS } from '../simulate.js';
import type { ShardTask } from './worker.js';

/** Input of {@link simulateParallel}: a shard plan plus threads and a progress callback. */
export interface ParallelRunInput {
  positions: ShardJob['positions'];
  market: ShardJob['market'];
  options: ShardJob['options'];
  totalPaths: number;
  confidence: number;
  /**
   * Worker threads, an integer in [1, 256] (default: available parallelism). Checked, then ignored, by
   * {@link MonteCarloPool.run} (the pool's own count).
   */
  threads?: number;
  /**
   * Static shards: cut the run into this many tasks up front ({@link planShards}), each worker taking the next task
   * when it finishes one. Default (undefined): dynamic, one task per worker and the workers claim the run's
   * 4096-path substream blocks from a shared counter (SharedArrayBuffer) until none is left — no round trip per
   * piece, and the workers finish at most one block apart whatever the host does to either core. The static cut's
   * last pieces are whole shards: on the options bench book the two workers finished a median 20 ms apart (of ~170 ms)
   * with 2 shards per thread. Both give the same VaR/ES; the dynamic run's mean and standard deviation are summed
   * block by block in block order, so they too are the same bits whatever the thread count. Those per-block sums take
   * 16 bytes per 4096 paths; runs longer than 2²² blocks (~1.7·10¹⁰ paths) use the static cut, 2 shards per thread.
   */
  shards?: number;
  /**
   * Called as paths complete: (paths done, total paths); the last call is (total, total). A callback that throws
   * fails the run with a {@link MonteCarloPoolError} (`code: 'callback'`, the thrown value as `cause`).
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Deadline of the run in milliseconds (at most {@link MAX_RUN_TIMEOUT_MS}); past it the run rejects with a
   * {@link MonteCarloPoolError} (`code: 'deadline'`) and the pool's workers are replaced. Default: none.
   */
  timeoutMs?: number;
}

const RUN_INPUT_KEYS = knownKeys(
  'positions',
  'market',
  'options',
  'totalPaths',
  'confidence',
  'threads',
  'shards',
  'onProgress',
  'timeoutMs',
);

/** VaR/ES (positive losses, quote currency) and P&L mean/sd of a parallel run. */
export interface ParallelRunResult {
  var: number;
  es: number;
  paths: number;
  mean: number;
  std: number;
}

/** Run one task on the pool; with `progress`, the task's cumulative counts arrive on its own port and whatever is
 * not reported yet is added when it completes (from the result's `paths`). */
async function runTask<R extends { paths: number }>(
  pool: Tinypool,
  task: ShardTask,
  progress?: (delta: number) => void,
): Promise<R> {
  if (!progress) return (await pool.run(task)) as R;
  const { port1, port2 } = new MessageChannel();
  let reported = 0;
  let finished = false;
  port1.on('message', (d: number) => {
    if (finished || d <= reported) return;
    progress(d - reported);
    reported = d;
  });
  try {
    const r = (await pool.run({ ...task, port: port2 }, { transferList: [port2] })) as R;
    finished = true;
    if (reported < r.paths) progress(r.paths - reported);
    return r;
  } finally {
    finished = true;
    port1.close();
  }
}

/**
 * Longest run (in 4096-path blocks) split by claiming: its per-block sums take 16 bytes per block, 64 MiB at this
 * cap (about 1.7·10¹⁰ paths); longer runs use the static cut, whose memory does not grow with the run.
 */
const MAX_CLAIMED_BLOCKS = 2 ** 22;

export async function runOn(
  pool: Tinypool,
  threads: number,
  input: ParallelRunInput,
  onCallbackError: (e: unknown) => void,
): Promise<ParallelRunResult> {
  const o = checkObject(input, 'input');
  checkKeys(o, 'input', RUN_INPUT_KEYS);
  const shards = o.shards === undefined ? undefined : checkNumber(o.shards, 'input.shards', { ge: 1, integer: true });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new RiskInputError('input.onProgress', 'a function', o.onProgress);
  const onProgress = o.onProgress as ParallelRunInput['onProgress'];
  const jobs = planShards({
    positions: input.positions,
    market: input.market,
    options: input.options,
    totalPaths: input.totalPaths,
    confidence: input.confidence,
    shards: shards ?? 1,
  });
  const total = jobs.reduce((s, j) => s + j.paths, 0);
  let done = 0;
  let callbackFailed = false;
  const progress =
    onProgress &&
    ((delta: number) => {
      done += delta;
      if (callbackFailed) return;
      try {
        onProgress(done, total);
      } catch (e) {
        // the caller's code must not escape as an uncaught exception from a message handler: it fails the run
        callbackFailed = true;
        onCallbackError(e);
      }
    });
  const blocks = Math.ceil(total / SUBSTREAM_PATHS);
  if (shards === undefined && blocks <= MAX_CLAIMED_BLOCKS) {
    // dynamic: one task per worker, each claiming 4096-path blocks from a shared counter until none is left
    const claim = { counter: new SharedArrayBuffer(4), sums: new SharedArrayBuffer(16 * blocks) };
    const tasks = Array.from({ length: Math.min(threads, blocks) }, () =>
      runTask<ClaimedRunResult>(pool, { job: jobs[0], claim }, progress),
    );
    return combineClaimedRun(await Promise.all(tasks), new Float64Array(claim.sums), total, jobs[0].confidence);
  }
  // static: the plan's shards (an explicit count, or 2 per thread for runs too long for the per-block sums)
  const plan = shards === undefined ? planShards({ ...jobs[0], shards: threads * 2 }) : jobs;
  const results = await Promise.all(plan.map((job) => runTask<ShardResult>(pool, { job }, progress)));
  return combineShards(results, input.confidence);
}
